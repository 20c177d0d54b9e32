"""The news filter offers a topic the moment a live article carries it, and never before."""

import re

import pytest
from django.test import Client

from news.models import Article

from .factories import ArticleFactory
from .pages import form

pytestmark = pytest.mark.django_db

NEWS = "/news/"


def _topics(client):
    """The topics the filter offers, by slug."""
    page = client.get(NEWS)
    assert page.status_code == 200
    select = re.search(r'<select[^>]*name="tag".*?</select>', page.content.decode(), re.S)
    return set(re.findall(r'<option value="([^"]+)"', select[0]))


def test_a_tag_appears_among_the_topics_when_its_article_is_published_and_not_before():
    ArticleFactory(title="Open trial", tags=["Trials"])
    draft = ArticleFactory(title="Quiet work", status=Article.Status.DRAFT, tags=["Genomics"])
    visitor = Client()
    shown = _topics(visitor)
    assert "trials" in shown
    assert "genomics" not in shown
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert "genomics" in _topics(visitor)


def test_a_new_tag_on_a_live_article_is_offered_at_once_and_filters_the_news():
    article = ArticleFactory(title="Open trial", tags=["Trials"])
    visitor = Client()
    assert "vaccines" not in _topics(visitor)
    article.tags.add("Vaccines")
    assert "vaccines" in _topics(visitor)
    filtered = form(visitor.get(NEWS), "tag").submit(visitor, tag="vaccines")
    assert b"Open trial" in filtered.content


def test_a_tag_left_only_on_an_unpublished_article_is_no_longer_offered():
    article = ArticleFactory(title="Open trial", tags=["Trials"])
    ArticleFactory(title="Other news")
    visitor = Client()
    assert "trials" in _topics(visitor)
    article.status = Article.Status.DRAFT
    article.save()
    assert "trials" not in _topics(visitor)
