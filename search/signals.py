from django.db import connections
from django.db.models import OuterRef, Subquery
from django.db.models.signals import post_save
from django.dispatch import receiver

from news.models import Article

from .engine import ARTICLE_FIELDS
from .models import ArticleSearchDocument


@receiver(post_save, sender=Article, dispatch_uid="search.update_article_document")
def update_article_document(sender, instance, using, update_fields=None, **kwargs):
    """Recompute a saved article's search vector, in the database, from its columns.

    Saves of other fields only (publishing, say) leave it alone. Queryset `update()` and
    `bulk_create()` send no signal: code that changes text that way must call this too.
    """
    if update_fields is not None and not set(update_fields) & set(ARTICLE_FIELDS.weights):
        return
    if connections[using].vendor != "postgresql":
        return
    documents = ArticleSearchDocument.objects.using(using)
    documents.bulk_create([ArticleSearchDocument(article_id=instance.pk)], ignore_conflicts=True)
    words = Article.objects.filter(pk=OuterRef("article_id")).annotate(v=ARTICLE_FIELDS.vector())
    documents.filter(article_id=instance.pk).update(vector=Subquery(words.values("v")))
