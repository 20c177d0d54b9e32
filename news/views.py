from functools import partial

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.views.generic import ListView
from taggit.models import Tag

from core import previews
from core.previews import PublishedDetailView
from events.models import Event
from opportunities.models import Opportunity
from pagecache.paginator import ContentPaginator
from pagecache.parts import cached_for_content
from pagecache.totals import cached_each_for_rows, cached_for_live_set
from people.models import Person
from publications.models import Publication

from .forms import NewsFilterForm
from .models import Article, ShareLink, linked_models


def news_filter_form(data):
    """The news index's filters as chosen in `data`, offering the choices kept until which
    articles are live, or what they link to, next changes (news.signals): working them out
    reads every live article."""
    choices = cached_for_live_set(Article, "news-filter-choices", NewsFilterForm.choices_in_use)
    return NewsFilterForm(data, choices)


def kept_filter_fields(form):
    """The filter form's fields as HTML. The same for everyone who chose the same filters, so
    kept as long as the choices are; fields with errors show them, so are rendered afresh."""
    if form.errors:
        return form.render()
    return cached_for_live_set(Article, f"filter-fields:{form.filters_key()}", form.render)


def related_articles(article):
    """`article.related()`, kept until which articles are live or what live ones link to
    changes (news.signals), or the article itself does (its links, the articles chosen for
    it): finding them was most of the work of an article page's first view after another
    article's edit. Only which articles: their cards are made from them read again.

    Named by what the article links to as well: it may be a copy kept from before its links
    changed, and what is found from those must not be kept under the name that change made.
    """
    linked = ";".join(
        ",".join(str(item.pk) for item in getattr(article, link).all())
        for link in Article.RELATED_BY
    )
    key = f"related:{article.pk}:{linked}"
    return cached_for_live_set(Article, key, article.related, row=article)


class LiveArticleListView(ListView):
    """A paginated list of live articles, newest first.

    Subclasses give the list as `articles()`. It is made only when a page's rows or the
    total are not kept yet (see ContentPaginator): making a ranked search's queryset is a
    large share of the page's work. Whatever a request chooses (filters, a tag) is read in
    `setup()`, since `count_key()` needs it either way.
    """

    context_object_name = "articles"
    paginator_class = ContentPaginator
    query_parameters = ("page",)

    def get_queryset(self):
        return SimpleLazyObject(self.articles)

    def articles(self):
        raise NotImplementedError

    def get_paginate_by(self, queryset):
        return settings.NEWS_PAGE_SIZE

    def get_template_names(self):
        # Only the view's own: ListView would make the list, to name a fallback after its model.
        return [self.template_name]

    def get_paginator(self, queryset, per_page, **kwargs):
        # Given what makes the list, not the list: see ContentPaginator. Its total and its
        # pages' rows are kept until which articles are live, or what live ones link to,
        # changes (news.signals), not after every edit: counting 100,000 took 25 ms, and a
        # deep page's rows 10 ms. The rows only name the articles: their cards are read
        # again when one changes (article_cards).
        keep = partial(cached_for_live_set, Article)
        return super().get_paginator(
            self.articles, per_page, count_key=self.count_key(), keep=keep, **kwargs
        )

    def count_key(self):
        """Names this list among all lists of articles, for its cached total."""
        raise NotImplementedError


class ArticleListView(LiveArticleListView):
    """The news index, narrowed by any filters in the query string."""

    template_name = "news/article_list.html"
    query_parameters = (*NewsFilterForm.base_fields, "page")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.filter_form = news_filter_form(request.GET)

    def articles(self):
        return Article.objects.live().about(**self.filter_form.filters()).for_listing()

    def count_key(self):
        return f"news?{self.filter_form.filters_key()}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.filter_form,
            filter_fields=partial(kept_filter_fields, self.filter_form),
            **kwargs,
        )


class TagArticleListView(LiveArticleListView):
    """Articles with one tag. A tag that no live article carries does not exist publicly."""

    template_name = "news/tag_detail.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        slug = self.kwargs["slug"]
        self.tag = cached_for_content(f"tag-page:{slug}", lambda: get_object_or_404(Tag, slug=slug))

    def get_paginator(self, queryset, per_page, **kwargs):
        # No first page without live articles, a 404, known from the kept total: ListView's
        # allow_empty = False would ask the database on every visit.
        kwargs["allow_empty_first_page"] = False
        return super().get_paginator(queryset, per_page, **kwargs)

    def articles(self):
        return Article.objects.live().about(tag=self.tag).for_listing()

    def count_key(self):
        return f"tag={self.tag.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ArticleDetailView(PublishedDetailView):
    model = Article
    context_object_name = "article"
    prefetch = ("organisations", "themes", "priorities", "tags", "documents")

    def get_queryset(self):
        # Only people on the website are named; an unlisted author's byline is plain text.
        listed = Person.objects.listed()
        return (
            super()
            .get_queryset()
            .select_related("byline_person")
            .prefetch_related(
                Prefetch("people", queryset=listed),
                Prefetch(
                    "related_opportunities",
                    queryset=Opportunity.objects.live().for_listing().order_by("closes_at"),
                ),
                Prefetch("related_events", queryset=Event.objects.live().for_listing()),
                Prefetch("related_publications", queryset=Publication.objects.live().for_listing()),
            )
        )

    def kept_object(self, find):
        """A live article, with everything it links to: kept with its row and theirs, so
        another article's edit leaves it as it was (only this article's id is asked)."""

        def kept_with_rows():
            found = self.get_queryset().filter(slug=self.kwargs["slug"])
            if (pk := found.values_list("pk", flat=True).first()) is None:
                return find()  # not live: not found
            [article] = cached_each_for_rows(
                [Article(pk=pk)],
                key=lambda row: f"article:{row.pk}",
                # By the id it is kept with: its address may have moved since.
                compute=lambda rows: [get_object_or_404(self.get_queryset(), pk=pk)],
                shows=linked_models(),
            )
            return article

        # Each worker's own, as any part kept with rows (pagecache.totals).
        return cached_for_content(f"article:{self.kwargs['slug']}", kept_with_rows, shared=False)

    def get_context_data(self, **kwargs):
        return super().get_context_data(related_articles=related_articles(self.object), **kwargs)


class SharedPreviewView(previews.SharedPreviewView):
    """One article as a reviewer without an account sees it, through a signed share link."""

    template_name = "news/article_detail.html"
    context_object_name = "article"
    share_link_model = ShareLink

    def get_context_data(self, **kwargs):
        return super().get_context_data(related_articles=related_articles(self.object), **kwargs)
