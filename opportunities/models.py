"""Opportunities: funding calls, fellowships, vacancies, surveys and consultations.

Whether one is open is worked out from the clock, so nothing needs editing or running when
it opens, starts closing soon or closes: `next_change()` tells the page cache when each of
those next happens (see pagecache.versions.register_schedule).
"""

from datetime import timedelta

import reversion
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F, Q, Value
from django.urls import reverse
from django.utils import timezone

from core.fields import RichTextField, WebAddressField
from core.images import MainImage
from core.publishing import Publishable, PublishingQuerySet, ShareLinkBase, Status
from core.search import SearchFields
from strategy.models import LinkedToStrategy

# An open opportunity is marked "closing soon" for this long before it closes.
CLOSING_SOON = timedelta(days=7)


def closing_soon_from(closes_at):
    """When an opportunity closing at `closes_at` starts closing soon: the same time on the
    London clock seven days before, so across a clock change it is still “7 days”."""
    # Arithmetic on an aware datetime is wall-clock arithmetic; localtime() then gives the
    # right offset for the earlier date.
    return timezone.localtime(timezone.localtime(closes_at) - CLOSING_SOON)


def closing_soon_until(now):
    """Opportunities closing at or before this time are closing soon at `now`."""
    return timezone.localtime(timezone.localtime(now) + CLOSING_SOON)


class Stage(models.TextChoices):
    """Where an opportunity is in its life by the clock, whatever its publishing status."""

    OPENS_LATER = "later", "Opens later"
    OPEN = "open", "Open"
    CLOSING_SOON = "soon", "Closing soon"
    CLOSED = "closed", "Closed"


class OpportunityQuerySet(PublishingQuerySet):
    def in_stage(self, stage):
        """Those at `stage` (a Stage) now; "open" includes those closing soon."""
        now = timezone.now()
        opened = {"opens_at__lte": now, "closes_at__gt": now}
        return self.filter(
            **{
                Stage.OPENS_LATER: {"opens_at__gt": now},
                Stage.OPEN: opened,
                Stage.CLOSING_SOON: {**opened, "closes_at__lte": closing_soon_until(now)},
                Stage.CLOSED: {"closes_at__lte": now},
            }[stage]
        )

    def open(self):
        """Live, opened and not yet closed."""
        return self.live().in_stage(Stage.OPEN)

    def opening_later(self):
        return self.live().in_stage(Stage.OPENS_LATER)

    def closing_soon(self):
        return self.live().in_stage(Stage.CLOSING_SOON)

    def not_closed(self, now=None):
        """Open or opening later (at `now`, by default the present): what /opportunities/
        lists, closing soonest first."""
        now = now or timezone.now()
        return self.live(now).filter(closes_at__gt=now).order_by("closes_at", "pk")

    def closed(self):
        """Live but past their closing time: the closed listing, latest closed first."""
        return self.live().in_stage(Stage.CLOSED).order_by("-closes_at", "-pk")

    def of_kind(self, kind):
        return self.filter(kind=kind) if kind else self

    def for_listing(self):
        return self.defer("body", "eligibility")

    def next_change(self):
        """When the public set or an opportunity's status next changes by itself: a publish
        or take-down time, an opening, the start of “closing soon”, or a closing."""
        now = timezone.now()
        published = self.filter(status=Status.PUBLISHED)
        soon = closing_soon_until(now)

        def first(field, after, change):
            return (
                published.filter(**{f"{field}__gt": after})
                .order_by(field)
                .annotate(change=Value(change))
                .values_list(field, "change")[:1]
            )

        probes = [
            first("opens_at", now, "opens"),
            first("closes_at", now, "closes"),
            # The first to close beyond the window is the next to start closing soon.
            first("closes_at", soon, "soon"),
        ]
        if connection.features.supports_slicing_ordering_in_compound:
            # One round trip: each part is an index probe.
            found = list(probes[0].union(*probes[1:], all=True).order_by())
        else:  # SQLite (development): one query each.
            found = [row for probe in probes for row in probe]
        changes = [closing_soon_from(time) if change == "soon" else time for time, change in found]
        publishing = super().next_change()
        return min(
            [*(c for c in changes if c > now), *([publishing] if publishing else [])], default=None
        )


