"""Member sign-off: a member organisation's press contact approves what an article says about
it, through a signed, expiring link, without an account.

One `SignOff` per (article, organisation). Asking again replaces the request (a new round),
so links from earlier emails stop working. A sign-off holds only for the text it was given
for: its fingerprint of the article's title, summary, body and main image is compared with the
article's own, and a change invalidates it.
"""

import hashlib

from django.core import signing
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from core.publishing import SHARE_LINK_LIFETIME, staff_member

from .emails import send_expired, send_requested
from .tasks import expire_on_time

# What a member signs off: the text and the main image.
SIGNED_FIELDS = ("title", "summary", "body", "image")


def fingerprint(article):
    """A digest of the article's SIGNED_FIELDS."""
    parts = [article.title, article.summary, article.body, article.image.name or ""]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class State(models.TextChoices):
    PENDING = "pending", "Waiting for an answer"
    APPROVED = "approved", "Approved"
    CHANGES_REQUESTED = "changes", "Changes requested"
    EXPIRED = "expired", "Expired without an answer"
    INVALIDATED = "invalidated", "No longer valid: the text changed since"


# A sign-off that still holds, or may yet: the others need asking again.
OPEN = [State.PENDING, State.APPROVED]


class SignOffQuerySet(models.QuerySet):
    def expire_due(self, site):
        """Mark pending sign-offs whose link has expired, and tell each requester once.

        Expiry needs no job: whoever next reads the sign-offs (the article's change form,
        the link, publishing) finds them expired; see also `signoff.tasks`.
        """
        due = list(
            self.filter(state=State.PENDING, expires_at__lte=timezone.now()).select_related(
                "article", "organisation", "requested_by"
            )
        )
        for sign_off in due:
            sign_off.state = State.EXPIRED
            sign_off.save(update_fields=["state"])
            send_expired(sign_off, site)
        return due

    def not_approving(self, text, organisations):
        """Those from `organisations` (the ones an article names) that do not approve the
        text with fingerprint `text`. An organisation no longer named needs no sign-off."""
        named = self.filter(organisation__in=organisations).select_related("organisation")
        return [sign_off for sign_off in named if not sign_off.approves(text)]

    def invalidate_changed(self, article):
        """Invalidate the article's open sign-offs given for another text than its own."""
        return (
            self.filter(article=article, state__in=OPEN)
            .exclude(fingerprint=fingerprint(article))
            .update(state=State.INVALIDATED)
        )


class SignOff(models.Model):
    State = State

    article = models.ForeignKey("news.Article", on_delete=models.CASCADE, related_name="sign_offs")
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.CASCADE, related_name="sign_offs"
    )
    # As they were when asked: the organisation's contact may change since.
    contact_name = models.CharField("contact", max_length=200)
    contact_email = models.EmailField("contact’s email")
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    comment = models.TextField(blank=True, help_text="The contact’s changes, in their words.")
    requested_by = staff_member()
    requested_at = models.DateTimeField("requested", default=timezone.now)
    expires_at = models.DateTimeField("link expires")
    answered_at = models.DateTimeField("answered", null=True, blank=True)
    fingerprint = models.CharField(max_length=64, editable=False)
    # Asking again makes a new round: only the newest email's link works.
    round = models.PositiveIntegerField(default=1, editable=False)

    objects = SignOffQuerySet.as_manager()

    class Meta:
        verbose_name = "member sign-off"
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["article", "organisation"], name="one_sign_off_each")
        ]

    def __str__(self):
        return f"{self.organisation} on “{self.article}”"

    def get_absolute_url(self):
        return reverse("signoff:answer", kwargs={"token": self.token})

    # The link -------------------------------------------------------------------------------

    @staticmethod
    def signer():
        return signing.Signer(salt="signoff.link")

    @property
    def token(self):
        return self.signer().sign(f"{self.pk}.{self.round}")

    @classmethod
    def from_token(cls, token):
        """The sign-off a token names, with its round; raises BadSignature if forged."""
        pk, round_ = cls.signer().unsign(token).split(".")
        sign_off = (
            cls.objects.select_related("article", "organisation", "requested_by")
            .filter(pk=int(pk))
            .first()
        )
        if sign_off is None:
            raise signing.BadSignature("no such sign-off")
        return sign_off, int(round_)

    # What it says ---------------------------------------------------------------------------

    def approves(self, text):
        return self.state == State.APPROVED and self.fingerprint == text

    @property
    def text_changed(self):
        return self.fingerprint != fingerprint(self.article)

    @property
    def is_expired(self):
        return self.state == State.PENDING and self.expires_at <= timezone.now()

    @property
    def state_label(self):
        """The state as it is now: a change of text or the clock may have ended it already,
        before anything recorded so."""
        if self.state in OPEN and self.text_changed:
            return State.INVALIDATED.label
        if self.is_expired:
            return State.EXPIRED.label
        return self.get_state_display()

    @property
    def summary(self):
        """One line for the admin's messages and the publishing checks."""
        return f"{self.organisation.display_name}: {self.state_label}"

    # Changes --------------------------------------------------------------------------------

    @classmethod
    def request(cls, article, organisation, requested_by):
        """Ask `organisation`'s press contact to sign off `article` (again, if asked before)."""
        with transaction.atomic():
            sign_off, created = cls.objects.select_for_update().get_or_create(
                article=article,
                organisation=organisation,
                defaults={"expires_at": timezone.now()},
            )
            sign_off.round = 1 if created else sign_off.round + 1
            sign_off.contact_name = organisation.press_contact_name
            sign_off.contact_email = organisation.press_contact_email
            sign_off.state = State.PENDING
            sign_off.comment = ""
            sign_off.requested_by = requested_by
            sign_off.requested_at = timezone.now()
            sign_off.expires_at = sign_off.requested_at + SHARE_LINK_LIFETIME
            sign_off.answered_at = None
            sign_off.fingerprint = fingerprint(article)
            sign_off.save()
        return sign_off

    def problem(self, round_):
        """Why the link of `round_` can no longer be answered, or None if it can.

        One of "superseded" (a newer request was sent), "answered", "changed" (the text
        changed since it was asked for), "expired".
        """
        if round_ != self.round:
            return "superseded"
        if self.state in (State.APPROVED, State.CHANGES_REQUESTED):
            return "answered"
        if self.state == State.INVALIDATED or self.text_changed:
            return "changed"
        if self.state == State.EXPIRED or self.is_expired:
            return "expired"
        return None

    def answer(self, round_, approved, comment=""):
        """Record the contact's answer; returns why it could not be, or None once recorded.

        The row is locked and checked again, so two presses (or two tabs) answer once.
        """
        with transaction.atomic():
            locked = SignOff.objects.select_for_update().get(pk=self.pk)
            locked.article = self.article
            problem = locked.problem(round_)
            if problem:
                return problem
            locked.state = State.APPROVED if approved else State.CHANGES_REQUESTED
            locked.comment = comment
            locked.answered_at = timezone.now()
            locked.save(update_fields=["state", "comment", "answered_at"])
        self.refresh_from_db()
        return None


def request_from_members(article, requested_by, site):
    """Ask the press contact of each member the article names to sign it off.

    Returns the sign-offs requested and the organisations that have no press contact.
    """
    requested, missing = [], []
    for organisation in article.organisations.all():
        if not organisation.press_contact_email:
            missing.append(organisation)
            continue
        sign_off = SignOff.request(article, organisation, requested_by)
        send_requested(sign_off, site)
        expire_on_time(sign_off, site)
        requested.append(sign_off)
    return requested, missing
