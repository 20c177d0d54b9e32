from django.views.generic import DetailView, TemplateView

from news.views import AboutNewsMixin

from .models import Goal, Priority, ResearchTheme, StrategyPage


class StrategyView(TemplateView):
    template_name = "strategy/strategy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=StrategyPage.load(),
            goals=Goal.objects.all(),
            themes=ResearchTheme.objects.all(),
            priorities=Priority.objects.prefetch_related("statistics"),
            **kwargs,
        )


class ResearchThemeDetailView(AboutNewsMixin, DetailView):
    model = ResearchTheme
    template_name = "strategy/item_detail.html"
    context_object_name = "item"
    news_filter = "theme"
    news_param = "theme"
    extra_context = {"kind_label": "Research theme"}


class PriorityDetailView(AboutNewsMixin, DetailView):
    model = Priority
    template_name = "strategy/item_detail.html"
    context_object_name = "item"
    news_filter = "priority"
    news_param = "priority"
    extra_context = {"kind_label": "Health research priority"}
    queryset = Priority.objects.prefetch_related("statistics")

    def get_context_data(self, **kwargs):
        return super().get_context_data(statistics=self.object.statistics.all(), **kwargs)
