"""Emailing an enquiry: everything about sending it is here, so that a task worker can take it
over without the form noticing."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Enquiry

logger = logging.getLogger(__name__)


def deliver(enquiry):
    """Send the enquiry to its topic's addresses, replying to the sender, and the sender a
    copy; record on the enquiry whether that worked. True if both messages went.

    The enquiry is already saved: a mail server that fails or is down loses nothing, and
    staff see it marked as not sent in the admin, where they can send it again.
    """
    context = {
        "enquiry": enquiry,
        "topic": enquiry.topic,
        "retention_days": settings.ENQUIRY_RETENTION_DAYS,
    }
    routed = EmailMessage(
        subject=f"Enquiry about {enquiry.topic.name} from the website",
        body=render_to_string("contact/email/enquiry.txt", context),
        to=enquiry.topic.address_list(),
        reply_to=[enquiry.email],
    )
    copy = EmailMessage(
        subject="Your message to Birmingham Health Partners",
        body=render_to_string("contact/email/copy.txt", context),
        to=[enquiry.email],
        reply_to=enquiry.topic.address_list(),
    )
    attempt = Enquiry.objects.filter(pk=enquiry.pk)
    try:
        with mailers.default as connection:
            connection.send_messages([routed, copy])
    except Exception as error:  # smtplib's, socket's, ssl's: each transport has its own
        logger.warning("Enquiry %s was not emailed: %r", enquiry.pk, error)
        attempt.update(
            state=Enquiry.State.FAILED, error=f"{error!r}"[:2000], attempts=F("attempts") + 1
        )
        return False
    attempt.update(
        state=Enquiry.State.SENT,
        error="",
        attempts=F("attempts") + 1,
        delivered_at=timezone.now(),
    )
    return True
