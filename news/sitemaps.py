from core.addresses import Sitemap

from .models import Article


class ArticleSitemap(Sitemap):
    """Live articles only, with the time each last changed."""

    changefreq = "monthly"

    def items(self):
        return Article.objects.live().only("slug", "publish_at", "updated_at").order_by("pk")

    def lastmod(self, article):
        return max(article.updated_at, article.publish_at)
