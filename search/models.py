from django.contrib.postgres.search import SearchVectorField
from django.db import models


class ArticleSearchDocument(models.Model):
    """An article's words, weighted and stemmed once when it is saved, so that searching
    and ranking never re-read every matching article's text (PostgreSQL only).

    Kept here rather than on Article so the search index is this app's own business:
    search.signals keeps it current, and migration 0001 indexes it with GIN.
    """

    article = models.OneToOneField(
        "news.Article", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = "article search document"

    def __str__(self):
        return f"Search document for article {self.article_id}"
