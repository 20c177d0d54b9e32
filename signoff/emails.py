"""The sign-off's emails: requested (to the member's contact), answered and expired (to the
staff member who asked), sent through the notifications outbox by the worker. Each names its
event (the sign-off, its round and what happened), so it is sent once whatever happens."""

from django.urls import reverse

from notifications import notify


def _notify(sign_off, site, what, recipient):
    context = {
        "site_url": site,
        "sign_off": sign_off,
        "article": sign_off.article,
        "organisation": sign_off.organisation,
        "link": site + sign_off.get_absolute_url(),
        "article_admin_link": site
        + reverse("admin:news_article_change", args=[sign_off.article_id]),
    }
    event = f"signoff:{sign_off.pk}:{sign_off.round}:{what}"
    notify(event, [recipient], f"signoff/email/{what}", context)


def send_requested(sign_off, site):
    _notify(sign_off, site, "requested", sign_off.contact_email)


def send_answered(sign_off, site):
    # The account, not its address: staff who turned notifications off get none.
    if sign_off.requested_by is not None:
        _notify(sign_off, site, "answered", sign_off.requested_by)


def send_expired(sign_off, site):
    if sign_off.requested_by is not None:
        _notify(sign_off, site, "expired", sign_off.requested_by)
