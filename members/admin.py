from django.contrib import admin

from core.admin import HistoryAdmin, image_preview
from core.forms import ConflictCheckForm
from core.reviews import ReviewFilter

from .models import Organisation


class OrganisationForm(ConflictCheckForm):
    class Meta:
        error_messages = {
            "press_contact_email": {"invalid": "Enter an email address like name@example.org."}
        }


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    form = OrganisationForm
    list_display = [
        "name",
        "short_name",
        "kind",
        "is_member",
        "founding_member",
        "joined_on",
        "left_on",
        "logo_thumbnail",
    ]
    list_filter = ["is_member", "kind", "founding_member", ReviewFilter]
    search_fields = ["name", "short_name", "other_names"]
    prepopulated_fields = {"slug": ["name"]}
    save_on_top = True

    class Media:
        css = {"all": ["css/admin.css"]}

    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "other_names", "kind"]}),
        ("Membership", {"fields": ["is_member", "founding_member", "joined_on", "left_on"]}),
        ("About", {"fields": ["summary", "description", "website", "review_by"]}),
        ("Logo", {"fields": ["logo", "logo_alt"]}),
        ("Press contact", {"fields": ["press_contact_name", "press_contact_email"]}),
    ]

    @admin.display(description="logo")
    def logo_thumbnail(self, obj):
        return image_preview(obj.logo, obj.logo_alt)
