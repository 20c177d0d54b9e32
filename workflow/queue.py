"""The approvals queue: the list filter and the dashboard's "Waiting for you"."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from core.dashboard import LIMIT, Entry

from .models import Review, name_of


class ReviewStateFilter(admin.SimpleListFilter):
    title = "approval"
    parameter_name = "approval"

    def lookups(self, request, model_admin):
        return [
            (Review.State.SUBMITTED, "Waiting for review"),
            (Review.State.CHANGES_REQUESTED, "Changes requested"),
            (Review.State.APPROVED, "Approved"),
        ]

    def queryset(self, request, queryset):
        if self.value() not in Review.State.values:
            return queryset
        reviews = Review.objects.for_model(queryset.model).in_state(self.value())
        return queryset.filter(pk__in=reviews.values("object_id"))


def waiting_for_you(request):
    """Submitted items for those who may publish them; the person's own items waiting for
    changes or for review. Each says for whom it waits and since when."""
    user = request.user
    publishes = {
        content_type
        for content_type in _reviewed_types()
        if user.has_perm(f"{content_type.app_label}.publish_{content_type.model}")
    }
    reviews = (
        Review.objects.waiting()
        .filter(content_type__in=_reviewed_types())
        .select_related("content_type", "submitted_by")
        .prefetch_related("item")
        .order_by("changed_at")
    )
    entries = []
    for review in reviews[: LIMIT * 4]:
        mine = review.submitted_by_id == user.pk
        for_me = review.state == Review.State.SUBMITTED and review.content_type in publishes
        if review.item is None or not (mine or for_me):
            continue
        opts = review.item._meta
        since = date_format(timezone.localtime(review.changed_at), "DATETIME_FORMAT")
        if review.state == Review.State.SUBMITTED:
            whom = "you" if for_me else "Communications"
            author = name_of(review.submitted_by)
            note = f"Submitted by {author}, waiting for {whom} since {since}"
        else:
            note = f"Changes requested, waiting for you since {since}"
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_review", args=[review.item.pk])
        entries.append(Entry(review.item, str(opts.verbose_name).capitalize(), url, note=note))
    return entries[:LIMIT]


_types = []


def register(model):
    """Let `model`'s items be reviewed (its admin mixes in `ReviewAdminMixin`)."""
    if model not in _types:
        _types.append(model)


def _reviewed_types():
    from django.contrib.contenttypes.models import ContentType

    return list(ContentType.objects.get_for_models(*_types).values())
