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
