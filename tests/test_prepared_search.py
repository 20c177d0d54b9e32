"""The groups found beside the news are searched with SQL compiled once per process and run
again with each search's own words and time, so they must find exactly what a search built
afresh would: what those words match, among what is public at that moment."""

from datetime import timedelta

import pytest
import time_machine
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone

from core.search import SNIPPET_SOURCE_LENGTH, Prepared
from events.models import Event
from publications.models import Publication
from search.views import BEST, MATCHED

from . import pages
from .factories import ArticleFactory, EventFactory, OpportunityFactory, PublicationFactory
from .test_search_bounds import searched

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def groups(client, query):
    """Each group shown on the results page: {label: [(title, text shown under it)]}."""
    return pages.search_groups(client.get(reverse("search:results"), {"q": query}))


def titles(client, query, label):
    return [title for title, _ in groups(client, query).get(label, [])]


@pytest.fixture
def compiles(monkeypatch):
    """How many times a search's SQL has been compiled."""
    made = []
    compile_once = Prepared._compile

    def counted(prepared):
        made.append(prepared)
        return compile_once(prepared)

    monkeypatch.setattr(Prepared, "_compile", counted)
    return made


def test_each_search_finds_its_own_words_with_sql_compiled_once(client, compiles):
    EventFactory(title="Vaccine clinic open day")
    EventFactory(title="Genomics lecture")
    PublicationFactory(title="Vaccine uptake report")

    assert titles(client, "vaccine", "Events") == ["Vaccine clinic open day"]
    first = len(compiles)
    assert titles(client, "genomics", "Events") == ["Genomics lecture"]
    assert titles(client, "uptake", "Publications") == ["Vaccine uptake report"]
    assert titles(client, "uptake", "Events") == []

    assert first > 0
    assert len(compiles) == first  # the later searches ran the same SQL


def test_the_news_each_search_finds_are_read_with_sql_compiled_once_a_page(
    client, settings, compiles
):
    settings.NEWS_PAGE_SIZE = 2
    june = timezone.now().replace(year=2025, month=6, day=1)  # one year, whenever it runs
    for n in range(3):
        ArticleFactory(title=f"Vaccine trial {n}", publish_at=june - timedelta(days=n))
    ArticleFactory(title="Genomics lecture", body="<p>On the <b>genome</b>.</p>")

    assert searched(client, "vaccine")[0] == ["Vaccine trial 0", "Vaccine trial 1"]
    first = len(compiles)
    assert searched(client, "genome")[0] == ["Genomics lecture"]
    assert len(compiles) == first

    assert searched(client, "vaccine", page=2)[0] == ["Vaccine trial 2"]
    assert len(compiles) == first + 1  # the second page's rows
    assert searched(client, "trial", page=2)[0] == ["Vaccine trial 2"]
    assert len(compiles) == first + 1
    # Filtered, the news are built by the ORM for each search.
    assert searched(client, "trial", year=2025, page=2)[0] == ["Vaccine trial 2"]
    assert len(compiles) == first + 1
    # A refused filter narrows nothing: the search is an unfiltered one, compiled for a
    # page of one, a cut of its own.
    settings.NEWS_PAGE_SIZE = 1
    assert searched(client, "trial", member="no-such-member")[0] == ["Vaccine trial 0"]
    assert len(compiles) == first + 2


def test_every_group_and_the_question_which_match_compile_with_only_words_and_time_varying(
    compiles,
):
    EventFactory(title="Vaccine clinic open day")

    assert MATCHED.rows("vaccine") == [("Events",)]
    for label, prepared in BEST.items():
        found = prepared.objects("vaccine")
        assert [event.title for event in found] == (
            ["Vaccine clinic open day"] if label == "Events" else []
        )

    assert len(compiles) == len(BEST) + 1  # none refused


def test_what_goes_live_or_closes_later_is_found_only_from_then(client, compiles):
    soon = timezone.now() + timedelta(hours=1)
    EventFactory(title="Vaccine clinic open day")
    EventFactory(title="Vaccine research showcase", publish_at=soon)
    OpportunityFactory(title="Vaccine fellowship", closes_at=soon + timedelta(hours=1))
    assert titles(client, "vaccine", "Events") == ["Vaccine clinic open day"]
    assert titles(client, "vaccine", "Open opportunities") == ["Vaccine fellowship"]

    with time_machine.travel(soon + timedelta(minutes=1)):
        events = titles(client, "vaccine", "Events")
    with time_machine.travel(soon + timedelta(hours=2)):
        opportunities = titles(client, "vaccines", "Open opportunities")

    assert sorted(events) == ["Vaccine clinic open day", "Vaccine research showcase"]
    assert opportunities == []  # closed by then
    assert len({id(prepared) for prepared in compiles}) == len(compiles)  # each compiled once


def test_a_match_beyond_the_snippets_source_is_found_and_shown_with_its_summary(client):
    filler = (
        "<p>" + "Findings from the regional programme. " * (SNIPPET_SOURCE_LENGTH // 30) + "</p>"
    )
    PublicationFactory(title="Annual review", summary="What the partnership did this year.",
                       body=f"{filler}<p>A vaccine study grew.</p>")  # fmt: skip
    PublicationFactory(title="Trial report", summary="A short report.",
                       body="<p>The vaccine trial recruited early.</p>")  # fmt: skip

    shown = dict(groups(client, "vaccine")["Publications"])

    assert "The <mark>vaccine</mark> trial recruited early" in shown["Trial report"]
    assert shown["Annual review"] == "What the partnership did this year."


@pytest.mark.parametrize(
    ("build", "changes"),
    [
        # Reads the clock itself: its SQL would keep the time it was compiled at.
        (lambda text, now: Event.objects.live().filter(title__search=text), "datetime("),
        # Makes a value of the text: the text's stand-in is not a parameter of its own.
        (
            lambda text, now: Publication.objects.live(now).filter(title__icontains=text),
            "'%preparedsearch%'",
        ),
        # Makes a list of the text's words: refused as plainly, though a list has no hash.
        (
            lambda text, now: Publication.objects.live(now).annotate(
                words=RawSQL("cardinality(%s::text[])", [text.split()])
            ),
            "['preparedsearch']",
        ),
    ],
)
def test_a_search_whose_sql_depends_on_more_than_its_words_and_time_is_refused(build, changes):
    with pytest.raises(ValueError, match="neither its text nor its time") as refused:
        Prepared(build).objects("vaccine")

    assert changes in str(refused.value)
