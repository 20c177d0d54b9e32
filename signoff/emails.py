"""The sign-off's emails: requested (to the member's contact), answered and expired (to the
staff member who asked). Each names its event, so it is sent once whatever happens."""

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse


def _send(event_key, recipients, template_prefix, context):
    recipients = [address for address in recipients if address]
    if not recipients:
        return

    def send():
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        message = EmailMultiAlternatives(
            " ".join(subject.split()),
            render_to_string(f"{template_prefix}.txt", context),
            to=recipients,
        )
        html = render_to_string(f"{template_prefix}.html", context)
        message.attach_alternative(html, "text/html")
        message.send()

    transaction.on_commit(send)


def _context(sign_off, site):
    return {
        "sign_off": sign_off,
        "article": sign_off.article,
        "organisation": sign_off.organisation,
        "link": site + sign_off.get_absolute_url(),
        "article_admin_link": site
        + reverse("admin:news_article_change", args=[sign_off.article_id]),
    }


def _event(sign_off, what):
    return f"signoff:{sign_off.pk}:{sign_off.round}:{what}"


def send_requested(sign_off, site):
    _send(
        _event(sign_off, "requested"),
        [sign_off.contact_email],
        "signoff/email/requested",
        _context(sign_off, site),
    )


def _to_requester(sign_off, site, what):
    requester = sign_off.requested_by
    if requester is not None:
        _send(
            _event(sign_off, what),
            [requester.email],
            f"signoff/email/{what}",
            _context(sign_off, site),
        )


def send_answered(sign_off, site):
    _to_requester(sign_off, site, "answered")


def send_expired(sign_off, site):
    _to_requester(sign_off, site, "expired")
