from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from members.sitemaps import OrganisationSitemap
from news.sitemaps import ArticleSitemap
from strategy.sitemaps import sitemaps as strategy_sitemaps


class PageSitemap(Sitemap):
    """Pages that are not a single object: the home page and section indexes."""

    changefreq = "weekly"

    def items(self):
        return ["home", "news:article-list", "members:organisation-list", "strategy:strategy"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap(),
    "news": ArticleSitemap(),
    "members": OrganisationSitemap(),
    **strategy_sitemaps(),
}
