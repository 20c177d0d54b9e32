"""The news index's total is counted again only when which articles are live changes
(pagecache.totals): an edit is the commonest save, and counting every live article again
cost more than the rest of the page."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Article

from .factories import ArticleFactory
from .test_page_cache import REFUSED, redis_cache  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

NEWS = "/news/"
TOTAL = re.compile(r'<h2 class="results-count"[^>]*>\s*(\d+) articles?\s*</h2>')


def total(client):
    response = client.get(NEWS)
    assert response.status_code == 200
    return int(TOTAL.search(response.content.decode()).group(1))


@pytest.fixture
def articles():
    return [ArticleFactory() for _ in range(3)]


def test_an_edit_is_shown_at_once_without_counting_the_articles_again(client, articles):
    assert total(client) == 3
    articles[0].title = "A corrected headline"
    articles[0].save()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(NEWS)
    assert "A corrected headline" in response.content.decode()
    assert TOTAL.search(response.content.decode()).group(1) == "3"
    assert not [q for q in queries if "COUNT(" in q["sql"]]


def _draft_published(articles):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    draft.status = Article.Status.PUBLISHED
    draft.save()


def _taken_down(articles):
    articles[0].unpublish_at = timezone.now() - timedelta(minutes=1)
    articles[0].save()


def _made_draft(articles):
    articles[1].status = Article.Status.DRAFT
    articles[1].save(update_fields=["status"])


@pytest.mark.parametrize(
    ("change", "after"),
    [
        (lambda articles: ArticleFactory(), 4),
        (_draft_published, 4),
        (_taken_down, 2),
        (_made_draft, 2),
        (lambda articles: articles[2].delete(), 2),
        (lambda articles: ArticleFactory(status=Article.Status.DRAFT), 3),
    ],
    ids=["added", "published", "taken down", "made a draft", "deleted", "draft added"],
)
def test_the_total_follows_every_change_to_which_articles_are_live(client, articles, change, after):
    assert total(client) == 3
    change(articles)
    assert total(client) == after


def test_the_total_follows_a_scheduled_article_going_live(client, articles, time_machine):
    time_machine.move_to(timezone.now())
    ArticleFactory(publish_at=timezone.now() + timedelta(minutes=30))
    assert total(client) == 3
    time_machine.shift(timedelta(minutes=30, seconds=1))
    assert total(client) == 4


def test_filtered_totals_are_counted_as_before(client, articles):
    year = timezone.localtime(articles[0].publish_at).year
    response = client.get(NEWS, {"year": year})
    assert re.search(r"Showing\s+3 articles", response.content.decode())


@pytest.mark.usefixtures("redis_cache")
def test_a_publish_made_while_the_cache_was_down_shows_once_it_is_back(client, settings):
    ArticleFactory()
    draft = ArticleFactory(status=Article.Status.DRAFT)
    assert total(client) == 1
    working = settings.CACHES
    settings.CACHES = {**working, "default": {**working["default"], "LOCATION": REFUSED}}

    draft.status = Article.Status.PUBLISHED
    draft.save()

    settings.CACHES = working
    assert total(client) == 2