@reversion.register()
class Opportunity(
    Publishable("opportunity", "opportunities"),
    MainImage("opportunity", "opportunities"),
    LinkedToStrategy("opportunity", "opportunities"),
):
    class Kind(models.TextChoices):
        FUNDING_CALL = "funding_call", "Funding call"
        FELLOWSHIP = "fellowship", "Fellowship"
        VACANCY = "vacancy", "Vacancy"
        CONSULTATION = "consultation", "Survey or consultation"

    # Kinds that are a post someone is appointed to (schema.org JobPosting).
    JOBS = {Kind.FELLOWSHIP, Kind.VACANCY}

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FUNDING_CALL)
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the opportunity’s web address. Filled in from the title; "
        "avoid changing it once it is live, as links to it would break.",
    )
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two sentences saying what it offers and to whom. Shown in "
        "listings, feeds and search results. Needed before it is published.",
    )
    body = RichTextField("details", blank=True)
    opens_at = models.DateTimeField(
        "opens",
        default=timezone.now,
        help_text="When applications or responses open (UK time). Before then the page "
        "says when it opens.",
    )
    closes_at = models.DateTimeField(
        "closes",
        help_text="The deadline (UK time). It shows as “closing soon” in its last 7 days and "
        "as closed from this time, by itself.",
    )
    eligibility = RichTextField("who can apply", blank=True)
    award = models.CharField(
        "funding or salary",
        max_length=200,
        blank=True,
        help_text="For example “Up to £50,000 for 12 months” or “£38,205 a year”.",
    )
    apply_url = WebAddressField(
        "apply online at",
        blank=True,
        help_text="The application form or survey. Give this, an application document, or both.",
    )
    apply_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name="application document",
        help_text="A form or guidance to download; public while this opportunity is.",
    )
    contact_person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name="contact’s page",
        help_text="Someone on the website to ask about it; it is listed on their page.",
    )
    contact_name = models.CharField(
        max_length=200, blank=True, help_text="Or a name (a person or a team) to ask."
    )
    contact_email = models.EmailField(blank=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "opportunities"
        ordering = ["closes_at", "pk"]
        permissions = [("publish_opportunity", "Can publish and unpublish opportunities")]
        indexes = [
            # The listings (open by closing soonest, closed by latest) and next_change().
            models.Index(fields=["closes_at", "id"], name="opportunity_closes_idx"),
            models.Index(fields=["opens_at"], name="opportunity_opens_idx"),
            models.Index(
                fields=["unpublish_at"],
                condition=Q(unpublish_at__isnull=False),
                name="opportunity_take_down_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="opportunity_closes_after_it_opens",
                violation_error_message="An opportunity must close after it opens.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("opportunities:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            when = timezone.localtime(self.opens_at)
            errors["closes_at"] = [
                f"It must close after it opens ({when:%-d %B %Y at %H:%M}): check both times."
            ]
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def publish_problems(self):
        problems = super().publish_problems()
        if not self.apply_url and not self.apply_document_id:
            problems["apply_url"] = [
                "Say how to apply: give a web address, an application document, or both."
            ]
        return problems

    @property
    def is_job(self):
        return self.kind in self.JOBS

    @property
    def is_open(self):
        now = timezone.now()
        return self.opens_at <= now < self.closes_at

    @property
    def is_closed(self):
        return self.closes_at <= timezone.now()

    @property
    def is_closing_soon(self):
        return self.is_open and closing_soon_from(self.closes_at) <= timezone.now()

    @property
    def stage(self):
        if self.is_closed:
            return Stage.CLOSED
        if not self.is_open:
            return Stage.OPENS_LATER
        return Stage.CLOSING_SOON if self.is_closing_soon else Stage.OPEN

    @property
    def status_label(self):
        """Opens later, Open, Closing soon or Closed: what visitors and staff see."""
        return self.stage.label

    @property
    def documents(self):
        """The application document as a list, for the downloads list pages share."""
        return [self.apply_document] if self.apply_document_id else []

    @property
    def contact(self):
        """Who to ask, as a name: the person on the website, else the name given."""
        if self.contact_person_id and self.contact_person.listed:
            return self.contact_person.full_name
        return self.contact_name


class ShareLink(ShareLinkBase):
    """Lets a reviewer without an account see one opportunity before it is public."""

    subject_field = "opportunity"
    preview_url_name = "opportunities:shared-preview"

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="share_links"
    )


# How the site search and the admin find opportunities; the vector is stored by the
# search app (OpportunitySearchDocument, see search.signals).
OPPORTUNITY_FIELDS = SearchFields(
    {"title": "A", "summary": "B", "body": "C", "eligibility": "C", "award": "D"},
    ("summary", "body"),
)
