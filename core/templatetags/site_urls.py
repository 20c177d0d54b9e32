from django import template

from core.structured_data import absolute

register = template.Library()


@register.filter
def absolute_on(url, site_url):
    """`{{ image.url|absolute_on:site_url }}`: the address in full, wherever it is stored."""
    return absolute(site_url, url)
