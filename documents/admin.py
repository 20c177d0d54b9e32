from django.conf import settings
from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html

from core.admin import SiteModelAdmin

from .models import Document


@admin.register(Document)
class DocumentAdmin(SiteModelAdmin):
    list_display = ["title", "file_type", "file_size", "published_on", "updated_at"]
    list_filter = ["file_type", "published_on"]
    search_fields = ["title", "description"]
    date_hierarchy = "published_on"
    readonly_fields = ["file_type", "file_size", "download_link", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "file", "published_on", "description"]}),
        (
            "The file as visitors get it",
            {"fields": ["file_type", "file_size", "download_link"]},
        ),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "file" in form.base_fields:
            limit = filesizeformat(settings.DOCUMENT_MAX_BYTES)
            form.base_fields["file"].help_text += f" Up to {limit}."
        return form

    @admin.display(description="size", ordering="size")
    def file_size(self, obj):
        return filesizeformat(obj.size) if obj.pk else "—"

    @admin.display(description="download")
    def download_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a> (visitors can download it once an article that offers it is live)',
            obj.get_absolute_url(),
            obj.download_name,
        )
