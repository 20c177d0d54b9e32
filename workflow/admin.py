"""The review workflow in an item's admin: who may edit what, the thread on the change form,
and the review page where people submit, approve or ask for changes.

A `PublishingAdmin` joins by mixing in `ReviewAdminMixin` (before it) and adding
`ReviewStateFilter` to its list filters.
"""

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format

from core.audit import REVIEW_MARKS
from core.publishing import Status

from . import notices, queue
from .models import Action, Review


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="Comment",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Required when you ask for changes: say what needs changing. The author "
        "reads it on this page and in the email.",
    )


class ReviewAdminMixin:
    # Contributors (who may not publish) may not set these either.
    contributor_readonly_fields = ["featured"]

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        queue.register(model)

    # Who may see and change what -------------------------------------------------------

    def publishes(self, request):
        return self.has_publish_permission(request)

    def get_queryset(self, request):
        # Each row's review state and since when, in the list's own query.
        reviews = Review.objects.for_model(self.model).filter(object_id=OuterRef("pk"))
        queryset = (
            super()
            .get_queryset(request)
            .annotate(
                review_state=Subquery(reviews.values("state")[:1]),
                review_since=Subquery(reviews.values("changed_at")[:1]),
            )
        )
        if self.publishes(request):
            return queryset
        # Contributors see their own items only.
        return queryset.filter(created_by=request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self.publishes(request):
            return True
        # Once submitted (or approved, or published) it is out of the author's hands until
        # changes are requested.
        return (
            obj.created_by_id == request.user.pk
            and obj.status == Status.DRAFT
            and Review.of(obj).editable_by_author
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "review_thread"]
        if not self.publishes(request):
            fields = {field.name for field in self.opts.fields}
            readonly += [
                f for f in self.contributor_readonly_fields if f in fields and f not in readonly
            ]
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.insert(1, ("Review", {"fields": ["review_thread"]}))
        return fieldsets

    def save_model(self, request, obj, form, change):
        # The fields are read-only for contributors, so a forged POST cannot set them; this
        # refuses anything that slipped through all the same, before it is saved.
        if not self.publishes(request) and obj.status != Status.DRAFT:
            raise PermissionDenied("Only Communications can publish.")
        super().save_model(request, obj, form, change)

    @admin.display(description="approval", ordering="review_since")
    def approval(self, obj):
        """The review state in the list: what waits, and since when."""
        if not getattr(obj, "review_state", None):
            return "–"
        since = date_format(timezone.localtime(obj.review_since), "DATETIME_FORMAT")
        return f"{Review.State(obj.review_state).label} since {since}"

    @admin.display(description="review")
    def review_thread(self, obj):
        if obj is None or obj.pk is None:
            return ""
        return render_to_string(
            "admin/workflow/thread.html",
            {"review": Review.of(obj), "comments": self._comments(obj), "url": self._url(obj)},
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            "review_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_review", args=[object_id]
            ),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    # The review page -----------------------------------------------------------------

    def get_urls(self):
        opts = self.opts
        review = path(
            "<path:object_id>/review/",
            self.admin_site.admin_view(self.review_view),
            name=f"{opts.app_label}_{opts.model_name}_review",
        )
        return [review, *super().get_urls()]

    def _url(self, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_review", args=[obj.pk])

    @staticmethod
    def _comments(obj):
        review = Review.of(obj)
        return list(review.comments.select_related("author")) if review.pk else []

    def review_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise PermissionDenied
        review = Review.of(obj)
        allowed = review.allowed(
            request.user,
            may_change=self.has_change_permission(request, obj),
            may_publish=self.publishes(request),
        )
        form = CommentForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            action = request.POST.get("action", "")
            if action not in Action.values:
                raise PermissionDenied
            try:
                self._take(request, obj, review, action, form.cleaned_data["comment"], allowed)
            except ValidationError as error:
                form.add_error("comment", error.message_dict["comment"])
            else:
                return redirect(self._url(obj))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": f"Review “{obj}”",
            "review": review,
            "comments": self._comments(obj),
            "form": form,
            "actions": [(action, Action(action).label) for action in allowed],
            "change_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
            ),
        }
        return TemplateResponse(request, "admin/workflow/review.html", context)

    def _take(self, request, obj, review, action, text, allowed):
        """One step, all or nothing: the review and its comment, the audit log, the item's
        history, and the emails (sent once it has all been saved)."""
        message = REVIEW_MARKS[action]
        with transaction.atomic():
            comment = review.take(action, request.user, text, allowed=allowed)
            with reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment(f"{message} {comment.text}".strip())
                reversion.add_to_revision(obj)
            self.log_change(request, obj, message)
            notices.send(request, review, comment)
        self.message_user(request, f"{message} {self._next(review)}", messages.SUCCESS)

    @staticmethod
    def _next(review):
        return {
            Review.State.SUBMITTED: "Communications have been told.",
            Review.State.CHANGES_REQUESTED: "The author has been told.",
            Review.State.APPROVED: "The author has been told; it can be published now.",
        }[review.state]
