"""Events: /events/ and past events, an event's page, its .ics file and the calendar feeds,
UK time across the clock changes and at midnight, the admin, and the page cache."""

import json
import re
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from events.models import Event
from pagecache.versions import content_version

from . import pages
from .factories import EventFactory, OrganisationFactory, PersonFactory, ThemeFactory

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
    # the total, the page's rows and the main navigation (kept with the pages' rows, which
    # the events' saves leave as they were: so the cache is emptied).
    expected = 6 if "theme" in url else 5
    for count in (3, 30):
        add(count)
        cache.clear()
        content_version()  # the new version's schedule is no cost of the page
        with django_assert_num_queries(expected):
            assert visitor.get(url).status_code == 200
        with django_assert_num_queries(0):  # every part kept
            assert visitor.get(url).status_code == 200


# An event's page


def test_an_event_page_says_when_where_what_it_costs_and_how_to_book(visitor, now):
    trust = OrganisationFactory(name="Example Trust", slug="trust")
    speaker = PersonFactory(honorific="Dr", name="Ana Example", slug="ana")
    event = EventFactory(
        title="Data day",
        slug="data-day",
        starts_at=uk(2026, 3, 10, 14, 0),
        ends_at=uk(2026, 3, 10, 16, 30),
        cost="£25, free for students",
        audience="Researchers and clinicians",
        booking_url="https://tickets.example.org/data-day",
        organiser=trust,
    )
    event.people.add(speaker)
    page = text(visitor.get("/events/data-day/"))
    assert "When Tuesday 10 March 2026, 14:00 to 16:30 GMT Add to your calendar" in page
    assert "Where Institute of Translational Medicine Heritage Building, Mindelsohn Way" in page
    assert "Cost £25, free for students" in page
    assert "Who it is for Researchers and clinicians" in page
    assert "Booking Book a place" in page
    assert "Organised by Example Trust" in page
    assert "Speakers and hosts Dr Ana Example" in page
    assert "has passed" not in page


def test_a_free_event_with_no_booking_says_so(visitor, now):
    EventFactory(slug="open", attendance=Event.Attendance.ONLINE, venue="", address="")
    page = text(visitor.get("/events/open/"))
    assert "Cost Free" in page
    assert "Booking No booking needed." in page
    assert "Online The joining link is sent to those who book." in page
    assert "Where" not in page


def test_an_event_page_describes_it_to_search_engines(visitor, now):
    trust = OrganisationFactory(name="Example Trust", slug="trust")
    EventFactory(
        title="Hybrid forum",
        slug="forum",
        attendance=Event.Attendance.BOTH,
        online_url="https://meet.example.org/forum",
        booking_url="https://tickets.example.org/forum",
        organiser=trust,
        starts_at=uk(2026, 4, 2, 9, 30),
        ends_at=uk(2026, 4, 2, 17, 0),
    )
    data = json_ld(visitor.get("/events/forum/"), "Event")
    assert data["name"] == "Hybrid forum"
    assert data["startDate"] == "2026-04-02T09:30:00+01:00"
    assert data["endDate"] == "2026-04-02T17:00:00+01:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert data["location"][0]["address"] == (
        "Heritage Building, Mindelsohn Way, Birmingham B15 2TH"
    )
    assert data["organizer"]["name"] == "Example Trust"
    assert data["offers"]["url"] == "https://tickets.example.org/forum"
    assert data["isAccessibleForFree"] is True


def test_drafts_are_not_public_but_staff_see_them_marked(visitor, comms_client, now):
    EventFactory(slug="draft", status="draft", title="Planning meeting")
    assert visitor.get("/events/draft/").status_code == 404
    assert visitor.get("/events/draft/event.ics").status_code == 404
    page = comms_client.get("/events/draft/")
    assert "Not public yet. This event is a draft." in text(page)
    assert "no-store" in page["Cache-Control"]


