from datetime import datetime, time, timedelta

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.fields import RichTextField, WebAddressField
from core.images import MainImage
from core.publishing import Publishable, PublishingQuerySet, ShareLinkBase, address_slug
from core.search import SearchFields
from strategy.models import LinkedToStrategy


class EventQuerySet(PublishingQuerySet):
    """Events are upcoming until they finish, then past: worked out from the clock, so
    nothing needs editing when an event is over."""

    def upcoming(self):
        """Not finished yet (including those on now), soonest first."""
        return self.filter(finishes_at__gt=timezone.now()).order_by("starts_at", "pk")

    def past(self):
        """Finished, the most recent first."""
        return self.filter(finishes_at__lte=timezone.now()).order_by("-starts_at", "-pk")

    def about(self, *, organisation=None, theme=None, priority=None, person=None):
        """Events matching every filter given; None leaves a filter out. An organisation's
        events are those it organises and those about it."""
        events = self
        if organisation is not None:
            about_it = Event.organisations.through.objects.filter(organisation=organisation)
            events = events.filter(
                Q(organiser=organisation) | Q(pk__in=about_it.values("event_id"))
            )
        filters = {"themes": theme, "priorities": priority, "people": person}
        return events.filter(**{key: value for key, value in filters.items() if value is not None})

    def for_listing(self):
        return self.defer("body")

    def change_probes(self, now):
        """Also when a published event finishes: it moves from upcoming to past."""
        finishing = (
            self.filter(status=self.model.Status.PUBLISHED, finishes_at__gt=now)
            .order_by("finishes_at")
            .values_list("finishes_at", flat=True)[:1]
        )
        return [*super().change_probes(now), finishing]


def _local_midnight(moment, days_later=0):
    day = timezone.localdate(moment) + timedelta(days=days_later)
    return timezone.make_aware(datetime.combine(day, time.min))


