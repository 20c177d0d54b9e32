"""Events: /events/ and past events, an event's page, its .ics file and the calendar feeds,
UK time across the clock changes and at midnight, the admin, and the page cache."""

import json
import re
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from pagecache.versions import content_version

from .factories import EventFactory, OrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db

# Noon on Sunday 1 March 2026, UK time (GMT): the spring clock change is four weeks off.
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def visitor():
    return Client()


def uk(*args):
    """An aware datetime from a UK wall-clock time (the first, if it happens twice)."""
    return timezone.make_aware(datetime(*args))


def text(response):
    """The page's words as a visitor reads them, without markup or extra spaces."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def titles(response):
    return re.findall(
        r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def json_ld(response, kind):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return next(data for data in map(json.loads, blocks) if data["@type"] == kind)


def parsed_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


# The lists


def test_upcoming_events_are_listed_soonest_first_and_past_ones_apart(visitor, now):
    EventFactory(title="Later", starts_at=now + timedelta(days=20))
    EventFactory(title="Sooner", starts_at=now + timedelta(days=2))
    EventFactory(title="On now", starts_at=now - timedelta(hours=1))
    EventFactory(title="Last month", starts_at=now - timedelta(days=30))
    EventFactory(title="Last year", starts_at=now - timedelta(days=365))
    EventFactory(title="A draft", status="draft")
    EventFactory(title="Not yet public", publish_at=now + timedelta(days=1))

    upcoming = visitor.get("/events/")
    assert titles(upcoming) == ["On now", "Sooner", "Later"]
    assert "3 upcoming events" in text(upcoming)
    past = visitor.get("/events/past/")
    assert titles(past) == ["Last month", "Last year"]
    assert "2 past events" in text(past)


def test_the_list_is_paginated(visitor, now):
    for day in range(14):
        EventFactory(title=f"Day {day:02}", starts_at=now + timedelta(days=day + 1))
    assert titles(visitor.get("/events/")) == [f"Day {day:02}" for day in range(12)]
    assert titles(visitor.get("/events/?page=2")) == ["Day 12", "Day 13"]
    assert visitor.get("/events/?page=3").status_code == 404


def test_events_are_filtered_by_theme_and_by_member_organising_or_concerned(visitor, now):
    theme = ThemeFactory(title="Data", slug="data")
    trust = OrganisationFactory(name="Example Trust", slug="trust")
    EventFactory(title="Organised by the trust", organiser=trust)
    about = EventFactory(title="About the trust and data")
    about.organisations.add(trust)
    about.themes.add(theme)
    EventFactory(title="Something else")

    assert titles(visitor.get("/events/?member=trust")) == [
        "Organised by the trust",
        "About the trust and data",
    ]
    assert titles(visitor.get("/events/?theme=data")) == ["About the trust and data"]
    assert titles(visitor.get("/events/?theme=data&member=trust")) == ["About the trust and data"]


def test_an_unknown_filter_is_explained_and_everything_listed(visitor, now):
    EventFactory(title="Open day")
    response = visitor.get("/events/?theme=nonsense")
    assert response.status_code == 200
    assert "Some filters were left out Research theme: There is no such choice" in text(response)
    assert titles(response) == ["Open day"]


@pytest.mark.parametrize("url", ["/events/", "/events/past/", "/events/?theme=data"])
def test_a_list_costs_the_same_queries_for_few_events_as_for_many(
    visitor, now, url, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    theme = ThemeFactory(title="Data", slug="data")

    def add(count):
        for _ in range(count):
            for starts in (now + timedelta(days=3), now - timedelta(days=3)):
                EventFactory(starts_at=starts).themes.add(theme)

    # With every kept part gone: the filter choices (2), the chosen theme (when filtered),
    # the total, the page's rows and the main navigation.
    expected = 6 if "theme" in url else 5
    for count in (3, 30):
        add(count)
        content_version()  # the new version's schedule is no cost of the page
        with django_assert_num_queries(expected):
            assert visitor.get(url).status_code == 200
        with django_assert_num_queries(0):  # every part kept
            assert visitor.get(url).status_code == 200
