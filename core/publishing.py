"""The publishing workflow every kind of content shares: drafts, publish and take-down times,
the checks that must pass before anything is public, and preview links for reviewers.

A model builds on `Publishable(noun, plural)` and gives its manager a `PublishingQuerySet`
(or a subclass); its preview links are a model of its own on `ShareLinkBase` with a foreign
key to it. The admin's pieces are in `core.publishing_admin`, the views' in `core.previews`.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .models import ReviewedModel, ReviewedQuerySet
from .richtext import heading_order_problems, vague_links

SHARE_LINK_LIFETIME = timedelta(days=7)
# A draft shared for longer than this has probably been forgotten.
SHARE_LINK_MAX_LIFETIME = timedelta(days=30)


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishingQuerySet(ReviewedQuerySet):
    def live(self, now=None):
        """Published and its publish time has come (at `now`, by default the present): the
        only ones the public sees.

        Scheduling needs no job: an item goes live when the clock passes `publish_at`, and
        stops being public when it passes `unpublish_at`.
        """
        now = now or timezone.now()
        return self.filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now),
            status=Status.PUBLISHED,
            publish_at__lte=now,
        )

    def scheduled(self):
        """Published, waiting for its publish time."""
        return self.filter(status=Status.PUBLISHED, publish_at__gt=timezone.now())

    def next_change(self):
        """When the public set next changes by itself, or None if never.

        That is the earliest scheduled publish time or take-down time still to come:
        caches of public pages expire then.
        """
        return self.earliest(self.change_probes(timezone.now()))

    def change_probes(self, now):
        """Queries for the next time of each kind after `now` when the public set changes
        by itself, each giving one value at most; a subclass adds its own kinds."""
        published = self.filter(status=Status.PUBLISHED)
        # Each is an index probe; a single aggregate over both read every row.
        return [
            published.filter(**{f"{field}__gt": now})
            .order_by(field)
            .values_list(field, flat=True)[:1]
            for field in ("publish_at", "unpublish_at")
        ]

    @staticmethod
    def earliest(probes):
        """The earliest of the times `probes` find, in one query where the database can."""
        if connection.features.supports_slicing_ordering_in_compound:
            times = probes[0].union(*probes[1:], all=True).order_by()
        else:  # SQLite (development): one query each.
            times = [time for probe in probes for time in probe]
        return min(times, default=None)

    def expired(self):
        """Published, and its take-down time has passed."""
        return self.filter(
            status=Status.PUBLISHED,
            publish_at__lte=timezone.now(),
            unpublish_at__lte=timezone.now(),
        )

    def drafts(self):
        return self.filter(status=Status.DRAFT)


def address_slug(noun):
    """The last part of a published item's address, made from its title; its help names
    the `noun` ("article")."""
    return models.SlugField(
        max_length=200,
        unique=True,
        help_text=f"The last part of the {noun}’s web address. Filled in from the title; "
        f"avoid changing it once the {noun} is live, as links to it would break.",
    )


def staff_member():
    """Who created or last changed something; kept as history, so never required."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )


