from django import forms
from django.contrib import admin
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Collate, Replace
from django.utils.html import format_html

from core import publishing_admin
from core.forms import ConflictCheckForm
from core.images import MAIN_IMAGE_FIELDS
from core.publishing_admin import PublishingAdmin, StateFilter
from core.reviews import ReviewFilter
from workflow.admin import ReviewAdminMixin
from workflow.queue import ReviewStateFilter

from .models import PAGE_FIELDS, SEPARATOR, Page, ShareLink

EVERY_PAGE = "pages.change_every_page"


def tree_order():
    """Each page straight after its parent, siblings by slug: the separator compared as the
    lowest character, byte by byte (a language's collation may skip punctuation)."""
    binary = "C" if connection.vendor == "postgresql" else "BINARY"
    return Collate(Replace("path", Value(SEPARATOR), Value(" ")), binary).asc()


class PageForm(ConflictCheckForm):
    class Meta:
        model = Page
        fields = "__all__"  # the admin's fieldsets choose what is shown
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class PageShareLinkInline(publishing_admin.ShareLinkInline):
    model = ShareLink

    # Preview links are part of the page: only those who may change it may make or revoke
    # them.
    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and may_change(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_change(request, obj)


def may_change(request, page):
    """Administrators change every page; Communications, those they are allowed."""
    return page is None or page.communications_may_edit or request.user.has_perm(EVERY_PAGE)


@admin.register(Page)
class PageAdmin(ReviewAdminMixin, PublishingAdmin):
    form = PageForm
    inlines = [PageShareLinkInline]
    list_display = [
        "tree_title",
        "address",
        "state_label",
        "approval",
        "show_in_navigation",
        "communications_may_edit",
        "updated_at",
    ]
    list_display_links = ["tree_title"]
    list_filter = [
        StateFilter,
        ReviewStateFilter,
        ReviewFilter,
        "show_in_navigation",
        "communications_may_edit",
        "organisations",
        "themes",
        "priorities",
    ]
    search_fields = ["title", "menu_title", "summary", "body"]
    searched = PAGE_FIELDS
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent", "organisations", "themes", "priorities"]
    list_per_page = 100

    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "summary", "body", "readability"]}),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at", "review_by"]}),
        (
            "Menus and editing",
            {
                "fields": [
                    "menu_title",
                    "menu_order",
                    "show_in_navigation",
                    "communications_may_edit",
                ]
            },
        ),
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

    def get_ordering(self, request):
        return [tree_order()]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_change(request, obj)

    def changeable(self, request, queryset):
        if request.user.has_perm(EVERY_PAGE):
            return queryset
        return queryset.filter(communications_may_edit=True)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm(EVERY_PAGE):
            readonly.append("communications_may_edit")
        return readonly

    def save_model(self, request, obj, form, change):
        if not change and not request.user.has_perm(EVERY_PAGE):
            # Whoever adds a page may go on editing it.
            obj.communications_may_edit = True
        super().save_model(request, obj, form, change)

    @admin.display(description="title", ordering=tree_order())
    def tree_title(self, page):
        # Indented by depth, so the list reads as the tree it is.
        return format_html("{}{}", "— " * page.depth, page.title)

    @admin.display(description="address")
    def address(self, page):
        return page.get_absolute_url()
