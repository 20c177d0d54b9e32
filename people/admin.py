from django.contrib import admin

from core.admin import HistoryAdmin, image_preview
from core.inlines import StackedInline
from core.reviews import ReviewFilter

from .models import PERSON_FIELDS, Person, Role


class RoleInline(StackedInline):
    # Stacked: a table's columns give each field no label of its own (axe).
    model = Role
    extra = 0
    fields = ["kind", "theme", "priority", "title", "starts_on", "ends_on"]
    # Plain lists, not autocomplete: Django's single-choice autocomplete box has no
    # accessible name, and themes and priorities are few.
    verbose_name_plural = "Roles (a role with an end date shows as past the day after it)"


class CurrentRoleFilter(admin.SimpleListFilter):
    title = "role held today"
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return Role.Kind.choices

    def queryset(self, request, queryset):
        if self.value() not in Role.Kind.values:
            return queryset
        holders = Role.objects.current().filter(kind=self.value()).values("person")
        return queryset.filter(pk__in=holders)


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    inlines = [RoleInline]
    list_display = ["full_name", "roles_today", "listed", "photo_thumbnail", "updated_at"]
    list_filter = ["listed", CurrentRoleFilter, "organisations", ReviewFilter]
    search_fields = list(PERSON_FIELDS.weights)
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisations"]
    save_on_top = True

    class Media:
        css = {"all": ["css/admin.css"]}

    fieldsets = [
        (None, {"fields": ["honorific", "name", "post_nominals", "slug", "listed"]}),
        ("About", {"fields": ["biography", "organisations", "other_names", "review_by"]}),
        ("Photo", {"fields": ["photo", "photo_alt", "photo_decorative"]}),
    ]

    def get_queryset(self, request):
        # The list shows each person's roles today: fetched once for the page, not per row.
        return super().get_queryset(request).prefetch_related("roles")

    @admin.display(description="name", ordering="name")
    def full_name(self, obj):
        return obj.full_name

    @admin.display(description="roles today")
    def roles_today(self, obj):
        return ", ".join(role.label for role in obj.roles.all() if role.is_current) or "—"

    @admin.display(description="photo")
    def photo_thumbnail(self, obj):
        return image_preview(obj.photo, obj.photo_alt)