def test_an_event_passing_while_its_page_is_cached_says_so_to_the_next_visitor(
    visitor, now, time_machine
):
    EventFactory(
        title="Evening lecture",
        slug="lecture",
        starts_at=uk(2026, 3, 1, 18, 0),
        ends_at=uk(2026, 3, 1, 19, 0),
    )
    for _ in range(2):  # the second is served from the cache
        response = visitor.get("/events/lecture/")
        assert "This event has passed" not in text(response)
        assert "Evening lecture" in text(visitor.get("/events/"))
    assert response["X-Page-Cache"] == "hit"
    time_machine.move_to(uk(2026, 3, 1, 19, 0), tick=False)
    page = text(visitor.get("/events/lecture/"))
    assert "Past event Evening lecture This event has passed. It took place on Sunday" in page
    assert "Booking has closed." in page
    assert "Book a place" not in page
    assert "Add to your calendar" not in page
    assert "Evening lecture" not in text(visitor.get("/events/"))
    assert "Evening lecture" in text(visitor.get("/events/past/"))


# UK time: the clock changes and midnight


def test_an_event_across_the_spring_clock_change_lasts_its_real_length(now):
    event = EventFactory(starts_at=uk(2026, 3, 29, 0, 30), ends_at=uk(2026, 3, 29, 3, 30))
    event.refresh_from_db()  # as stored: in UTC
    assert event.ends_at - event.starts_at == timedelta(hours=2)  # 01:00 to 02:00 never happens
    assert event.when == "Sunday 29 March 2026, 00:30 GMT to 03:30 BST"


def test_an_evening_event_ending_at_midnight_is_past_at_midnight(visitor, now, time_machine):
    EventFactory(slug="late", title="Late lab", starts_at=uk(2026, 6, 6, 22, 0),
                 ends_at=uk(2026, 6, 7, 0, 0))  # fmt: skip
    time_machine.move_to(uk(2026, 6, 6, 23, 59), tick=False)
    assert "has passed" not in text(visitor.get("/events/late/"))
    time_machine.move_to(uk(2026, 6, 7, 0, 0), tick=False)
    assert "This event has passed" in text(visitor.get("/events/late/"))


def test_an_all_day_event_runs_from_midnight_to_midnight_uk_time(visitor, now, time_machine):
    # Typed times are dropped: the first day from its start, the last to its end (BST).
    event = EventFactory(
        slug="fair",
        title="Research fair",
        all_day=True,
        starts_at=uk(2026, 6, 10, 9, 0),
        ends_at=uk(2026, 6, 11, 17, 0),
    )
    assert event.starts_at == datetime(2026, 6, 9, 23, 0, tzinfo=UTC)
    assert event.finishes_at == datetime(2026, 6, 11, 23, 0, tzinfo=UTC)
    assert event.when == "10–11 June 2026"
    time_machine.move_to(uk(2026, 6, 11, 23, 59), tick=False)
    assert "has passed" not in text(visitor.get("/events/fair/"))
    time_machine.move_to(uk(2026, 6, 12, 0, 0), tick=False)
    assert "This event has passed" in text(visitor.get("/events/fair/"))


# The .ics file and calendar feeds


