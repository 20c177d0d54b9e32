"""Review dates in the admin: a report of what is due or overdue, and a list filter.

Every model built on `core.models.ReviewedModel` and registered in the admin takes part, so
a new kind of content with a review date appears in the report without changes here.
"""

from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from .models import REVIEW_WINDOW, ReviewedModel


class ReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue"),
            ("due", f"Due within {REVIEW_WINDOW.days} days"),
            ("none", "No review date"),
        ]

    def queryset(self, request, queryset):
        return {
            "overdue": queryset.review_overdue,
            "due": queryset.review_due,
            "none": queryset.without_review_date,
        }.get(self.value(), queryset.all)()


@dataclass(frozen=True)
class ReviewItem:
    item: models.Model
    kind: str
    url: str
    review_by: date

    @property
    def days_left(self):
        return (self.review_by - timezone.localdate()).days

    @property
    def status(self):
        if self.days_left < 0:
            days = -self.days_left
            return f"Overdue by {days} day{'s' if days != 1 else ''}"
        if self.days_left == 0:
            return "Due today"
        return f"Due in {self.days_left} day{'s' if self.days_left != 1 else ''}"


def reviewable_admins(request, site=admin.site):
    """The admin classes, for models with review dates, whose items this person may see."""
    return [
        site.get_model_admin(model)
        for model in apps.get_models()
        if issubclass(model, ReviewedModel)
        and site.is_registered(model)
        and site.get_model_admin(model).has_view_permission(request)
    ]


def items_to_review(request, model_admins, limit=None):
    """Everything overdue or due within `REVIEW_WINDOW` in these admins' lists for this
    person, earliest first (the first `limit` of each kind, if given): one query per kind
    of content, however many items there are.

    The admin's list, not every row: a contributor's holds their own items only, since
    another's draft may be under embargo, and its change page opens for no one else's."""
    items = []
    for model_admin in model_admins:
        opts = model_admin.model._meta
        items += [
            ReviewItem(
                item=item,
                kind=str(opts.verbose_name).capitalize(),
                url=reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]),
                review_by=item.review_by,
            )
            for item in model_admin.get_queryset(request).review_needed()[:limit]
        ]
    return sorted(items, key=lambda entry: entry.review_by)


def review_report(request):
    """The admin page listing content due for review, linked from the admin's home page."""
    model_admins = reviewable_admins(request)
    if not model_admins:
        raise PermissionDenied
    return TemplateResponse(
        request,
        "admin/review_report.html",
        {
            **admin.site.each_context(request),
            "title": "Content due for review",
            "items": items_to_review(request, model_admins),
            "window": REVIEW_WINDOW.days,
        },
    )
