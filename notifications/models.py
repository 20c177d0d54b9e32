"""The outbox: one row per message the site means to send, per event and recipient.

A row is written in the same transaction as the change that caused it, and sent afterwards
by a background task (`tasks.deliver`). The row's uniqueness on (event, address) is what
makes a message go once per event, however often the change is saved or the task runs; and
because the row outlives a mail server that is down, nothing is lost: it is retried with
back-off, and shown in the admin once it has given up, with a "Send again" action.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class NotificationQuerySet(models.QuerySet):
    def unsent(self):
        return self.exclude(status=Notification.Status.SENT)

    def failed(self):
        return self.filter(status=Notification.Status.FAILED)


class Notification(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Not sent"

    event = models.CharField(
        max_length=200, help_text="What the message is about; it is sent once per event."
    )
    address = models.EmailField("to")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    subject = models.CharField(max_length=300)
    text = models.TextField("plain text")
    html = models.TextField("HTML", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField("created", auto_now_add=True)
    next_attempt_at = models.DateTimeField("next attempt", null=True, blank=True)
    sent_at = models.DateTimeField("sent", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "address"], name="one_message_per_event")
        ]
        indexes = [models.Index(fields=["status", "created_at"])]
        permissions = [("resend_notification", "Can send notifications again")]

    def __str__(self):
        return f"{self.subject} (to {self.address})"

    def retry_delay(self):
        """How long to wait after the latest failed attempt: doubling from the base delay,
        so a mail server that is down for hours is not hammered meanwhile."""
        return timedelta(
            seconds=settings.NOTIFICATION_RETRY_SECONDS * 2 ** max(self.attempts - 1, 0)
        )

    def gives_up(self):
        return self.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS

    def record_failure(self, error, can_retry=True):
        """Note a failed attempt. Without a queue that can wait (tasks run at once in
        development) there is nothing to retry with, so it shows as not sent at once."""
        self.attempts += 1
        self.last_error = f"{error!r}"[:2000]
        if self.gives_up() or not can_retry:
            self.status = self.Status.FAILED
            self.next_attempt_at = None
        else:
            self.next_attempt_at = timezone.now() + self.retry_delay()
        self.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])

    def record_sent(self):
        self.attempts += 1
        self.status = self.Status.SENT
        self.last_error = ""
        self.next_attempt_at = None
        self.sent_at = timezone.now()
        self.save(update_fields=["attempts", "status", "last_error", "next_attempt_at", "sent_at"])


class PreferenceQuerySet(models.QuerySet):
    def opted_out(self):
        return self.filter(email=False)


class Preference(models.Model):
    """A person’s choice about the site’s emails to them. No row means they get them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.BooleanField(
        "email me about my work and reviews",
        default=True,
        help_text="Untick to stop the site’s emails about articles submitted, reviewed, "
        "approved or signed off. Nothing else changes: the admin still shows it all.",
    )

    objects = PreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = "notification setting"

    def __str__(self):
        return f"Notification settings of {self.user}"
