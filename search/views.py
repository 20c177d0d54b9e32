import hashlib
from functools import partial

from core.search import search
from members.models import ORGANISATION_FIELDS, Organisation
from news.forms import NewsFilterForm
from news.models import ARTICLE_FIELDS, Article
from news.views import LiveArticleListView, kept_filter_fields, news_filter_form
from pagecache.parts import cached_for_content
from people.models import PERSON_FIELDS, Person
from strategy.models import STRATEGY_FIELDS, Priority, ResearchTheme

from .forms import SearchForm

# Members, themes and priorities are few; the best of each are shown above the news.
OTHER_RESULTS_LIMIT = 5


class SearchView(LiveArticleListView):
    """Ranked results for `q`: news (paginated, filterable like the news index), and the
    members, research themes and health priorities that match, each group labelled.

    Like any list of articles, which results are on each page is kept until content
    changes, so a popular search is ranked once, not for every visitor who makes it.
    """

    template_name = "search/results.html"
    query_parameters = (*SearchForm.base_fields, *NewsFilterForm.base_fields, "page")

    def count_key(self):
        return f"{self.searched}?{self.filter_form.filters_key()}"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.form = SearchForm(request.GET)
        self.query = self.form.query()
        # Names the query in cache keys; a query can be any length.
        self.searched = f"search:{hashlib.sha256(self.query.encode()).hexdigest()}"
        self.filter_form = news_filter_form(request.GET)

    def articles(self):
        live = Article.objects.live().about(**self.filter_form.filters())
        return search(live, ARTICLE_FIELDS, self.query).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form,
            query=self.query,
            filter_form=self.filter_form,
            filter_fields=partial(kept_filter_fields, self.filter_form),
            # Called by the template only when it renders their kept markup again.
            other_groups=self.kept_other_groups,
            **kwargs,
        )

    def kept_other_groups(self):
        """The members, themes and priorities found, kept until content changes."""
        return cached_for_content(f"{self.searched}:others", self.other_groups)

    def other_groups(self):
        return [
            (label, list(search(queryset, fields, self.query)[:OTHER_RESULTS_LIMIT]))
            for label, queryset, fields in [
                ("Members and partners", Organisation.objects.all(), ORGANISATION_FIELDS),
                ("Research themes", ResearchTheme.objects.all(), STRATEGY_FIELDS),
                ("Health research priorities", Priority.objects.all(), STRATEGY_FIELDS),
                ("People", Person.objects.listed(), PERSON_FIELDS),
            ]
        ]
