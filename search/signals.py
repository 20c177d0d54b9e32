from django.db import connections
from django.db.models import OuterRef, Subquery
from django.db.models.signals import post_save
from django.dispatch import receiver

from news.models import ARTICLE_FIELDS, Article

from .models import ArticleSearchDocument


def index_articles(article_ids, using="default"):
    """Compute the search vectors of these articles in the database, from their columns.

    Queryset `update()` and `bulk_create()` send no signal: code that writes article text
    that way calls this itself.
    """
    if connections[using].vendor != "postgresql":
        return
    documents = ArticleSearchDocument.objects.using(using)
    documents.bulk_create(
        [ArticleSearchDocument(article_id=pk) for pk in article_ids], ignore_conflicts=True
    )
    words = Article.objects.filter(pk=OuterRef("article_id")).annotate(v=ARTICLE_FIELDS.vector())
    documents.filter(article_id__in=article_ids).update(vector=Subquery(words.values("v")))


@receiver(post_save, sender=Article, dispatch_uid="search.update_article_document")
def update_article_document(sender, instance, using, update_fields=None, **kwargs):
    """Re-index a saved article; saves of other fields only (publishing, say) need not."""
    if update_fields is not None and not set(update_fields) & set(ARTICLE_FIELDS.weights):
        return
    index_articles([instance.pk], using)
