from django import template

from news.models import Article
from pagecache.parts import cached_for_content

register = template.Library()

LATEST_LIMIT = 6


@register.inclusion_tag("news/includes/latest_news.html")
def latest_news(heading="Latest news"):
    """The newest live articles with a link to the rest: for pages of other apps (the press
    page), which show news without importing it."""

    def latest():
        return list(Article.objects.live().for_listing()[:LATEST_LIMIT])

    return {"heading": heading, "articles": cached_for_content("latest-news", latest)}
