from core.addresses import Sitemap

from .models import Priority, ResearchTheme


class StrategyItemSitemap(Sitemap):
    changefreq = "monthly"

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


def sitemaps():
    return {
        "themes": StrategyItemSitemap(ResearchTheme),
        "priorities": StrategyItemSitemap(Priority),
    }
