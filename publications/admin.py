from django import forms
from django.contrib import admin

from core import publishing_admin
from core.forms import ConflictCheckForm
from core.images import MAIN_IMAGE_FIELDS
from core.inlines import StackedInline
from core.publishing_admin import PublishingAdmin, StateFilter
from core.reviews import ReviewFilter
from core.sanitise import EDITOR_EXTENSIONS, TABLE_EXTENSIONS

from .models import PUBLICATION_FIELDS, Author, Publication, ShareLink


class PublicationForm(ConflictCheckForm):
    class Meta:
        model = Publication
        fields = "__all__"  # the admin's fieldsets choose what is shown
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "body" in self.fields:
            # A publication's full text may hold tables of figures; articles have none.
            config = self.fields["body"].widget.config
            config["extensions"] = EDITOR_EXTENSIONS | TABLE_EXTENSIONS


class AuthorInline(StackedInline):
    # Stacked: a table's columns give each field no label of its own (axe).
    model = Author
    extra = 0
    fields = ["position", "person", "organisation", "name"]
    verbose_name_plural = "Authors, in the order the publication names them (lowest first)"


class ShareLinkInline(publishing_admin.ShareLinkInline):
    model = ShareLink


@admin.register(Publication)
class PublicationAdmin(PublishingAdmin):
    form = PublicationForm
    inlines = [AuthorInline, ShareLinkInline]
    list_display = ["title", "kind", "state_label", "published_on", "updated_at"]
    list_filter = [StateFilter, ReviewFilter, "kind", "themes", "priorities", "organisations"]
    search_fields = ["title", "summary", "body"]
    searched = PUBLICATION_FIELDS
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisations", "themes", "priorities"]
    list_per_page = 50

    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "body", "readability"]}),
        (
            "Publication details",
            {"fields": ["published_on", "publisher", "doi", "external_url", "pdf"]},
        ),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at", "review_by"]}),
        ("Cover image", {"fields": MAIN_IMAGE_FIELDS}),
        ("What it is about", {"fields": ["organisations", "themes", "priorities"]}),
        (
            "History",
            {
                "fields": [("created_at", "created_by"), ("updated_at", "updated_by")],
                "classes": ["collapse"],
            },
        ),
    ]

    def save_formset(self, request, form, formset, change):
        # Preview links record who made them (PublishingAdmin's save); authors are rows.
        if formset.model is Author:
            formset.save()
        else:
            super().save_formset(request, form, formset, change)
