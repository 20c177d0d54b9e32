from django.contrib import admin

from core.admin import SiteModelAdmin

from .models import ImportLine, ImportRun


class ImportLineInline(admin.TabularInline):
    model = ImportLine
    fields = ["outcome", "kind", "key", "title", "message"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(SiteModelAdmin):
    """Each import's report, as it was printed: read-only, it is a record of what happened."""

    list_display = ["__str__", "summary"]
    readonly_fields = ["export", "started_at", "summary"]
    fields = readonly_fields
    inlines = [ImportLineInline]

    @admin.display(description="what happened")
    def summary(self, obj):
        return ", ".join(f"{count} {outcome}" for outcome, count in obj.totals.items())

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
