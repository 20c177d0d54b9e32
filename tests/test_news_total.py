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
from pagecache.totals import _RenewAtCommit
from pagecache.versions import content_version

from .factories import ArticleFactory, OrganisationFactory
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


SHOWING = re.compile(r"Showing\s+(\d+) articles?")


def filtered_total(client, **filters):
    response = client.get(NEWS, filters)
    assert response.status_code == 200
    return int(SHOWING.search(response.content.decode()).group(1))


def test_a_filtered_total_is_not_counted_again_after_an_edit(client, articles):
    member = OrganisationFactory(slug="example-trust")
    articles[0].organisations.add(member)
    assert filtered_total(client, member="example-trust") == 1
    articles[0].title = "A corrected headline"
    articles[0].save()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(NEWS, {"member": "example-trust"})
    assert "A corrected headline" in response.content.decode()
    assert SHOWING.search(response.content.decode()).group(1) == "1"
    assert not [q for q in queries if "COUNT(" in q["sql"]]


def test_a_filtered_total_follows_the_links_of_live_articles(client, articles):
    member = OrganisationFactory(slug="example-trust")
    articles[0].organisations.add(member)
    assert filtered_total(client, member="example-trust") == 1
    articles[1].organisations.add(member)
    assert filtered_total(client, member="example-trust") == 2
    member.articles.remove(articles[0])  # from the member's side
    assert filtered_total(client, member="example-trust") == 1


def test_a_total_by_year_follows_a_live_article_moved_to_another_year(client, articles):
    """Moving a live article's date keeps it live, but moves it between years."""
    this_year = timezone.localtime(articles[0].publish_at).year
    assert filtered_total(client, year=this_year) == 3
    articles[0].publish_at -= timedelta(days=366)
    articles[0].save()
    assert filtered_total(client, year=this_year) == 2
    assert filtered_total(client, year=this_year - 1) == 1


def test_a_members_news_count_is_not_counted_again_after_an_edit_and_follows_its_links(client):
    member = OrganisationFactory(name="Example Trust")
    linked = ArticleFactory.create_batch(7, organisations=[member])
    page = member.get_absolute_url()
    assert "All 7 articles about Example Trust" in client.get(page).content.decode()
    linked[-1].title = "A corrected headline"
    linked[-1].save()
    with CaptureQueriesContext(connection) as queries:
        shown = client.get(page).content.decode()
    assert "A corrected headline" in shown
    assert "All 7 articles about Example Trust" in shown
    assert not [q for q in queries if "COUNT(" in q["sql"] and "news_article" in q["sql"]]
    ArticleFactory(organisations=[member])
    assert "All 8 articles about Example Trust" in client.get(page).content.decode()


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


def test_no_version_made_between_a_commits_callbacks_outlives_the_live_sets_renewal(
    django_capture_on_commit_callbacks,
):
    """A save that publishes commits with callbacks that make the next content version and
    renew the live set. A visitor between the two would read the total kept under the old
    generation and keep it under that version: the renewal forgets it."""
    with django_capture_on_commit_callbacks() as callbacks:
        ArticleFactory()
    renewal = next(
        n for n, callback in enumerate(callbacks) if isinstance(callback, _RenewAtCommit)
    )
    seen = []
    for callback in callbacks[: renewal + 1]:
        callback()
        seen.append(content_version())  # a visitor between the callbacks
    assert seen[-1] not in seen[:-1]