def test_an_events_ics_file_has_the_rfc_5545_essentials(visitor, now):
    event = EventFactory(
        title="Trials, data; and you",
        slug="trials",
        summary="How trials use data; what you can do, and why.",
        starts_at=uk(2026, 10, 20, 10, 0),
        ends_at=uk(2026, 10, 20, 12, 0),
        booking_url="https://tickets.example.org/trials",
    )
    response = visitor.get("/events/trials/event.ics")
    assert response["Content-Disposition"] == 'attachment; filename="trials.ics"'
    raw = response.content.decode()
    assert raw.startswith("BEGIN:VCALENDAR\r\n")
    assert "SUMMARY:Trials\\, data\\; and you\r\n" in raw
    assert "DTSTART;TZID=Europe/London:20261020T100000\r\n" in raw
    assert "DTEND;TZID=Europe/London:20261020T120000\r\n" in raw

    cal = parsed_calendar(response)
    assert str(cal["VERSION"]) == "2.0"
    assert cal["PRODID"]
    (zone,) = cal.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/London"
    assert {part.name for part in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    (entry,) = cal.walk("VEVENT")
    assert entry["UID"] == f"event-{event.pk}@testserver"
    assert entry.decoded("DTSTAMP").tzinfo is not None
    assert entry["DTSTART"].params["TZID"] == "Europe/London"
    # Read back, the zone the file defines gives the right instant (BST, an hour ahead).
    assert entry.decoded("DTSTART") == datetime(2026, 10, 20, 9, 0, tzinfo=UTC)
    assert str(entry["SUMMARY"]) == "Trials, data; and you"
    assert "Book: https://tickets.example.org/trials" in str(entry["DESCRIPTION"])
    assert str(entry["URL"]) == "http://testserver/events/trials/"
    assert str(entry["LOCATION"]).startswith("Institute of Translational Medicine, Heritage")


def test_an_all_day_event_is_written_as_dates(visitor, now):
    EventFactory(slug="fair", all_day=True, starts_at=uk(2026, 6, 10, 0, 0),
                 ends_at=uk(2026, 6, 11, 0, 0))  # fmt: skip
    raw = visitor.get("/events/fair/event.ics").content.decode()
    assert "DTSTART;VALUE=DATE:20260610\r\n" in raw
    assert "DTEND;VALUE=DATE:20260612\r\n" in raw  # the day after the last: DTEND is exclusive
    (entry,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert entry.decoded("DTSTART") == date(2026, 6, 10)


def test_calendar_feeds_for_all_a_theme_and_a_member(visitor, now):
    theme = ThemeFactory(title="Data", slug="data")
    trust = OrganisationFactory(name="Example Trust", slug="trust")
    EventFactory(title="Data day").themes.add(theme)
    EventFactory(title="Trust open day", organiser=trust)
    EventFactory(title="Long ago", starts_at=now - timedelta(days=200))
    EventFactory(title="Draft", status="draft")

    def summaries(url):
        return sorted(str(e["SUMMARY"]) for e in parsed_calendar(visitor.get(url)).walk("VEVENT"))

    assert summaries("/events/calendar.ics") == ["Data day", "Trust open day"]
    assert summaries("/events/calendar/theme/data.ics") == ["Data day"]
    assert summaries("/events/calendar/member/trust.ics") == ["Trust open day"]
    cal = parsed_calendar(visitor.get("/events/calendar/member/trust.ics"))
    assert str(cal["X-WR-CALNAME"]) == "Birmingham Health Partners events: Example Trust"
    assert visitor.get("/events/calendar/member/nobody.ics").status_code == 404
    assert visitor.get("/events/calendar/priority/data.ics").status_code == 404


# The admin, through the forms its pages render


def _event_form(client):
    response = client.get("/admin/events/event/add/")
    assert response.status_code == 200
    return pages.form(response, "title")


def _filled(**values):
    return {
        "title": "Clock change walk",
        "slug": "clock-change-walk",
        "summary": "A night walk through the clock change.",
        "status": "published",
        "publish_at_0": "01/03/2026",
        "publish_at_1": "09:00",
        "starts_at_0": "20/03/2026",
        "starts_at_1": "18:00",
        "ends_at_0": "20/03/2026",
        "ends_at_1": "20:00",
        "venue": "Cannon Hill Park",
        **values,
    }


def test_communications_add_and_publish_an_event_that_shows_at_once(comms_client, visitor, now):
    visitor.get("/events/")  # cached before the change
    form = _event_form(comms_client)
    response = form.submit(comms_client, **_filled())
    assert response.status_code == 302, pages.errors(response)
    assert titles(visitor.get("/events/")) == ["Clock change walk"]
    assert "Friday 20 March 2026, 18:00 to 20:00 GMT" in text(
        visitor.get("/events/clock-change-walk/")
    )


def test_a_time_the_clocks_skip_is_refused_with_the_reason_and_nothing_saved(comms_client, now):
    form = _event_form(comms_client)
    night = {"starts_at_0": "29/03/2026", "ends_at_0": "29/03/2026", "ends_at_1": "04:00"}
    response = form.submit(comms_client, **_filled(**night, starts_at_1="01:30"))
    assert response.status_code == 200
    assert pages.errors(response)["starts_at"] == [
        "The clocks go forward that night, so 01:30 on 29 March 2026 does not happen in the UK. "
        "Choose 00:30 or 02:30."
    ]
    assert not Event.objects.exists()
    assert pages.form(response, "title").value("title") == "Clock change walk"


def test_a_time_that_happens_twice_is_taken_as_the_first(comms_client, visitor, now):
    form = _event_form(comms_client)
    night = {"starts_at_0": "25/10/2026", "ends_at_0": "25/10/2026", "ends_at_1": "01:45"}
    response = form.submit(comms_client, **_filled(**night, starts_at_1="01:30"))
    assert response.status_code == 302, pages.errors(response)
    event = Event.objects.get()
    assert event.starts_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 01:30 BST
    assert event.ends_at == datetime(2026, 10, 25, 0, 45, tzinfo=UTC)
    assert "Sunday 25 October 2026, 01:30 to 01:45 BST" in text(
        visitor.get(event.get_absolute_url())
    )
    raw = visitor.get("/events/clock-change-walk/event.ics").content.decode()
    (entry,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    # RFC 5545 also reads a local time that happens twice as the first occurrence.
    assert entry.decoded("DTSTART").astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"ends_at_1": "17:00"}, "ends_at", "The event must end after it starts"),
        ({"venue": ""}, "venue", "Say where the event is"),
        ({"booking_url": "javascript:alert(1)"}, "booking_url", "Enter a web address"),
        ({"starts_at_1": ""}, "starts_at", "Give the time too, or tick “all day”."),
    ],
)
def test_a_bad_event_is_explained_and_nothing_saved(comms_client, now, values, field, message):
    form = _event_form(comms_client)
    response = form.submit(comms_client, **_filled(**values))
    assert response.status_code == 200
    shown = pages.errors(response)
    assert any(message in error for error in shown.get(field, [])), shown
    assert not Event.objects.exists()


