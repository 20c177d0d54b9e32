"""The emails each step of a review sends, through `notifications`."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from core.addresses import site_url
from notifications import notify

from .models import Action, name_of

REVIEWERS = "Communications"
TEMPLATES = {
    Action.SUBMIT: "notifications/email/submitted",
    Action.REQUEST_CHANGES: "notifications/email/changes_requested",
    Action.APPROVE: "notifications/email/approved",
}


def send(request, review, comment):
    """Submitted: to Communications. Changes requested or approved: to whoever submitted
    it. Never to the person who acted, and once per round and step."""
    item, actor = review.item, comment.author
    if comment.action == Action.SUBMIT:
        recipients = get_user_model().objects.filter(groups__name=REVIEWERS, is_active=True)
    else:
        recipients = [review.submitted_by] if review.submitted_by else []
    opts = item._meta
    base = site_url(request)
    review_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_review", args=[item.pk])
    notify(
        f"review:{review.pk}:{review.round}:{comment.action}",
        [person for person in recipients if person.pk != actor.pk],
        TEMPLATES[comment.action],
        {
            "item": str(item),
            "actor": name_of(actor),
            "comment": comment.text,
            "url": base + review_url,
            "site_url": base,
        },
    )
