from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from core.fields import RichTextField, WebAddressField
from core.images import LOGO, PictureField
from core.models import ReviewedModel, ReviewedQuerySet
from core.search import SearchFields
from core.uploads import GeneratedName


class OrganisationQuerySet(ReviewedQuerySet):
    def members(self):
        """Organisations that are, or were, members of the partnership."""
        return self.filter(is_member=True)

    def current_members(self):
        """Members today: a member who has left keeps its page and news, but not its place."""
        today = timezone.localdate()
        return self.members().filter(models.Q(left_on__isnull=True) | models.Q(left_on__gt=today))

    def partners(self):
        """Organisations we work with and name in news, but which are not members."""
        return self.filter(is_member=False)


class Organisation(ReviewedModel):
    class Kind(models.TextChoices):
        NHS_TRUST = "nhs_trust", "NHS trust"
        UNIVERSITY = "university", "University"
        INNOVATION_NETWORK = "innovation_network", "Health innovation network"
        OTHER = "other", "Other organisation"

        @property
        def plural_label(self):
            return {
                "nhs_trust": "NHS trusts",
                "university": "Universities",
                "innovation_network": "Health innovation network",
                "other": "Other members",
            }[self.value]

    name = models.CharField(max_length=200, unique=True, help_text="The full, official name.")
    short_name = models.CharField(
        max_length=50,
        blank=True,
        help_text="The short name or acronym used in text, for example “UHB”.",
    )
    other_names = models.TextField(
        blank=True,
        help_text="Other names and acronyms this organisation is known by, one per line "
        "(former names too). Used to recognise it when articles mention it.",
    )
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The last part of its web address."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NHS_TRUST)
    is_member = models.BooleanField(
        "member of the partnership",
        default=True,
        help_text="Untick for a partner organisation that articles mention but which is not "
        "a member: it gets a page, but is not listed as a member.",
    )
    founding_member = models.BooleanField(default=False)
    joined_on = models.DateField(
        "date joined", null=True, blank=True, help_text="Leave empty for founding members."
    )
    left_on = models.DateField(
        "date left",
        null=True,
        blank=True,
        help_text="If it has left the partnership. Its page and news stay online.",
    )
    summary = models.CharField(
        max_length=300, help_text="One or two sentences, shown in listings and search results."
    )
    description = RichTextField(blank=True)
    logo = PictureField(
        upload_to=GeneratedName("logos"),
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
        renditions=LOGO,
        help_text="JPEG, PNG, WebP or GIF. Logos are shown whole, never cropped.",
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_alt = models.CharField(
        "logo alt text",
        max_length=200,
        blank=True,
        help_text="Usually the organisation’s name, for people who cannot see the logo. "
        "Required when there is a logo.",
    )
    website = WebAddressField(blank=True)
    press_contact_name = models.CharField(
        "press contact",
        max_length=200,
        blank=True,
        help_text="Who in its press office approves what articles say about it, by name.",
    )
    press_contact_email = models.EmailField(
        "press contact’s email",
        blank=True,
        help_text="Sign-off requests for articles that name it are sent here.",
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:organisation-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.logo and not self.logo_alt.strip():
            errors["logo_alt"] = "Describe the logo for people who cannot see it."
        if self.is_member and not (self.founding_member or self.joined_on):
            errors["joined_on"] = "Give the date it joined, or tick “founding member”."
        if not self.is_member and (self.founding_member or self.joined_on or self.left_on):
            errors["is_member"] = (
                "A partner organisation has no membership dates; tick “member” or clear them."
            )
        if self.founding_member and self.joined_on:
            errors["joined_on"] = "A founding member has no join date; leave this empty."
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            errors["left_on"] = "The date left cannot be before the date joined."
        if self.press_contact_name.strip() and not self.press_contact_email:
            errors["press_contact_email"] = "Give the press contact’s email address too."
        if self.press_contact_email and not self.press_contact_name.strip():
            errors["press_contact_name"] = "Give the press contact’s name too."
        if errors:
            raise ValidationError(errors)

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def has_left(self):
        return self.left_on is not None and self.left_on <= timezone.localdate()


# How the site search finds organisations; the vector is stored by the search app
# (OrganisationSearchDocument, see search.signals).
ORGANISATION_FIELDS = SearchFields(
    {"name": "A", "short_name": "A", "other_names": "B", "summary": "B", "description": "C"},
    ("summary", "description"),
)
