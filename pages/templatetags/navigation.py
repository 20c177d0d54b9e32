from django import template
from django.db import DatabaseError

from pagecache.totals import cached_for_rows

from ..models import Page
from ..navigation import current_marks, navigation_links

register = template.Library()


@register.inclusion_tag("pages/includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The header's main navigation, with the visitor's section marked. The links are kept
    until a page changes (not when an article does); marking them costs nothing, so it is
    done for each request."""
    try:
        links = cached_for_rows([Page], "main-navigation", navigation_links)
    except DatabaseError:
        # The error pages show the header while the database is away: the sections only.
        links = navigation_links(with_pages=False)
    request = context.get("request")  # the 500 page is rendered without one
    match = request and request.resolver_match
    namespace = match.namespace if match else ""
    return {"links": current_marks(links, request.path if request else "", namespace)}
