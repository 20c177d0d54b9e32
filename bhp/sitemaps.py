from django.contrib.sitemaps import views
from django.urls import reverse

from core.addresses import Sitemap
from events.sitemaps import EventSitemap
from members.sitemaps import OrganisationSitemap
from news.sitemaps import ArticleSitemap
from opportunities.sitemaps import OpportunitySitemap
from pages.sitemaps import PageTreeSitemap
from people.sitemaps import PersonSitemap
from publications.sitemaps import PublicationSitemap
from strategy.sitemaps import sitemaps as strategy_sitemaps


class PageSitemap(Sitemap):
    """Pages that are not a single object: the home page and section indexes."""

    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "news:article-list",
            "members:organisation-list",
            "strategy:strategy",
            "accessibility",
            "people:index",
            "contact:enquiry",
            "contact:press",
            "contact:privacy",
            "opportunities:list",
            "events:event-list",
            "events:past-list",
            "publications:publication-list",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap(),
    "news": ArticleSitemap(),
    "members": OrganisationSitemap(),
    "page-tree": PageTreeSitemap(),
    **strategy_sitemaps(),
    "people": PersonSitemap(),
    "opportunities": OpportunitySitemap(),
    "events": EventSitemap(),
    "publications": PublicationSitemap(),
}


def sitemap(request):
    """Django's sitemap, with each address on the site's address for this request."""
    return views.sitemap(
        request, {name: each.for_request(request) for name, each in SITEMAPS.items()}
    )
