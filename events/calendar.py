"""Events as iCalendar (RFC 5545): one event's .ics file, and feeds to subscribe to.

Times are written in UK time with their zone (TZID=Europe/London, defined once in the file's
VTIMEZONE), so a calendar abroad shows them at the right hour on either side of a clock
change; all-day events are dates. icalendar escapes commas, semicolons and new lines in text.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard
from icalendar import Event as CalendarEvent

PRODUCT = "-//Birmingham Health Partners//Events//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _uk_time_zone():
    """Europe/London by the rule in force since 1996 (last Sundays of March and October, at
    01:00 GMT), in a few lines rather than a table of every change since 1970."""
    zone = Timezone()
    zone.add("tzid", settings.TIME_ZONE)
    zone.add_component(_observance(TimezoneDaylight(), "BST", datetime(1996, 3, 31, 1), 3, 0))
    zone.add_component(_observance(TimezoneStandard(), "GMT", datetime(1996, 10, 27, 2), 10, 1))
    return zone


def _observance(part, name, first, month, hours_before):
    """Summer or winter time: from the last Sunday of `month`, at the local time of `first`."""
    part.add("tzname", name)
    part.add("dtstart", first)
    part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
    part.add("tzoffsetfrom", timedelta(hours=hours_before))
    part.add("tzoffsetto", timedelta(hours=1 - hours_before))
    return part


def calendar(events, name, site_url, domain):
    """`events` as an iCalendar file (bytes) called `name`."""
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add_component(_uk_time_zone())
    for event in events:
        cal.add_component(_event(event, site_url, domain))
    return cal.to_ical()


def _event(event, site_url, domain):
    url = site_url + event.get_absolute_url()
    entry = CalendarEvent()
    # Stable across edits and renames, and unique to this site.
    entry.add("uid", f"event-{event.pk}@{domain}")
    entry.add("dtstamp", event.updated_at.astimezone(UTC))
    entry.add("last-modified", event.updated_at.astimezone(UTC))
    if event.all_day:
        entry.add("dtstart", timezone.localdate(event.starts_at))
        # The day after the last: DTEND is exclusive.
        entry.add("dtend", event.last_day + timedelta(days=1))
    else:
        entry.add("dtstart", timezone.localtime(event.starts_at))
        entry.add("dtend", timezone.localtime(event.ends_at))
    entry.add("summary", event.title)
    entry.add("description", _description(event, url))
    if event.where:
        entry.add("location", event.where)
    entry.add("url", url)
    entry.add("status", "CONFIRMED")
    return entry


def _description(event, url):
    lines = [event.summary]
    if event.online and event.online_url:
        lines.append(f"Join online: {event.online_url}")
    lines.append(f"Book: {event.booking_url}" if event.booking_url else "No booking needed.")
    if event.cost:
        lines.append(f"Cost: {event.cost}")
    lines.append(f"Details: {url}")
    return "\n".join(line for line in lines if line)
