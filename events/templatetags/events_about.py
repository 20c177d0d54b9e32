from urllib.parse import urlencode

from django import template
from django.urls import reverse

from events.models import Event
from pagecache.totals import rendered_for_rows

register = template.Library()

ABOUT_LIMIT = 3
HOME_LIMIT = 3
# The subject kinds pages pass, each with its `EventQuerySet.about()` argument; those the
# events index can filter by have a filter of the same name.
ABOUT = {"member": "organisation", "theme": "theme", "priority": "priority", "person": "person"}
FILTERED = {"member", "theme"}


@register.simple_tag
def about_events(subject, kind, name):
    """The next few events about `subject`, a member, theme, priority or person (`kind`),
    with a link to all of them where the events index can list them; `name` is its display
    name. Nothing is shown when none is coming up.

    Here so that members', strategy's and people's pages list events without importing them.
    """
    about = ABOUT[kind]

    def context():
        events = Event.objects.live().upcoming().about(**{about: subject})
        first = list(events.for_listing()[:ABOUT_LIMIT])
        events_url = calendar_url = None
        if kind in FILTERED:
            events_url = f"{reverse('events:event-list')}?{urlencode({kind: subject.slug})}"
            calendar_url = reverse("events:subject-calendar", args=[kind, subject.slug])
        return {
            "subject": name,
            "events": first,
            # Counted only when there may be more than are shown: most have none or few.
            "event_count": events.count() if len(first) == ABOUT_LIMIT else len(first),
            "events_url": events_url,
            "calendar_url": calendar_url,
        }

    # Kept with the events' rows (their links are theirs), not under the content version:
    # an article's edit leaves them as they were. Named by the subject's name and address
    # too, which they show: the page's subject may be a copy kept from before it was renamed.
    return rendered_for_rows(
        [Event],
        f"about-events:{about}={subject.pk}:{subject.slug}:{name}",
        "events/includes/about_events.html",
        context,
    )


@register.simple_tag
def next_events():
    """The home page's next few events, kept until an event changes (not when an article
    does) or one goes live, is taken down or finishes."""

    def context():
        return {"events": list(Event.objects.live().upcoming().for_listing()[:HOME_LIMIT])}

    return rendered_for_rows([Event], "home-events", "events/includes/next_events.html", context)
