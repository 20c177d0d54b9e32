"""The background task that sends one notification from the outbox."""

import logging

from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.tasks import task

from .models import Notification

logger = logging.getLogger(__name__)


@task
def deliver(notification_id):
    """Send one queued notification; on failure, try again later with back-off.

    The row is locked while it is sent, so two workers (or a worker and "Send again") can
    never both send it: the second finds it sent and does nothing.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .filter(pk=notification_id, status=Notification.Status.QUEUED)
            .first()
        )
        if notification is None:  # sent already, given up on, or deleted
            return
        message = EmailMultiAlternatives(
            subject=notification.subject, body=notification.text, to=[notification.address]
        )
        if notification.html:
            message.attach_alternative(notification.html, "text/html")
        try:
            with mailers.default as connection:
                connection.send_messages([message])
        except Exception as error:  # smtplib's, socket's, ssl's: each transport has its own
            logger.warning("Notification %s was not sent: %r", notification.pk, error)
            retry = deliver.get_backend().supports_defer
            notification.record_failure(error, can_retry=retry)
            if notification.status == Notification.Status.QUEUED:
                run_after = notification.next_attempt_at
                transaction.on_commit(
                    lambda: deliver.using(run_after=run_after).enqueue(notification_id)
                )
            return
        notification.record_sent()


def enqueue_on_commit(notification_ids):
    """Queue a send for each notification once the transaction that wrote them commits (a
    rolled-back change sends nothing)."""
    for notification_id in notification_ids:
        transaction.on_commit(lambda pk=notification_id: deliver.enqueue(pk))
