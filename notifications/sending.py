"""`notify()`: how any app sends email about an event, through the outbox and the worker."""

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Notification, Preference
from .tasks import enqueue_on_commit

logger = logging.getLogger(__name__)


def _addressees(recipients):
    """(address, user or None) for each recipient that wants and can get email: accounts
    that are active, have an address and have not turned notifications off; plain
    addresses (people without an account) as long as they are addresses."""
    User = get_user_model()
    users = [recipient for recipient in recipients if isinstance(recipient, User)]
    opted_out = set(
        Preference.objects.opted_out()
        .filter(user__in=[user.pk for user in users])
        .values_list("user_id", flat=True)
    )
    seen = set()
    for recipient in recipients:
        if isinstance(recipient, User):
            if not (recipient.is_active and recipient.email) or recipient.pk in opted_out:
                continue
            address, user = recipient.email, recipient
        else:
            address, user = str(recipient).strip(), None
            try:
                validate_email(address)
            except ValidationError:
                logger.warning("Not notifying %r: not an email address", address)
                continue
        if address.lower() not in seen:
            seen.add(address.lower())
            yield address, user


def render(template_prefix, context):
    """The subject, plain text and HTML of one message from its three templates."""
    subject = render_to_string(f"{template_prefix}_subject.txt", context)
    subject = " ".join(subject.split())  # a header holds one line
    context = {**context, "subject": subject}
    return (
        subject,
        render_to_string(f"{template_prefix}.txt", context).strip() + "\n",
        render_to_string(f"{template_prefix}.html", context),
    )


def notify(event_key, recipients, template_prefix, context):
    """Email each recipient (accounts or addresses) about one event, once.

    Renders `<prefix>_subject.txt`, `<prefix>.txt` and `<prefix>.html` for each recipient
    (the context gets `recipient`, the account or None, and `preferences_url`, in full when
    the context has `site_url`, as `core.addresses.site_url` gives), writes one
    outbox row per (event, address), and queues the sending when the transaction commits.
    Calling it again for the same event sends nothing new: the key is what makes "once".
    Returns the notifications written now.
    """
    written = []
    for address, user in _addressees(list(recipients)):
        if Notification.objects.filter(event=event_key, address=address).exists():
            continue
        subject, text, html = render(
            template_prefix,
            {
                **context,
                "recipient": user,
                "preferences_url": context.get("site_url", "")
                + reverse("admin:notifications_preference_mine"),
            },
        )
        notification, created = Notification.objects.get_or_create(
            event=event_key,
            address=address,
            defaults={"user": user, "subject": subject, "text": text, "html": html},
        )
        if created:
            written.append(notification)
    enqueue_on_commit([notification.pk for notification in written])
    return written