@reversion.register()
class Event(
    Publishable("event", "events"),
    MainImage("event", "events"),
    LinkedToStrategy("event", "events"),
):
    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"
        BOTH = "both", "In person and online"

    title = models.CharField(max_length=200)
    slug = address_slug("event")
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two sentences that say what the event is and who it is for. "
        "Shown in listings, calendars and search results. Needed before publishing.",
    )
    body = RichTextField(blank=True)
    starts_at = models.DateTimeField(
        "starts", help_text="UK time. For an all-day event, give the date alone."
    )
    ends_at = models.DateTimeField(
        "ends",
        help_text="UK time. For an all-day event, the date of the last day alone. "
        "The event shows as past from then, by itself.",
    )
    all_day = models.BooleanField(
        "all day", default=False, help_text="Tick for an event of whole days, with no times."
    )
    # When the event is over: `ends_at`, or for an all-day event the midnight after its last
    # day. Kept so that listings and the page cache's schedule read one indexed column.
    finishes_at = models.DateTimeField(editable=False)
    attendance = models.CharField(
        "how to attend",
        max_length=10,
        choices=Attendance.choices,
        default=Attendance.IN_PERSON,
    )
    venue = models.CharField(
        max_length=200, blank=True, help_text="For an event in person: the building or room."
    )
    address = models.TextField(
        max_length=500, blank=True, help_text="The venue’s address, with its postcode."
    )
    online_url = WebAddressField(
        "joining link",
        blank=True,
        help_text="For an event online: the address to join it. Leave empty if people get "
        "it when they book.",
    )
    booking_url = WebAddressField(
        "booking link",
        blank=True,
        help_text="Where people book a place. Leave empty if no booking is needed: the page "
        "says so.",
    )
    cost = models.CharField(
        max_length=100,
        blank=True,
        help_text="For example “£25, free for students”. Empty means free.",
    )
    audience = models.CharField(
        "who it is for",
        max_length=200,
        blank=True,
        help_text="For example “Researchers and clinicians” or “Everyone”.",
    )
    organiser = models.ForeignKey(
        "members.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_events",
        help_text="The member or partner running the event. Leave empty for the partnership "
        "itself.",
    )
    people = models.ManyToManyField(
        "people.Person",
        blank=True,
        related_name="events",
        verbose_name="speakers and hosts",
        help_text="People on the website who speak at or host the event; it is listed on "
        "their pages.",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        permissions = [("publish_event", "Can publish and unpublish events")]
        indexes = [
            # The public lists: live events, upcoming or past, in date order.
            models.Index(fields=["status", "finishes_at"], name="event_finishing_idx"),
            models.Index(fields=["starts_at", "id"], name="event_starts_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        self.settle_times()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"starts_at", "ends_at", "all_day"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "finishes_at"}
        super().save(*args, **kwargs)

    def settle_times(self):
        """An all-day event runs from the midnight its first day starts to the midnight after
        its last day, whatever times were typed."""
        if self.starts_at is None or self.ends_at is None:
            return
        if self.all_day:
            self.starts_at = _local_midnight(self.starts_at)
            self.ends_at = _local_midnight(self.ends_at)
            self.finishes_at = _local_midnight(self.ends_at, days_later=1)
        else:
            self.finishes_at = self.ends_at

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at:
            self.settle_times()
            if self.finishes_at <= self.starts_at:
                errors["ends_at"] = [
                    "The event must end after it starts: check both dates"
                    + ("." if self.all_day else " and times.")
                ]
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def publish_problems(self):
        problems = super().publish_problems()
        if self.in_person and not (self.venue.strip() or self.address.strip()):
            problems["venue"] = ["Say where the event is: the venue, its address or both."]
        return problems

    @property
    def in_person(self):
        return self.attendance in (self.Attendance.IN_PERSON, self.Attendance.BOTH)

    @property
    def online(self):
        return self.attendance in (self.Attendance.ONLINE, self.Attendance.BOTH)

    @property
    def has_passed(self):
        return self.finishes_at <= timezone.now()

    @property
    def last_day(self):
        return timezone.localdate(self.ends_at)

    @property
    def when(self):
        """The dates and times in words, in UK time with its zone (GMT or BST), as one would
        write them on a poster."""
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        if self.all_day:
            if start.date() == end.date():
                return f"{start:%A %-d %B %Y}"
            if (start.year, start.month) == (end.year, end.month):
                return f"{start:%-d}–{end:%-d %B %Y}"
            if start.year == end.year:
                return f"{start:%-d %B} – {end:%-d %B %Y}"
            return f"{start:%-d %B %Y} – {end:%-d %B %Y}"
        if start.date() == end.date():
            if start.tzname() == end.tzname():
                return f"{start:%A %-d %B %Y}, {start:%H:%M} to {end:%H:%M %Z}"
            return f"{start:%A %-d %B %Y}, {start:%H:%M %Z} to {end:%H:%M %Z}"
        return f"{start:%-d %B %Y}, {start:%H:%M %Z} to {end:%-d %B %Y}, {end:%H:%M %Z}"

    @property
    def where(self):
        """Where to go, in one line: the venue and address, and or online."""
        place = ", ".join(part for part in (self.venue, *self.address.splitlines()) if part.strip())
        if self.attendance == self.Attendance.ONLINE:
            return "Online"
        if self.attendance == self.Attendance.BOTH:
            return f"{place} and online" if place else "In person and online"
        return place


class ShareLink(ShareLinkBase):
    """Lets a reviewer without an account see one event before it is public."""

    subject_field = "event"
    preview_url_name = "events:shared-preview"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="share_links")


# How events are searched, on the site and in the admin; the vector is stored by the
# search app (EventSearchDocument, see search.signals).
EVENT_FIELDS = SearchFields(
    {"title": "A", "summary": "B", "venue": "C", "body": "C", "audience": "D"},
    ("summary", "body"),
)
