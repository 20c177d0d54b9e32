from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A staff account. Our own model from the start, so it can grow without a painful swap."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField("last updated", auto_now=True)

    class Meta:
        abstract = True


class ReviewedModel(TimeStampedModel):
    """Content that staff promise to check again by a date, so it does not go stale."""

    review_by = models.DateField(
        "review by",
        null=True,
        blank=True,
        help_text="The date by which someone should check this is still correct. "
        "It then appears in the admin’s review report.",
    )

    class Meta:
        abstract = True
