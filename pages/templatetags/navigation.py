from django import template
from django.db import DatabaseError
from django.template.loader import render_to_string

from pagecache.totals import cached_for_rows

from ..models import Page
from ..navigation import current_marks, navigation_links

register = template.Library()


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The header's main navigation, with the visitor's section marked. The links are kept
    until a page changes (not when an article does), and so is their markup, once for each
    way of marking them."""
    request = context.get("request")  # the 500 page is rendered without one
    match = request and request.resolver_match
    namespace = match.namespace if match else ""
    path = request.path if request else ""
    try:
        links = cached_for_rows([Page], "main-navigation", navigation_links)
    except DatabaseError:
        # The error pages show the header while the database is away: the sections only.
        return _render(current_marks(navigation_links(with_pages=False), path, namespace))
    marked = current_marks(links, path, namespace)
    marks = ",".join(str(current) for _, _, current in marked)
    return cached_for_rows([Page], f"main-navigation:{marks}", lambda: _render(marked))


def _render(links):
    return render_to_string("pages/includes/main_navigation.html", {"links": links})
