from datetime import timedelta

from django.db import models
from django.utils import timezone

# How far ahead the review report and the "due" filter look.
REVIEW_WINDOW = timedelta(days=30)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField("last updated", auto_now=True)

    class Meta:
        abstract = True


class SingletonModel(models.Model):
    """A page's own words, of which there is one (the strategy page, the press page): it
    always has the primary key 1. Each model adds a CheckConstraint on that."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding:
            # Insert as the one page; a second page fails on the primary key instead of
            # silently overwriting the first.
            self.pk = 1
            kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """The page's text, or an empty page if nobody has written it yet."""
        return cls.objects.first() or cls()


class ReviewedQuerySet(models.QuerySet):
    """Review dates. Models with their own QuerySet build it on this one."""

    def review_overdue(self):
        """Its review date has passed: someone should have checked it already."""
        return self.filter(review_by__lt=timezone.localdate())

    def review_due(self):
        """Its review date is today or within the next `REVIEW_WINDOW`."""
        today = timezone.localdate()
        return self.filter(review_by__gte=today, review_by__lte=today + REVIEW_WINDOW)

    def review_needed(self):
        """Overdue or due: what the review report lists, earliest first."""
        return self.filter(review_by__lte=timezone.localdate() + REVIEW_WINDOW).order_by(
            "review_by", "pk"
        )

    def without_review_date(self):
        return self.filter(review_by__isnull=True)


class ReviewedModel(TimeStampedModel):
    """Content that staff promise to check again by a date, so it does not go stale."""

    review_by = models.DateField(
        "review by",
        null=True,
        blank=True,
        help_text="The date by which someone should check this is still correct. "
        "It then appears in the admin’s review report.",
    )

    objects = ReviewedQuerySet.as_manager()

    class Meta:
        abstract = True
