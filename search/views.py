import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial

from django.db import connection
from django.db.models import Value
from django.utils import timezone

from core.search import (
    Prepared,
    PreparedBest,
    SearchFields,
    best_few,
    best_matches,
    search,
)
from events.models import EVENT_FIELDS, Event
from members.models import ORGANISATION_FIELDS, Organisation
from news.forms import NewsFilterForm
from news.models import ARTICLE_FIELDS, Article
from news.views import LiveArticleListView, kept_filter_fields, news_filter_form
from opportunities.models import OPPORTUNITY_FIELDS, Opportunity
from pagecache.paginator import ContentPaginator
from pagecache.parts import cached_for_content
from pages.models import PAGE_FIELDS, Page
from people.models import PERSON_FIELDS, Person
from publications.models import PUBLICATION_FIELDS, Publication
from strategy.models import STRATEGY_FIELDS, Priority, ResearchTheme

from .forms import SearchForm

# The best of each group are shown above the news.
OTHER_RESULTS_LIMIT = 5


@dataclass(frozen=True)
class Group:
    """A kind of object searched beside the news."""

    label: str
    # What visitors may see at a time: (now) -> queryset.
    public: Callable
    fields: SearchFields
    # What a result shows (its name, address and summary), the only fields read: a row's
    # other fields cost about as much as the rest of the group's Python.
    shown: tuple = ("title", "slug", "summary")

    def best(self, text, now):
        found = best_few(self.public(now).only(*self.shown), self.fields, text)
        return found[:OTHER_RESULTS_LIMIT]

    def matched(self, text, now):
        """The group's label, once, if anything in it matches."""
        # One row at most where the database allows: a common word matches thousands
        # (SQLite, for development, gives them all).
        one = slice(1) if connection.features.supports_slicing_ordering_in_compound else slice(None)
        matches = search(self.public(now), self.fields, text, rank=False).order_by()
        return matches.annotate(group=Value(self.label)).values_list("group")[one]


GROUPS = (
    Group(
        "Members and partners",
        lambda now: Organisation.objects.all(),
        ORGANISATION_FIELDS,
        shown=("name", "slug", "summary"),
    ),
    Group("Research themes", lambda now: ResearchTheme.objects.all(), STRATEGY_FIELDS),
    Group("Health research priorities", lambda now: Priority.objects.all(), STRATEGY_FIELDS),
    Group(
        "People",
        lambda now: Person.objects.listed(),
        PERSON_FIELDS,
        # The name as shown (honorific and letters after it), and the biography its summary
        # is cut from.
        shown=("honorific", "name", "post_nominals", "slug", "biography"),
    ),
    Group("Pages", Page.objects.live, PAGE_FIELDS, shown=("title", "path", "summary")),
    Group("Open opportunities", Opportunity.objects.not_closed, OPPORTUNITY_FIELDS),
    # Latest first (upcoming, then the most recent), so that the candidates a search ranks
    # (the first of its matches in this order) are not the oldest events.
    Group(
        "Events",
        lambda now: Event.objects.live(now).order_by("-starts_at", "-pk"),
        EVENT_FIELDS,
    ),
    Group("Publications", Publication.objects.live, PUBLICATION_FIELDS),
)
# Which groups match at all, asked of all eight in one query (most words match none of
# them, and ranking a group costs far more than asking), then the best of each that does,
# a query each. The SQL of each is compiled once per process (`Prepared`).
BEST = {group.label: Prepared(group.best) for group in GROUPS}
MATCHED = Prepared(
    lambda text, now: (
        GROUPS[0]
        .matched(text, now)
        .union(*(group.matched(text, now) for group in GROUPS[1:]))
        .order_by()
    )
)
# The news, when no filter narrows them (most first-time searches), compiled once too.
NEWS = PreparedBest(lambda now: Article.objects.live(now).for_listing(), ARTICLE_FIELDS)


class SearchView(LiveArticleListView):
    """Ranked results for `q`: news (paginated, filterable like the news index), and the
    members, research themes and health priorities that match, each group labelled.

    Which results are on each page is kept until content changes, so a popular search is
    ranked once, not for every visitor who makes it.
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

    @cached_property
    def best(self):
        # By the filters as cleaned, not as asked: a refused one narrows nothing.
        filters = self.filter_form.filters()
        if all(value is None for value in filters.values()):
            return NEWS.best(self.query)
        live = Article.objects.live().about(**filters).for_listing()
        return best_matches(live, ARTICLE_FIELDS, self.query)

    def articles(self):
        return self.best.results

    def get_paginator(self, queryset, per_page, **kwargs):
        # Pages list the best matches; how many match in all is `found`, counted with them.
        return ContentPaginator(self.articles, per_page, count_key=self.count_key(),
                                count=lambda: self.best.listed, by_id=False, **kwargs)  # fmt: skip

    @cached_property
    def found(self):
        """How many articles match, and the cap they were counted to when there are more."""
        return cached_for_content(
            f"found:{self.count_key()}", lambda: (self.best.found, self.best.more_than)
        )

    def found_wording(self):
        found, more_than = self.found
        if more_than:
            return f"more than {more_than:,} articles found"
        return f"{found:,} article{'' if found == 1 else 's'} found"

    def listed_wording(self, listed):
        """Says so when the pages list fewer articles than were found."""
        return f", the best {listed:,} listed" if listed < self.found[0] else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            form=self.form,
            query=self.query,
            filter_form=self.filter_form,
            filter_fields=partial(kept_filter_fields, self.filter_form),
            # Called by the template only when it renders their kept markup again: found
            # then, after the part is named, so that what it keeps is as fresh as its name.
            other_groups=self.other_groups,
            **kwargs,
        )
        if self.query:
            context["found"] = self.found_wording()
            context["listed"] = self.listed_wording(context["paginator"].count)
        return context

    def other_groups(self):
        now = timezone.now()
        matched = {label for (label,) in MATCHED.rows(self.query, now)}
        found = {label: BEST[label].objects(self.query, now) for label in matched}
        return [(group.label, found.get(group.label, [])) for group in GROUPS]
