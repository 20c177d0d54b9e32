from django.contrib import admin

from core import publishing_admin
from core.images import MAIN_IMAGE_FIELDS
from core.publishing_admin import PublishingAdmin, StateFilter
from core.reviews import ReviewFilter

from .models import OPPORTUNITY_FIELDS, Opportunity, ShareLink, Stage


class ShareLinkInline(publishing_admin.ShareLinkInline):
    model = ShareLink


class OpenFilter(admin.SimpleListFilter):
    """Where an opportunity is in its life by the clock, whatever its publishing status."""

    title = "open or closed"
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return Stage.choices

    def queryset(self, request, queryset):
        if self.value() not in Stage.values:
            return queryset
        return queryset.in_stage(self.value())


@admin.register(Opportunity)
class OpportunityAdmin(PublishingAdmin):
    inlines = [ShareLinkInline]
    list_display = ["title", "kind", "open_label", "closes_at", "state_label", "updated_at"]
    list_filter = [
        OpenFilter,
        StateFilter,
        "kind",
        ReviewFilter,
        "organisations",
        "themes",
        "priorities",
    ]
    search_fields = list(OPPORTUNITY_FIELDS.weights)
    searched = OPPORTUNITY_FIELDS
    date_hierarchy = "closes_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisations", "themes", "priorities"]
    list_per_page = 50

    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "summary", "body", "readability"]}),
        ("Dates (UK time)", {"fields": ["opens_at", "closes_at"]}),
        (
            "Applying",
            {"fields": ["eligibility", "award", "apply_url", "apply_document"]},
        ),
        ("Contact", {"fields": ["contact_person", "contact_name", "contact_email"]}),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at", "review_by"]}),
        ("Main image", {"fields": MAIN_IMAGE_FIELDS}),
        ("What it is about", {"fields": ["organisations", "themes", "priorities"]}),
        (
            "History",
            {
                "fields": [("created_at", "created_by"), ("updated_at", "updated_by")],
                "classes": ["collapse"],
            },
        ),
    ]

    @admin.display(description="open or closed", ordering="closes_at")
    def open_label(self, obj):
        return obj.status_label
