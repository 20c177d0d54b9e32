from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.models import SingletonModel, TimeStampedModel

# Long enough for any real enquiry; the form says so, and anything longer is refused whole.
MESSAGE_MAX_LENGTH = 5000
CONFIRMATION_SALT = "contact.sent"
# The confirmation page is for the moment after sending (and a reload); not a lasting link.
CONFIRMATION_MAX_AGE = timedelta(hours=1)


def validate_addresses(value):
    bad = [address for address in value.split() if not _is_address(address)]
    if bad:
        raise ValidationError(
            "These are not email addresses: %(bad)s. Put one address on each line.",
            params={"bad": ", ".join(bad)},
        )
    if not value.split():
        raise ValidationError("Give at least one address to send these enquiries to.")


def _is_address(address):
    try:
        validate_email(address)
    except ValidationError:
        return False
    return True


class TopicQuerySet(models.QuerySet):
    def active(self):
        """The topics visitors may choose on the contact form."""
        return self.filter(active=True)


class Topic(TimeStampedModel):
    """What an enquiry is about, and where it goes."""

    name = models.CharField(max_length=100, help_text="As visitors see it on the contact form.")
    slug = models.SlugField(
        unique=True,
        help_text="Names the topic in links such as /contact/?topic=press, which choose it.",
    )
    hint = models.CharField(
        max_length=200,
        blank=True,
        help_text="A few words under the choice saying who should pick it.",
    )
    addresses = models.TextField(
        validators=[validate_addresses],
        help_text="Who receives these enquiries: one email address per line.",
    )
    groups = models.ManyToManyField(
        "auth.Group",
        blank=True,
        related_name="enquiry_topics",
        verbose_name="staff groups who read these enquiries",
        help_text="Besides administrators, who see every enquiry.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(
        default=True, help_text="Untick to take the topic off the form; its enquiries stay."
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def address_list(self):
        return self.addresses.split()


class EnquiryQuerySet(models.QuerySet):
    def retention_cutoff(self):
        return timezone.now() - timedelta(days=settings.ENQUIRY_RETENTION_DAYS)

    def kept(self):
        """Enquiries still within the retention period: nothing older is ever shown."""
        return self.filter(created_at__gte=self.retention_cutoff())

    def expired(self):
        return self.filter(created_at__lt=self.retention_cutoff())

    def purge(self):
        """Delete the enquiries older than `ENQUIRY_RETENTION_DAYS`; how many were deleted."""
        return self.expired().delete()[0]

    def from_confirmation(self, token):
        """The enquiry a confirmation link names; DoesNotExist if it is forged or too old."""
        try:
            pk = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
        except signing.BadSignature as error:
            raise self.model.DoesNotExist from error
        return self.kept().select_related("topic").get(pk=pk)

    def readable_by(self, user):
        """Administrators read every enquiry; other staff those on their groups' topics."""
        if user.has_perm("contact.view_every_enquiry"):
            return self
        return self.filter(topic__groups__in=user.groups.all()).distinct()


class Enquiry(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Not sent yet"
        SENT = "sent", "Sent"
        FAILED = "failed", "Not sent: email failed"

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="enquiries")
    name = models.CharField("your name", max_length=200)
    email = models.EmailField("your email address", max_length=254)
    organisation = models.CharField("your organisation", max_length=200, blank=True)
    message = models.TextField("your message", max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField("sent", default=timezone.now, db_index=True)
    state = models.CharField("email", max_length=10, choices=State.choices, default=State.PENDING)
    error = models.TextField("email error", blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField("email attempts", default=0)
    delivered_at = models.DateTimeField("emailed", null=True, blank=True)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "enquiries"
        permissions = [
            ("view_every_enquiry", "Can read enquiries on every topic"),
            ("resend_enquiry", "Can send an enquiry's email again"),
        ]

    def __str__(self):
        return f"{self.name} about {self.topic}" if self.topic_id else self.name

    def confirmation_url(self):
        """The sender's confirmation page: signed, so nobody reads another's by guessing."""
        return reverse("contact:sent", args=[signing.dumps(self.pk, salt=CONFIRMATION_SALT)])

    @property
    def failed(self):
        return self.state == self.State.FAILED


class PressPage(SingletonModel, TimeStampedModel):
    """The press page's own words. There is one: it always has the primary key 1."""

    about = models.TextField(
        "about Birmingham Health Partners",
        help_text="The standard paragraph for journalists to use; leave a blank line between "
        "paragraphs.",
    )
    contacts = models.TextField(
        "other ways to reach the press office",
        blank=True,
        help_text="Shown under the press office's email address, e.g. a phone number for "
        "urgent enquiries.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "press page text"
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="one_press_page")]

    def __str__(self):
        return "Press page text"
