from django import template

from core.search import snippet

register = template.Library()


@register.filter
def search_snippet(result):
    """The result's highlighted snippet (safe HTML), or "" when it has none."""
    return snippet(result)
