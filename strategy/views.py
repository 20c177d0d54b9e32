from django.views.generic import DetailView, TemplateView

from pagecache.parts import cached_for_content

from .models import Goal, Priority, ResearchTheme, StrategyPage


class StrategyView(TemplateView):
    template_name = "strategy/strategy.html"
    query_parameters = ()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=StrategyPage.load(),
            goals=Goal.objects.all(),
            themes=ResearchTheme.objects.all(),
            priorities=Priority.objects.prefetch_related("statistics"),
            **kwargs,
        )


class ItemDetailView(DetailView):
    """A theme or priority; its latest news comes from news' `{% about_news %}` tag.

    `feed_kind` in `extra_context` is what news' filters and feeds call this kind of item.
    """

    template_name = "strategy/item_detail.html"
    context_object_name = "item"
    query_parameters = ()

    def get_object(self, queryset=None):
        # The same for every visitor until content changes (nothing here has drafts).
        kind = self.extra_context["feed_kind"]
        return cached_for_content(f"{kind}-page:{self.kwargs['slug']}", super().get_object)


class ResearchThemeDetailView(ItemDetailView):
    model = ResearchTheme
    extra_context = {"kind_label": "Research theme", "feed_kind": "theme"}


class PriorityDetailView(ItemDetailView):
    model = Priority
    extra_context = {"kind_label": "Health research priority", "feed_kind": "priority"}
    queryset = Priority.objects.prefetch_related("statistics")

    def get_context_data(self, **kwargs):
        return super().get_context_data(statistics=self.object.statistics.all(), **kwargs)
