from django.contrib import admin

from core import publishing_admin
from core.forms import ConflictCheckForm
from core.images import MAIN_IMAGE_FIELDS
from core.publishing_admin import PublishingAdmin, StateFilter
from core.reviews import ReviewFilter

from .models import EVENT_FIELDS, Event, ShareLink


class EventForm(ConflictCheckForm):
    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("all_day"):
            # A date alone is read as midnight, which is right only for an all-day event.
            for name in ("starts_at", "ends_at"):
                day, moment = self[name].field.widget.value_from_datadict(
                    self.data, self.files, self.add_prefix(name)
                )
                if day and not moment:
                    self.add_error(name, "Give the time too, or tick “all day”.")
        return cleaned


class ShareLinkInline(publishing_admin.ShareLinkInline):
    model = ShareLink


class TimingFilter(admin.SimpleListFilter):
    title = "upcoming or past"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", "Upcoming"), ("past", "Past")]

    def queryset(self, request, queryset):
        return {"upcoming": queryset.upcoming, "past": queryset.past}.get(
            self.value(), queryset.all
        )()


@admin.register(Event)
class EventAdmin(PublishingAdmin):
    form = EventForm
    inlines = [ShareLinkInline]
    list_display = ["title", "timing", "starts_at", "state_label", "organiser", "updated_at"]
    list_filter = [
        TimingFilter,
        StateFilter,
        ReviewFilter,
        "attendance",
        "organiser",
        "themes",
        "priorities",
    ]
    list_select_related = ["organiser"]
    search_fields = ["title", "summary", "venue", "body"]
    searched = EVENT_FIELDS
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisations", "themes", "priorities", "people"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "readability"]}),
        ("When", {"fields": ["starts_at", "ends_at", "all_day"]}),
        (
            "Where and how to take part",
            {
                "fields": [
                    "attendance",
                    "venue",
                    "address",
                    "online_url",
                    "booking_url",
                    "cost",
                    "audience",
                ]
            },
        ),
        (
            "Publishing",
            {"fields": ["status", "publish_at", "unpublish_at", "review_by"]},
        ),
        ("Main image", {"fields": MAIN_IMAGE_FIELDS}),
        (
            "Who and what it is about",
            {"fields": ["organiser", "organisations", "themes", "priorities", "people"]},
        ),
        (
            "History",
            {
                "fields": [("created_at", "created_by"), ("updated_at", "updated_by")],
                "classes": ["collapse"],
            },
        ),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("starts_at", "ends_at"):
            # An all-day event needs only its dates.
            kwargs["date_alone"] = True
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="upcoming or past", ordering="finishes_at")
    def timing(self, obj):
        return "Past" if obj.has_passed else "Upcoming"
