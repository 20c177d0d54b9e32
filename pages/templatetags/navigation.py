from django import template
from django.db import DatabaseError

from pagecache.parts import cached_for_content

from ..navigation import current_marks, navigation_links

register = template.Library()


@register.inclusion_tag("pages/includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The header's main navigation, with the visitor's section marked. The links are kept
    until content changes; marking them costs nothing, so it is done for each request."""
    try:
        links = cached_for_content("main-navigation", navigation_links)
    except DatabaseError:
        # The error pages show the header while the database is away: the sections only.
        links = navigation_links(with_pages=False)
    request = context.get("request")  # the 500 page is rendered without one
    match = request and request.resolver_match
    namespace = match.namespace if match else ""
    return {"links": current_marks(links, request.path if request else "", namespace)}
