from core.addresses import LiveSitemap

from .models import Article


class ArticleSitemap(LiveSitemap):
    model = Article
    changefreq = "monthly"
