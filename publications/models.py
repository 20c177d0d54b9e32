import re

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.fields import RichTextField, WebAddressField
from core.images import MainImage
from core.publishing import Publishable, PublishingQuerySet, ShareLinkBase
from core.search import SearchFields
from strategy.models import LinkedToStrategy

from .contents import outline

PUBLISHER = "Birmingham Health Partners"

# A DOI is "10.", a registrant code of digits (dot-separated parts allowed), "/" and a suffix
# of any printable characters but spaces (the DOI Handbook, section 2.2).
DOI = re.compile(r"10\.\d{4,9}(?:\.\d+)*/\S+")
# What people paste in front of a DOI: its resolver's address or a "doi:" label.
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
DOI_MESSAGE = (
    "Enter a DOI such as 10.1234/bhp.2022.1 (starting with “10.”, with no spaces), "
    "or leave it empty."
)


def normalise_doi(value):
    """The DOI alone, from a DOI or its https://doi.org/ address; raises ValidationError
    for anything else."""
    value = DOI_PREFIX.sub("", value.strip())
    if value and not DOI.fullmatch(value):
        raise ValidationError(DOI_MESSAGE, code="invalid_doi")
    return value


class Kind(models.TextChoices):
    REPORT = "report", "Report"
    EVALUATION = "evaluation", "Evaluation"
    POLICY_PAPER = "policy-paper", "Policy paper"
    ANNUAL_REVIEW = "annual-review", "Annual review"


class PublicationQuerySet(PublishingQuerySet):
    def for_listing(self):
        """Publications for a list: everything but the full text."""
        return self.defer("body")

    def about(self, *, kind=None, theme=None, year=None):
        """Publications matching every filter given; filters left as None are ignored."""
        filters = {"kind": kind, "themes": theme, "published_on__year": year}
        return self.filter(**{key: value for key, value in filters.items() if value is not None})


# Registered here, following the authors (kept and restored with it) but not the preview
# links: a link is revoked by deleting it, so no restore may bring one back.
@reversion.register(follow=["authors"])
class Publication(
    Publishable("publication", "publications"),
    MainImage("publication", "publications"),
    LinkedToStrategy("publication", "publications"),
):
    Kind = Kind

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the publication’s web address. Filled in from the title.",
    )
    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.REPORT)
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two sentences that say what it is about. Shown under the title, in "
        "listings and in search results. Needed before the publication is published.",
    )
    body = RichTextField(
        "full text",
        blank=True,
        help_text="The whole publication as a web page: headings, lists and tables (give "
        "each table a header row). A long text gets a table of contents from its headings. "
        "Leave empty if it is only published elsewhere.",
    )
    published_on = models.DateField(
        "publication date",
        default=timezone.localdate,
        help_text="When it was first published: citations give its year.",
    )
    publisher = models.CharField(max_length=200, default=PUBLISHER)
    doi = models.CharField(
        "DOI",
        max_length=200,
        blank=True,
        help_text="Its Digital Object Identifier, e.g. 10.1234/bhp.2022.1, if it has one. "
        "Linked as https://doi.org/….",
    )
    external_url = WebAddressField(
        "external link",
        blank=True,
        help_text="Where it is published elsewhere, e.g. a journal’s or a member’s website.",
    )
    pdf = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publications",
        limit_choices_to={"file_type": "PDF"},
        verbose_name="PDF",
        help_text="The same publication as a PDF, offered as a download beside the web page.",
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        permissions = [("publish_publication", "Can publish and unpublish publications")]
        indexes = [
            models.Index(fields=["status", "-published_on", "-id"], name="publication_listing_idx")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publications:publication-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        try:
            self.doi = normalise_doi(self.doi)
        except ValidationError as error:
            errors["doi"] = error.messages
        if self.pdf_id and self.pdf.file_type != "PDF":
            errors["pdf"] = ["Choose a PDF document; this one is not a PDF."]
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def link(self):
        """Where it is published for good: its DOI's address, else its external link."""
        return self.doi_url or self.external_url

    @property
    def schema_type(self):
        return "ScholarlyArticle" if self.doi else "Report"

    def outline(self):
        """The full text with an id on each heading, and its table of contents."""
        return outline(self.body)


class AuthorQuerySet(models.QuerySet):
    def in_order(self):
        return self.select_related("person", "organisation").order_by("position", "pk")


@reversion.register()
class Author(models.Model):
    """One author of a publication, in the order the publication names them: a person on
    the website, a member or partner organisation, or anyone else by name."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="authors")
    position = models.PositiveSmallIntegerField(default=0)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications_authored",
        help_text="Someone with a page on this website.",
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications_authored",
        help_text="An organisation as author, e.g. a member trust.",
    )
    name = models.CharField(
        max_length=200,
        blank=True,
        help_text="Anyone else: a person as “Family name, Given names” (e.g. “Okafor, Ada”), "
        "an organisation by its name (no comma).",
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, organisation__isnull=True, name="")
                    | Q(person__isnull=True, organisation__isnull=False, name="")
                    | (Q(person__isnull=True, organisation__isnull=True) & ~Q(name=""))
                ),
                name="author_is_one_of_person_organisation_name",
            )
        ]

    def __str__(self):
        return self.display_name

    def clean(self):
        given = [bool(self.person_id), bool(self.organisation_id), bool(self.name.strip())]
        if sum(given) != 1:
            raise ValidationError(
                "Choose a person or an organisation, or type a name: one of the three."
            )

    @property
    def is_organisation(self):
        """Written as one name, never split into family and given names: an organisation,
        or a typed name without a comma."""
        return not self.person_id and (bool(self.organisation_id) or "," not in self.name)

    @property
    def display_name(self):
        family, given = self.family_and_given()
        return f"{given} {family}" if given else family

    def family_and_given(self):
        """(family name, given names); an organisation's name is all family name."""
        if self.organisation_id:
            return self.organisation.name, ""
        if self.person_id:
            # People's pages hold the name they use, given names first.
            given, _, family = self.person.name.strip().rpartition(" ")
            return family, given
        if self.is_organisation:
            return self.name.strip(), ""
        family, given = (part.strip() for part in self.name.split(",", 1))
        return family, given

    def url(self):
        if self.person_id and self.person.listed:
            return self.person.get_absolute_url()
        if self.organisation_id:
            return self.organisation.get_absolute_url()
        return ""


class ShareLink(ShareLinkBase):
    """Lets a reviewer without an account see one publication before it is public."""

    subject_field = "publication"
    preview_url_name = "publications:shared-preview"

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="share_links"
    )


# How publications are searched; the vector is stored by the search app
# (PublicationSearchDocument, see search.signals).
PUBLICATION_FIELDS = SearchFields({"title": "A", "summary": "B", "body": "C"}, ("summary", "body"))
