"""A first-time search ranks a bounded set of candidates and counts up to a cap, so the
commonest word costs about what a rare one does; still a title match comes first and the
page says truthfully how many articles were found."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bhp.apps import look_up_content_types
from core.search import _newest_matches, best_few
from events.models import EVENT_FIELDS, Event
from news.models import ARTICLE_FIELDS, Article
from opportunities.models import OPPORTUNITY_FIELDS, Opportunity
from pagecache.versions import content_version
from publications.models import PUBLICATION_FIELDS, Publication

from . import pages
from .factories import ArticleFactory, EventFactory, OrganisationFactory, PublicationFactory

pytestmark = pytest.mark.django_db
postgres = pytest.mark.postgres

RESULT = re.compile(r'<h3 class="search-result__title"><a href="/news/[^"]*">([^<]*)</a>')
HEADING = re.compile(r'<h2 class="results-count" id="results-heading">([^<]*)</h2>')
STATUS = re.compile(r'<p id="search-status"[^>]*>([^<]*)</p>')
SEARCHED = {Article: ARTICLE_FIELDS, Publication: PUBLICATION_FIELDS, Event: EVENT_FIELDS,
            Opportunity: OPPORTUNITY_FIELDS}  # fmt: skip


def searched(client, query, **filters):
    page = client.get(reverse("search:results"), {"q": query, **filters})
    assert page.status_code == 200
    html = page.content.decode()
    return RESULT.findall(html), HEADING.search(html).group(1), STATUS.search(html).group(1)


@pytest.fixture
def bounds(monkeypatch):
    """Small bounds, so that a few articles exceed them."""

    def set_bounds(candidates, cap):
        monkeypatch.setattr("core.search.CANDIDATES", candidates)
        monkeypatch.setattr("core.search.FEW_CANDIDATES", candidates)
        monkeypatch.setattr("core.search.COUNT_CAP", cap)

    return set_bounds


def _body_matches(count, word="vaccine"):
    for n in range(count):
        ArticleFactory(title=f"Funding round {n}", body=f"<p>A {word} study grows.</p>",
                       publish_at=timezone.now() - timedelta(days=n))  # fmt: skip


@postgres
def test_an_older_title_match_comes_above_newer_body_matches_beyond_the_bound(client, bounds):
    bounds(candidates=2, cap=100)
    _body_matches(4)
    ArticleFactory(title="Vaccine trial opens", body="<p>Recruitment starts.</p>",
                   publish_at=timezone.now() - timedelta(days=300))  # fmt: skip

    results, heading, _ = searched(client, "vaccine")

    assert results == ["Vaccine trial opens", "Funding round 0", "Funding round 1"]
    assert heading == "News: 5 articles found, the best 3 listed"


@postgres
def test_more_matches_than_the_cap_are_said_to_be_more_than_it(client, bounds):
    bounds(candidates=2, cap=3)
    _body_matches(5)

    results, heading, status = searched(client, "vaccine")

    assert heading == "News: more than 3 articles found, the best 2 listed"
    assert status == "News: more than 3 articles found for “vaccine”"
    assert results == ["Funding round 0", "Funding round 1"]


@pytest.mark.parametrize(("count", "wording"), [(1, "1 article found"), (3, "3 articles found")])
def test_matches_within_the_bounds_are_all_listed_and_counted_exactly(
    client, bounds, count, wording
):
    bounds(candidates=3, cap=3)
    _body_matches(count)
    ArticleFactory(title="Something else")

    results, heading, status = searched(client, "vaccine")

    assert heading == f"News: {wording}"
    assert status == f"News: {wording} for “vaccine”"
    assert sorted(results) == [f"Funding round {n}" for n in range(count)]


def test_the_count_follows_a_save_at_once(client, bounds):
    bounds(candidates=2, cap=3)
    _body_matches(3)
    assert searched(client, "vaccine")[1].startswith("News: 3 articles found")

    ArticleFactory(title="Vaccine news", body="<p>More.</p>")

    assert searched(client, "vaccine")[1].startswith("News: more than 3 articles found")


def test_the_bounds_apply_within_the_filters(client, bounds):
    bounds(candidates=2, cap=100)
    _body_matches(4)
    roh = OrganisationFactory(slug="roh")
    ArticleFactory(title="Vaccine at the hospital", organisations=[roh])

    results, heading, _ = searched(client, "vaccine", member="roh")

    assert results == ["Vaccine at the hospital"]
    assert heading == f"News: 1 article found about {roh.name}"  # the filter, in words


@pytest.mark.parametrize("count", [3, 12])
def test_matches_beyond_the_bounds_cost_no_more_queries(client, settings, bounds, count):
    bounds(candidates=4, cap=6)
    settings.NEWS_PAGE_SIZE = 50
    _body_matches(count)

    content_version()
    look_up_content_types()  # as each worker does when it starts
    with CaptureQueriesContext(connection) as queries:
        searched(client, "vaccine")

    # Filter choices, the candidates and their count (one query), the page's rows, which
    # other groups match (none), and the navigation's pages, however many articles match.
    assert len(queries) == 6


@postgres
@pytest.mark.parametrize(
    ("model", "index"),
    [(Article, "article_title_search_idx"), (Publication, "publication_title_search_idx"),
     (Event, "event_title_search_idx"), (Opportunity, "opportunity_title_search_idx")],
)  # fmt: skip
def test_title_matches_are_found_by_the_title_index_not_by_reading_every_match(model, index):
    """Asking which matches have the words in the title read each match's stored vector:
    11 ms for 2,000 publications of which none had "health" in its title."""
    fields = SEARCHED[model]
    title_matches = _newest_matches(model.objects.all(), fields, "vaccine")[1]
    sql, params = title_matches.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        # As if the table were large and the word rare (an empty table is walked in order).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Bitmap Index Scan on {index}" in plan


@postgres
def test_another_groups_older_title_match_comes_above_newer_body_matches(client, bounds):
    """Publications, events and opportunities are shown five at most each: only their
    candidates are ranked, as articles' are."""
    bounds(candidates=2, cap=100)
    for n in range(4):
        PublicationFactory(title=f"Annual report {n}", summary="A vaccine study grows.",
                           published_on=date(2025, 1, 1) - timedelta(days=n))  # fmt: skip
    PublicationFactory(title="Vaccine trial results", published_on=date(2020, 1, 1))

    found = [p.title for p in best_few(Publication.objects.live(), PUBLICATION_FIELDS, "vaccine")]

    # The newest two body matches and the title match; the older body matches are left out.
    assert found == ["Vaccine trial results", "Annual report 0", "Annual report 1"]
    page = client.get(reverse("search:results"), {"q": "vaccine"}).content.decode()
    assert page.index("Vaccine trial results") < page.index("Annual report 0")


@postgres
def test_a_common_words_upcoming_events_are_among_those_ranked(client, bounds):
    """Events are candidates latest first: in their own order (oldest first) the bound kept
    a common word's past events and left the upcoming ones out."""
    bounds(candidates=2, cap=100)
    now = timezone.now()
    for n in range(3):
        EventFactory(title=f"Seminar {n}", summary="On vaccine uptake.",
                     starts_at=now - timedelta(days=30 * (n + 1)))  # fmt: skip
    EventFactory(title="Seminar to come", summary="On vaccine uptake.")

    page = client.get(reverse("search:results"), {"q": "vaccine"})

    events = [title for title, _ in pages.search_groups(page)["Events"]]
    assert "Seminar to come" in events
    assert "Seminar 2" not in events  # the oldest, beyond the bound