def test_the_admin_list_says_which_events_are_upcoming_or_past(comms_client, now):
    EventFactory(title="Coming")
    EventFactory(title="Gone", starts_at=now - timedelta(days=3))
    page = text(comms_client.get("/admin/events/event/?when=past"))
    assert "Gone Past" in page
    assert "Coming" not in page
    assert "Coming Upcoming" in text(comms_client.get("/admin/events/event/?when=upcoming"))


# Events elsewhere on the site


def test_the_home_page_shows_the_next_three_events(visitor, now):
    for day in (5, 1, 3, 9):
        EventFactory(title=f"In {day} days", starts_at=now + timedelta(days=day))
    EventFactory(title="Over", starts_at=now - timedelta(days=1))
    page = visitor.get("/")
    assert titles(page)[-3:] == ["In 1 days", "In 3 days", "In 5 days"]
    assert "Next events" in text(page)


def test_member_theme_and_person_pages_list_their_upcoming_events(visitor, now):
    trust = OrganisationFactory(name="Example Trust", slug="trust")
    theme = ThemeFactory(title="Data", slug="data")
    person = PersonFactory(name="Ana Example", slug="ana")
    event = EventFactory(title="Data day", organiser=trust)
    event.themes.add(theme)
    event.people.add(person)
    EventFactory(title="Old data day", organiser=trust, starts_at=now - timedelta(days=9))
    member_page = text(visitor.get("/members/trust/"))
    assert "Subscribe to events about Example Trust in your calendar app" in member_page
    for url in ("/members/trust/", "/themes/data/", "/people/ana/"):
        page = text(visitor.get(url))
        assert "Events about" in page, url
        assert "Data day" in page, url
        assert "Old data day" not in page, url


def test_events_are_in_the_sitemap_and_found_by_search(visitor, now):
    EventFactory(title="Genomics masterclass", slug="genomics")
    EventFactory(title="Draft genomics", slug="draft-genomics", status="draft")
    sitemap = visitor.get("/sitemap.xml").content
    assert b"/events/genomics/</loc>" in sitemap
    assert b"/events/</loc>" in sitemap
    assert b"draft-genomics" not in sitemap
    found = text(visitor.get("/search/", {"q": "genomics"}))
    assert "Events Genomics masterclass" in found
    assert "Draft genomics" not in found


