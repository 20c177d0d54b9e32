from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from core.admin import SiteModelAdmin

from .models import ImportLine, ImportRun


class ReadOnlyAdmin(SiteModelAdmin):
    """A record of what happened: nobody adds or changes it here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    """Each import's report: its totals, each leading to the lines behind it (an import of
    the whole old site has thousands, too many for one page)."""

    list_display = ["__str__", "summary"]
    fields = ["export", "started_at", "outcomes"]
    readonly_fields = fields

    @admin.display(description="what happened")
    def summary(self, obj):
        return ", ".join(f"{count} {outcome}" for outcome, count in obj.totals.items())

    @admin.display(description="what happened")
    def outcomes(self, obj):
        lines = reverse("admin:wordpress_importline_changelist")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}?run__id__exact={}&amp;outcome={}">{} {}</a></li>',
                (
                    (lines, obj.pk, outcome, count, outcome)
                    for outcome, count in obj.totals.items()
                    if outcome != "old addresses redirected"
                ),
            ),
        )


@admin.register(ImportLine)
class ImportLineAdmin(ReadOnlyAdmin):
    list_display = ["outcome", "kind", "key", "title", "message"]
    list_filter = ["run", "outcome", "kind"]
    search_fields = ["title", "key", "message"]
    list_per_page = 200
    fields = ["run", "outcome", "kind", "key", "title", "message"]
    readonly_fields = fields
