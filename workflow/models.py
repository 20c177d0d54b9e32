"""Review before publishing: Draft → Submitted for review → Changes requested or Approved.

One `Review` per item (an article, or any model with `core.publishing`'s fields), found by
its content type and id, so a kind of content joins the workflow without a schema change of
its own; its `Comment`s are the thread shown on the item's change form. Who may do what is
decided here (`allowed`), once, for the admin's page and for a forged POST alike.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone


def name_of(user):
    """A person as the workflow names them: full name, else username."""
    if user is None:
        return "a former member of staff"
    return user.get_full_name() or user.get_username()


class Action(models.TextChoices):
    SUBMIT = "submit", "Submit for review"
    REQUEST_CHANGES = "request_changes", "Request changes"
    APPROVE = "approve", "Approve"


class ReviewQuerySet(models.QuerySet):
    def for_model(self, model):
        return self.filter(content_type=ContentType.objects.get_for_model(model))

    def in_state(self, state):
        return self.filter(state=state)

    def waiting(self):
        return self.filter(state__in=[Review.State.SUBMITTED, Review.State.CHANGES_REQUESTED])


class Review(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    # Each submission starts a round; a round's notifications are sent once.
    round = models.PositiveIntegerField(default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField("in this state since", default=timezone.now)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_review_each")
        ]
        indexes = [models.Index(fields=["content_type", "state"])]

    def __str__(self):
        return f"Review of {self.item}"

    @classmethod
    def of(cls, item):
        """The item's review, as a draft if it has never been submitted (not saved then)."""
        content_type = ContentType.objects.get_for_model(item)
        review = cls.objects.filter(content_type=content_type, object_id=item.pk).first()
        return review or cls(content_type=content_type, object_id=item.pk, item=item)

    @property
    def editable_by_author(self):
        return self.state in (self.State.DRAFT, self.State.CHANGES_REQUESTED)

    def waits_for(self):
        """Whom the item waits for now, in staff's words."""
        if self.state == self.State.SUBMITTED:
            return "Communications"
        if self.state == self.State.CHANGES_REQUESTED:
            return name_of(self.submitted_by)
        return ""

    def allowed(self, user, *, may_change, may_publish):
        """The actions `user` may take now: authors and editors submit a draft; those who
        may publish approve or ask for changes to what was submitted."""
        actions = []
        if may_change and self.editable_by_author:
            actions.append(Action.SUBMIT)
        if may_publish and self.state == self.State.SUBMITTED:
            actions += [Action.APPROVE, Action.REQUEST_CHANGES]
        return actions

    def take(self, action, user, comment, *, allowed):
        """Move to the next state; the comment goes in the thread. Refused (403) if the
        action is not among those `allowed` (a forged or stale form), and a request for
        changes without saying which is a ValidationError: either way nothing changes."""
        if action not in allowed:
            raise PermissionDenied(f"“{Action(action).label}” is not possible now.")
        comment = comment.strip()
        if action == Action.REQUEST_CHANGES and not comment:
            raise ValidationError(
                {"comment": "Say what needs changing: the author reads it in the email."}
            )
        if action == Action.SUBMIT:
            self.state, self.submitted_by = self.State.SUBMITTED, user
            self.round += 1
        else:
            self.state = {
                Action.APPROVE: self.State.APPROVED,
                Action.REQUEST_CHANGES: self.State.CHANGES_REQUESTED,
            }[action]
        self.changed_at = timezone.now()
        self.save()
        return self.comments.create(author=user, action=action, text=comment)


class Comment(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    text = models.TextField(blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} by {self.author}"
