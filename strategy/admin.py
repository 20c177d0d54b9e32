from django.contrib import admin

from core.admin import HistoryAdmin, SingletonAdmin
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
class StrategyPageAdmin(SingletonAdmin):
    pass