def Publishable(noun, plural):
    """An abstract model with the publishing fields, their help naming a `noun` ("article").

    The model must also have `summary`, `body`, `image`, `image_alt` and `image_decorative`,
    which `publish_problems()` checks.
    """

    class Publishable(ReviewedModel):
        Status = Status

        publish_at = models.DateTimeField(
            "publish date and time",
            default=timezone.now,
            help_text=f"A time in the future schedules the {noun}: it goes live by itself then.",
        )
        unpublish_at = models.DateTimeField(
            "take down at",
            null=True,
            blank=True,
            help_text=f"Optional. The {noun} stops being public at this time, by itself.",
        )
        status = models.CharField(
            max_length=10,
            choices=Status.choices,
            default=Status.DRAFT,
            help_text=f"Drafts are never public. Published {plural} go live at their publish time.",
        )
        created_by = staff_member()
        updated_by = staff_member()

        objects = PublishingQuerySet.as_manager()

        class Meta:
            abstract = True

        def clean(self):
            errors = {}
            if self.unpublish_at and self.publish_at and self.unpublish_at <= self.publish_at:
                errors["unpublish_at"] = ["The take-down time must be after the publish time."]
            if self.status == Status.PUBLISHED:
                errors = self.publish_problems() | errors
            if errors:
                raise ValidationError(errors)

        def publish_problems(self):
            """What must be fixed before this may be public, as {field: [messages]}.

            Drafts may be incomplete; these checks only block publishing.
            """
            problems = {}
            if not self.summary.strip():
                problems["summary"] = ["Write a summary: listings and search results show it."]
            if self.image and not (self.image_alt.strip() or self.image_decorative):
                problems["image_alt"] = [
                    "Describe the image for people who cannot see it, "
                    "or tick “the image is decorative”."
                ]
            body_problems = [
                *(
                    f"Link {number} says “{text or 'nothing'}”: make the link text say where "
                    "it goes, e.g. “the 2025 annual report”."
                    for number, text in vague_links(self.body)
                ),
                *heading_order_problems(self.body),
            ]
            if body_problems:
                problems["body"] = body_problems
            return problems

        @property
        def is_live(self):
            now = timezone.now()
            return (
                self.status == Status.PUBLISHED
                and self.publish_at <= now
                and (self.unpublish_at is None or self.unpublish_at > now)
            )

        @property
        def state(self):
            """Draft, Scheduled, Live or Expired: what staff need to know at a glance."""
            if self.status == Status.DRAFT:
                return "Draft"
            if self.is_live:
                return "Live"
            return "Scheduled" if self.publish_at > timezone.now() else "Expired"

    return Publishable


class ShareLinkQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(expires_at__gt=timezone.now())


def in_a_week():
    return timezone.now() + SHARE_LINK_LIFETIME


class ShareLinkBase(models.Model):
    """Lets a reviewer without an account see one item before it is public.

    The link carries a signed token, so it cannot be guessed. It stops working when it
    expires or when staff delete it (which revokes it). A concrete link names the foreign
    key to what it shows (`subject_field`) and the URL name of its preview page.
    """

    subject_field = None
    preview_url_name = None

    expires_at = models.DateTimeField(
        "expires", default=in_a_week, help_text="The link stops working after this time."
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    created_by = staff_member()

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview link for “{self.subject}”"

    def get_absolute_url(self):
        return reverse(self.preview_url_name, kwargs={"token": self.token})

    @property
    def subject(self):
        return getattr(self, self.subject_field)

    @staticmethod
    def check_expiry(expires_at):
        """Refuse an expiry time that has passed, or that is further off than a link may
        last (`SHARE_LINK_MAX_LIFETIME`)."""
        now = timezone.now()
        days = SHARE_LINK_MAX_LIFETIME.days
        if expires_at <= now:
            raise ValidationError(
                "That time has passed: choose when the link should stop working, "
                "up to %(days)d days from now.",
                code="expired",
                params={"days": days},
            )
        latest = now + SHARE_LINK_MAX_LIFETIME
        if expires_at > latest:
            raise ValidationError(
                "A preview link can last at most %(days)d days: choose a time no later "
                "than %(latest)s.",
                code="too_long",
                params={"days": days, "latest": f"{timezone.localtime(latest):%d/%m/%Y %H:%M}"},
            )

    @classmethod
    def signer(cls):
        # Each kind of link signs with its own salt, so one kind's token names no other.
        return signing.Signer(salt=cls._meta.label_lower)

    @property
    def token(self):
        return self.signer().sign(str(self.pk))

    @classmethod
    def with_previewed(cls, request, items):
        """`items` (the live ones, say) and the item a valid link in the request's
        `?preview=` shows: what a reviewer holding the link may see, and download."""
        link = cls.from_token(request.GET.get("preview", ""))
        if link is None:
            return items
        previewed = getattr(link, f"{cls.subject_field}_id")
        return items.model._default_manager.filter(Q(pk__in=items) | Q(pk=previewed))

    @classmethod
    def from_token(cls, token):
        """The valid link a token names, or None for a forged, expired or revoked one."""
        try:
            pk = int(cls.signer().unsign(token))
        except (signing.BadSignature, ValueError):
            return None
        return cls.objects.valid().select_related(cls.subject_field).filter(pk=pk).first()
