from django.conf import settings
from django.views.generic import ListView

from members.models import Organisation
from news.forms import NewsFilterForm
from news.models import Article
from strategy.models import Priority, ResearchTheme

from .engine import ARTICLE_FIELDS, ORGANISATION_FIELDS, STRATEGY_FIELDS, search
from .forms import SearchForm

# Members, themes and priorities are few; the best of each are shown above the news.
OTHER_RESULTS_LIMIT = 5


class SearchView(ListView):
    """Ranked results for `q`: news (paginated, filterable like the news index), and the
    members, research themes and health priorities that match, each group labelled."""

    template_name = "search/results.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.NEWS_PAGE_SIZE

    def get_queryset(self):
        self.form = SearchForm(self.request.GET)
        self.query = self.form.query()
        live = Article.objects.live()
        self.filter_form = NewsFilterForm(self.request.GET)
        matches = search(live.about(**self.filter_form.filters()), ARTICLE_FIELDS, self.query)
        return matches.for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            form=self.form, query=self.query, filter_form=self.filter_form, **kwargs
        )
        if context["page_obj"].number == 1:
            context["other_groups"] = [
                (label, list(search(queryset, fields, self.query)[:OTHER_RESULTS_LIMIT]))
                for label, queryset, fields in [
                    ("Members and partners", Organisation.objects.all(), ORGANISATION_FIELDS),
                    ("Research themes", ResearchTheme.objects.all(), STRATEGY_FIELDS),
                    ("Health research priorities", Priority.objects.all(), STRATEGY_FIELDS),
                ]
            ]
        return context