def test_an_article_links_the_live_events_it_is_about(visitor, comms_client, now):
    from .factories import ArticleFactory

    article = ArticleFactory(slug="announcing")
    event = EventFactory(title="Launch evening", starts_at=uk(2026, 3, 12, 18, 0),
                         ends_at=uk(2026, 3, 12, 20, 0))  # fmt: skip
    draft = EventFactory(title="Unannounced", status="draft")
    article.related_events.add(event, draft)
    page = text(visitor.get("/news/announcing/"))
    assert "Events Launch evening Thursday 12 March 2026, 18:00 to 20:00 GMT" in page
    assert "Unannounced" not in page
    # Staff choose them in the article's form, drafts too.
    form = pages.form(comms_client.get(f"/admin/news/article/{article.pk}/change/"), "title")
    chosen = [value for name, value in form.fields if name == "related_events"]
    assert sorted(chosen) == sorted([str(event.pk), str(draft.pk)])


def test_the_demo_has_events_to_come_and_past_ones_and_loads_them_once(settings, visitor):
    from django.core.management import call_command
    from reversion.models import Version

    settings.DEBUG = True
    call_command("seed_demo")
    assert Event.objects.live().upcoming().count() >= 3
    assert Event.objects.live().past().count() >= 2
    assert Event.objects.filter(all_day=True).exists()
    assert not any(event.publish_problems() for event in Event.objects.all())
    for event in Event.objects.all():
        assert Version.objects.get_for_object(event).get().revision.comment == (
            "Demo content loaded."
        )
    assert "Who is missing from research?" in text(visitor.get("/people/joht-singh-chandan/"))
    count = Event.objects.count()
    call_command("seed_demo")
    assert Event.objects.count() == count


@pytest.mark.parametrize("count", [3, 30])
def test_an_event_page_costs_the_same_queries_however_many_events_and_links(
    visitor, now, count, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    themes = [ThemeFactory() for _ in range(count // 3)]
    people = [PersonFactory() for _ in range(count // 3)]
    for _ in range(count):
        event = EventFactory(organiser=OrganisationFactory())
        event.themes.add(*themes)
        event.people.add(*people)
        event.organisations.add(event.organiser)
    content_version()
    with CaptureQueriesContext(connection) as queries:
        assert visitor.get(event.get_absolute_url()).status_code == 200
    # The event with its organiser; its organisations, themes, priorities and people;
    # navigation.
    assert len(queries) == 6
    with CaptureQueriesContext(connection) as queries:
        assert visitor.get(event.get_absolute_url()).status_code == 200
    assert len(queries) == 0  # all kept until content changes


def test_cached_pages_expire_when_the_next_event_finishes(now):
    EventFactory(starts_at=uk(2026, 3, 5, 10, 0), ends_at=uk(2026, 3, 5, 12, 0))
    EventFactory(starts_at=uk(2026, 3, 2, 9, 0), ends_at=uk(2026, 3, 2, 9, 30))
    EventFactory(status="draft", starts_at=uk(2026, 3, 1, 13, 0), ends_at=uk(2026, 3, 1, 14, 0))
    assert Event.objects.next_change() == uk(2026, 3, 2, 9, 30)


def test_a_reviewer_sees_a_draft_event_through_a_preview_link(visitor, now):
    from events.models import ShareLink

    event = EventFactory(title="Embargoed launch", status="draft")
    link = ShareLink.objects.create(event=event)
    url = link.get_absolute_url()
    response = visitor.get(url)
    assert response.status_code == 200
    assert "Embargoed launch" in text(response)
    assert "You are seeing it through a preview link" in text(response)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    link.delete()  # revoked
    assert visitor.get(url).status_code == 404


def test_communications_may_publish_events_but_not_delete_them(comms_user, admin_user_in_group):
    assert comms_user.has_perms(
        ["events.add_event", "events.change_event", "events.publish_event", "events.add_sharelink"]
    )
    assert not comms_user.has_perm("events.delete_event")
    assert admin_user_in_group.has_perms(["events.delete_event", "events.publish_event"])


def test_an_all_day_event_needs_only_its_dates(comms_client, visitor, now):
    form = _event_form(comms_client)
    dates = {"starts_at_0": "10/06/2026", "ends_at_0": "11/06/2026"}
    response = form.submit(comms_client, **_filled(**dates, starts_at_1="", ends_at_1="",
                                                   all_day="on"))  # fmt: skip
    assert response.status_code == 302, pages.errors(response)
    assert "When 10–11 June 2026" in text(visitor.get("/events/clock-change-walk/"))
