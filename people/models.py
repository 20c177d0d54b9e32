from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from core.images import PictureField, Renditions
from core.models import ReviewedModel, ReviewedQuerySet, TimeStampedModel
from core.search import SearchFields
from core.uploads import GeneratedName

# Portraits are cropped to one shape everywhere, so a grid of people lines up.
PORTRAIT = Renditions(widths=(160, 320, 480), ratio=(4, 5))


class PersonQuerySet(ReviewedQuerySet):
    def listed(self):
        """People visitors may see: an unlisted person has no page, and shows nowhere."""
        return self.filter(listed=True)


class Person(ReviewedModel):
    honorific = models.CharField(
        "title",
        max_length=50,
        blank=True,
        help_text="For example “Professor”, “Dr” or “Dame”, shown before the name.",
    )
    name = models.CharField(
        max_length=200, help_text="The name the person uses, without their title."
    )
    post_nominals = models.CharField(
        max_length=100,
        blank=True,
        help_text="Letters after the name, for example “CBE FMedSci”, shown after a comma.",
    )
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The last part of their page’s web address."
    )
    listed = models.BooleanField(
        "shown on the website",
        default=True,
        help_text="Untick to hide this person’s page and roles from visitors; articles and "
        "bylines that name them then show the name without a link.",
    )
    photo = PictureField(
        upload_to=GeneratedName("people"),
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
        renditions=PORTRAIT,
        help_text="A head-and-shoulders photo: JPEG, PNG, WebP or GIF, cut to a portrait shape.",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_alt = models.CharField(
        "photo alt text",
        max_length=250,
        blank=True,
        help_text="Say what the photo shows for people who cannot see it. "
        "Required unless the photo is decorative.",
    )
    photo_decorative = models.BooleanField(
        "the photo is decorative",
        default=False,
        help_text="Tick only if the photo adds nothing to the name beside it, so screen "
        "readers skip it.",
    )
    biography = models.TextField(
        max_length=2000,
        blank=True,
        help_text="A short biography in plain text; leave a blank line between paragraphs.",
    )
    organisations = models.ManyToManyField(
        "members.Organisation",
        blank=True,
        related_name="people",
        help_text="The members and partners this person works for.",
    )
    other_names = models.TextField(
        blank=True,
        help_text="Other ways articles write this person’s name, one per line (for example "
        "without a middle name). Used to recognise them when an article names them.",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("people:person-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.photo and not (self.photo_alt.strip() or self.photo_decorative):
            raise ValidationError(
                {
                    "photo_alt": "Describe the photo for people who cannot see it, "
                    "or tick “the photo is decorative”."
                }
            )

    @property
    def titled_name(self):
        return " ".join(part for part in (self.honorific, self.name) if part)

    @property
    def full_name(self):
        """Title, name and letters after it: “Professor Jane Doe, FMedSci”."""
        if self.post_nominals:
            return f"{self.titled_name}, {self.post_nominals}"
        return self.titled_name

    @property
    def summary(self):
        """What listings and search results say about them: the start of the biography."""
        return Truncator(self.biography).words(30)

    def aliases(self):
        """The names an article may call them by, for recognising mentions."""
        return {self.name, self.titled_name, *self.other_names.splitlines()}


class RoleQuerySet(models.QuerySet):
    """Whether a role is current is worked out from today's date, so nothing needs editing
    on the day a role begins or ends: a role is held from its first day to its last day,
    both included."""

    def current(self):
        today = timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today)

    def past(self):
        return self.filter(ends_on__lt=timezone.localdate())

    def public(self):
        return self.filter(person__listed=True)

    def next_change(self):
        """When the set of current roles next changes by itself (a role starts or ends), or
        None: cached pages expire then. Roles change at local midnight."""
        today = timezone.localdate()
        starts = self.filter(starts_on__gt=today).order_by("starts_on")
        ends = self.filter(ends_on__gte=today).order_by("ends_on")
        days = [
            *starts.values_list("starts_on", flat=True)[:1],
            *(day + timedelta(days=1) for day in ends.values_list("ends_on", flat=True)[:1]),
        ]
        if not days:
            return None
        return timezone.make_aware(datetime.combine(min(days), time.min))


def _led(model, help_text):
    """What a lead leads. Kept from deletion while a role names it: the role is history."""
    return models.ForeignKey(
        model,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        help_text=help_text,
    )


class Role(TimeStampedModel):
    class Kind(models.TextChoices):
        CHAIR = "chair", "Chair"
        EXECUTIVE_DIRECTOR = "executive_director", "Executive Director"
        MANAGING_DIRECTOR = "managing_director", "Managing Director"
        DIRECTOR = "director", "Director"
        NON_EXECUTIVE_DIRECTOR = "non_executive_director", "Non-executive director"
        THEME_LEAD = "theme_lead", "Theme lead"
        PRIORITY_LEAD = "priority_lead", "Priority lead"
        AREA_LEAD = "area_lead", "Lead for an area of work"
        COMMUNICATIONS_OFFICER = "communications_officer", "Communications officer"

    # How /people/ groups roles: (heading, kinds), in the order shown.
    GROUPS = [
        ("Leadership", [Kind.CHAIR, Kind.EXECUTIVE_DIRECTOR, Kind.MANAGING_DIRECTOR,
                        Kind.DIRECTOR]),
        ("The board", [Kind.NON_EXECUTIVE_DIRECTOR]),
        ("Theme and priority leads", [Kind.THEME_LEAD, Kind.PRIORITY_LEAD, Kind.AREA_LEAD]),
        ("Communications and press", [Kind.COMMUNICATIONS_OFFICER]),
    ]  # fmt: skip

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField("role", max_length=30, choices=Kind.choices)
    theme = _led("strategy.ResearchTheme", "For a theme lead: the theme they lead.")
    priority = _led(
        "strategy.Priority", "For a priority lead: the health research priority they lead."
    )
    title = models.CharField(
        "name of the role",
        max_length=200,
        blank=True,
        help_text="Shown instead of the usual name, for example “Interim Chair”. Needed for "
        "a lead for an area of work: name it, for example “Data lead”.",
    )
    starts_on = models.DateField("from", help_text="The first day in the role.")
    ends_on = models.DateField(
        "to",
        null=True,
        blank=True,
        help_text="The last day in the role; leave empty while it goes on. The role shows "
        "as past from the next day by itself.",
    )

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="role_ends_after_it_starts",
                violation_error_message="A role cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.label}"

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = (
                f"A role cannot end before it starts: this one starts on "
                f"{self.starts_on:%-d %B %Y}. Check both dates."
            )
        needs = {self.Kind.THEME_LEAD: "theme", self.Kind.PRIORITY_LEAD: "priority"}
        for kind, field in needs.items():
            chosen = getattr(self, f"{field}_id") is not None
            if self.kind == kind and not chosen:
                errors[field] = f"Choose the {field} this person leads."
            elif self.kind != kind and chosen:
                errors[field] = (
                    f"Only a {field} lead has a {field}: clear this, or change the role."
                )
        if self.kind == self.Kind.AREA_LEAD and not self.title.strip():
            errors["title"] = "Name the area of work this person leads, e.g. “Data lead”."
        if errors:
            raise ValidationError(errors)

    @property
    def label(self):
        return self.title or self.get_kind_display()

    @property
    def subject(self):
        """The theme or priority led, if any."""
        return self.theme or self.priority

    @property
    def is_current(self):
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)

    @property
    def is_past(self):
        return self.ends_on is not None and self.ends_on < timezone.localdate()

    @property
    def dates(self):
        """The years held (with an en dash), “since 2023”, or “from 1 May 2027” for one
        not begun."""
        if self.starts_on > timezone.localdate():
            return f"from {self.starts_on:%-d %B %Y}"
        if self.is_past:
            if self.starts_on.year == self.ends_on.year:
                return str(self.starts_on.year)
            return f"{self.starts_on.year}–{self.ends_on.year}"
        return f"since {self.starts_on.year}"

    @property
    def described(self):
        """“Chair since 2023”, or for a past role the name and years, comma between."""
        joiner = ", " if self.is_past else " "
        return f"{self.label}{joiner}{self.dates}"


# How the site search finds people; the vector is stored by the search app
# (PersonSearchDocument, see search.signals).
PERSON_FIELDS = SearchFields(
    {"name": "A", "other_names": "B", "post_nominals": "C", "biography": "C"},
    # Two or more: the snippet joins them (one alone would be a Concat of one).
    ("biography", "post_nominals"),
)
