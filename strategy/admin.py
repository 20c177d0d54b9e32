from django.contrib import admin
from django.shortcuts import redirect

from core.admin import HistoryAdmin
from core.inlines import StackedInline
from core.reviews import ReviewFilter

from .models import Goal, KeyStatistic, Priority, ResearchTheme, StrategyPage


class StrategyItemAdmin(HistoryAdmin):
    list_display = ["title", "summary", "order"]
    list_editable = ["order"]
    search_fields = ["title", "summary"]
    list_filter = [ReviewFilter]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Goal)
class GoalAdmin(StrategyItemAdmin):
    pass


@admin.register(ResearchTheme)
class ResearchThemeAdmin(StrategyItemAdmin):
    list_display = ["title", "lead", "order"]


class KeyStatisticInline(StackedInline):
    model = KeyStatistic
    extra = 0
    fields = [("label", "order"), ("value", "unit"), ("source", "source_url", "as_of")]


@admin.register(Priority)
class PriorityAdmin(StrategyItemAdmin):
    inlines = [KeyStatisticInline]


@admin.register(StrategyPage)
class StrategyPageAdmin(HistoryAdmin):
    """There is one strategy page: its list goes straight to it, and it cannot be deleted."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not StrategyPage.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        page = StrategyPage.objects.first()
        if page is not None:
            return redirect("admin:strategy_strategypage_change", page.pk)
        if self.has_add_permission(request):
            return redirect("admin:strategy_strategypage_add")
        return super().changelist_view(request, extra_context)
