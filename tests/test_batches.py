"""Work saves can share, done once for many saves (core.batches): search vectors here."""

import pytest
from django.db import transaction

from core.batches import batch
from news.models import Article
from search.models import ArticleSearchDocument

from .factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


class Interrupted(Exception):
    pass


def save_then_fail(title):
    ArticleFactory(title=title)
    raise Interrupted


def indexed():
    return set(
        ArticleSearchDocument.objects.filter(vector__isnull=False).values_list(
            "article_id", flat=True
        )
    )


def test_a_batch_indexes_its_saves_once_at_the_end_leaving_out_those_rolled_back():
    with batch():
        kept = ArticleFactory(title="Sepsis in newborns")
        with pytest.raises(Interrupted), transaction.atomic():
            save_then_fail("Undone")
        assert indexed() == set()
    assert indexed() == {kept.pk}
    assert list(Article.objects.filter(search_document__vector="sepsis")) == [kept]


def test_an_error_inside_a_batch_still_indexes_what_was_saved_before_it():
    with pytest.raises(Interrupted), batch():
        save_then_fail("Maternity research")
    assert list(Article.objects.filter(search_document__vector="maternity")) == [
        Article.objects.get()
    ]


def test_outside_a_batch_each_save_is_indexed_at_once():
    article = ArticleFactory(title="Genomics")
    assert indexed() == {article.pk}
