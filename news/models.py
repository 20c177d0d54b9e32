from functools import cache, reduce
from operator import or_

import reversion
from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from taggit.managers import TaggableManager

from core.fields import RichTextField
from core.images import MainImage
from core.publishing import Publishable, PublishingQuerySet, ShareLinkBase, address_slug
from core.publishing import in_a_week as _in_a_week  # noqa: F401 (migration 0002 names it)
from core.search import SearchFields
from strategy.models import LinkedToStrategy

from .tags import SlugMatchingTaggableManager

RELATED_LIMIT = 3


class ArticleQuerySet(PublishingQuerySet):
    def for_listing(self):
        """Articles for a list: everything but the body. Cards fetch what else they show
        (`listing_prefetches`) only for the cards not already rendered."""
        return self.defer("body")

    def about(
        self, *, tag=None, organisation=None, theme=None, priority=None, year=None, month=None
    ):
        """Articles matching every filter given; filters left as None are ignored."""
        filters = {
            "tags": tag,
            "organisations": organisation,
            "themes": theme,
            "priorities": priority,
            "publish_at__year": year,
            "publish_at__month": month,
        }
        return self.filter(**{key: value for key, value in filters.items() if value is not None})


def listing_prefetches():
    """The related rows an article card shows; for `prefetch_related(_objects)`."""
    return [models.Prefetch("organisations", queryset=_linked_organisations())]


@cache
def linked_models():
    """What an article links to (a byline, and each many-to-many link). Its page shows their
    rows, so it is kept with them (news.apps): a many-to-many link added to the model is
    counted here, a foreign key must be added by hand."""
    links = {field.related_model for field in Article._meta.many_to_many}
    byline = Article._meta.get_field("byline_person").related_model
    return tuple(sorted(links - {Article} | {byline}, key=lambda model: model._meta.label))


def _linked_organisations():
    from members.models import Organisation

    return Organisation.objects.only("name", "short_name", "slug")


# Registered here, not left to the admin, which would also follow the preview-link inline:
# a link is revoked by deleting it, so no restore may bring one back, nor take away one
# made since.
@reversion.register()
class Article(
    Publishable("article", "articles"),
    MainImage("article", "news"),
    LinkedToStrategy("article", "articles"),
):
    # What makes another article one to read next, when staff chose none (`related`).
    RELATED_BY = ("organisations", "themes", "priorities", "tags")

    title = models.CharField(max_length=200)
    slug = address_slug("article")
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two sentences that say what happened. Shown under the title, "
        "in listings and in search results. Needed before the article is published.",
    )
    body = RichTextField(blank=True)
    author = models.CharField(
        max_length=200, blank=True, help_text="The byline. Leave empty for no byline."
    )
    featured = models.BooleanField(default=False, help_text="Featured articles lead the home page.")
    tags = TaggableManager(
        blank=True,
        help_text="Topics, separated by commas. Reuse existing tags where you can.",
        manager=SlugMatchingTaggableManager,
    )
    related_articles = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        help_text="Up to three articles to suggest after this one. Leave empty to suggest "
        "the latest articles about the same members, themes or tags.",
    )
    documents = models.ManyToManyField(
        "documents.Document",
        blank=True,
        related_name="articles",
        help_text="Reports and other files to offer for download with the article.",
    )
    people = models.ManyToManyField(
        "people.Person",
        blank=True,
        related_name="articles",
        verbose_name="people named",
        help_text="The people this article is about or quotes; it is listed on their pages.",
    )
    related_opportunities = models.ManyToManyField(
        "opportunities.Opportunity",
        blank=True,
        related_name="articles",
        help_text="Funding calls, fellowships, vacancies or surveys the article is about; "
        "shown beside it while they are public.",
    )
    related_events = models.ManyToManyField(
        "events.Event",
        blank=True,
        related_name="articles",
        help_text="Events this article is about or announces; the article links to them.",
    )
    related_publications = models.ManyToManyField(
        "publications.Publication",
        blank=True,
        related_name="articles",
        help_text="Reports and other publications this article is about; linked beside it.",
    )
    byline_person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bylined_articles",
        verbose_name="author’s page",
        help_text="Links the byline to the author’s page. Filled in when you save if the "
        "byline is exactly the name of someone on the website.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        permissions = [("publish_article", "Can publish and unpublish articles")]
        indexes = [
            # Every public list: live articles in their listing order, ids straight from
            # the index (see pagecache.paginator.ContentPaginator).
            models.Index(
                fields=["status", "-publish_at", "-id"],
                include=["unpublish_at"],
                name="article_listing_idx",
            ),
            # The next take-down time, for caches that must expire then (`next_change`).
            models.Index(
                fields=["unpublish_at"],
                condition=Q(unpublish_at__isnull=False),
                name="article_take_down_idx",
            ),
            # The home page's few featured articles, without walking all the others.
            models.Index(
                fields=["-publish_at", "-id"],
                condition=Q(featured=True),
                name="article_featured_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:article-detail", kwargs={"slug": self.slug})

    def related(self):
        """Up to three live articles to read next.

        The ones staff chose, else the newest sharing a member, theme, priority or tag.
        The query count is fixed, however many candidates there are, for an article read
        with its links (as the article page reads it); otherwise each link is read first.
        """
        chosen = list(
            self.related_articles.live().exclude(pk=self.pk).for_listing()[:RELATED_LIMIT]
        )
        if chosen:
            return chosen
        links = self.RELATED_BY
        others = Article.objects.live().exclude(pk=self.pk).order_by("-publish_at", "-pk")
        # By the keys of what it links to: given as subqueries of its links, they took the
        # ORM 4 ms to build into the query below, and PostgreSQL twice as long to plan.
        sharing = [
            others.filter(**{f"{link}__in": [item.pk for item in getattr(self, link).all()]})
            for link in links
        ]
        if connection.features.supports_slicing_ordering_in_compound:
            # The newest few per kind of link, then the newest of those: each part walks the
            # listing index and stops at its third match. One query testing all four links
            # at once was planned as four hashes of every article sharing anything, slow on
            # a large archive.
            newest = [articles.values("pk")[:RELATED_LIMIT] for articles in sharing]
            candidates = newest[0].union(*newest[1:], all=True)
        else:  # SQLite (development): one query over all four links.
            candidates = reduce(or_, sharing).values("pk")
        return list(Article.objects.filter(pk__in=candidates).for_listing()[:RELATED_LIMIT])


class ShareLink(ShareLinkBase):
    """Lets a reviewer without an account see one article before it is public."""

    subject_field = "article"
    preview_url_name = "news:shared-preview"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="share_links")


# How articles are searched, on the site and in the admin. The vector is stored, as
# articles are many: the search app keeps it (ArticleSearchDocument, see search.signals).
ARTICLE_FIELDS = SearchFields(
    {"title": "A", "summary": "B", "body": "C", "author": "D"},
    ("summary", "body"),
)
