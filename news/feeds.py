"""News feeds: RSS, Atom and JSON Feed, for all news and for the news about one member,
theme, priority or tag. Only live articles appear in any of them.

Member trusts can show "BHP news about us" on their own sites from the JSON Feed
(`/news/feed/member/<slug>/json/`), which any site may fetch from a browser.
"""

from dataclasses import dataclass, replace

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from taggit.models import Tag

from core import feeds
from core.addresses import site_url
from core.feeds import AtomFeed, EntryFeed, JSONFeed
from members.models import Organisation
from pagecache.parts import cached_for_content
from pagecache.totals import cached_for_live_set
from strategy.models import Priority, ResearchTheme

from .kept import kept_for_each
from .models import Article

FEED_LENGTH = 20


@dataclass(frozen=True)
class Entry(feeds.Entry):
    """An article as the news feeds show it: the entry, with its byline, tags and image."""

    author: str
    tags: tuple[str, ...]
    image_path: str

    @classmethod
    def of(cls, article):
        return cls(
            title=article.title,
            summary=article.summary,
            url=article.get_absolute_url(),
            published=article.publish_at,
            updated=max(article.updated_at, article.publish_at),
            author=article.author,
            tags=tuple(tag.name for tag in article.tags.all()),
            image_path=article.image.url if article.image else "",
        )


@dataclass(frozen=True)
class Subject:
    """What a feed is about: `kind` is the news index filter that selects its articles."""

    kind: str
    thing: object

    # kind -> (model, the ArticleQuerySet.about() argument that selects its articles)
    KINDS = {
        "member": (Organisation, "organisation"),
        "theme": (ResearchTheme, "theme"),
        "priority": (Priority, "priority"),
        "tag": (Tag, "tag"),
    }

    @property
    def name(self):
        return getattr(self.thing, "display_name", None) or str(self.thing)

    @property
    def url(self):
        if self.kind == "tag":
            return reverse("news:tag-detail", kwargs={"slug": self.thing.slug})
        return self.thing.get_absolute_url()

    def articles(self):
        return Article.objects.live().about(**{self.KINDS[self.kind][1]: self.thing})


@dataclass(frozen=True)
class Reading:
    """One request for a feed: what it is about (None for all news), and the site's
    address as that request reached it (core.addresses), which starts every link.

    Django would start them with the sites framework's record, which knows one host.
    """

    subject: Subject | None
    site_url: str
    path: str


class NewsFeed(EntryFeed):
    def get_object(self, request, kind=None, slug=None):
        # The subject is the same for every reader until content changes, like the pages'.
        subject = (
            None
            if kind is None
            else cached_for_content(f"feed-subject:{kind}:{slug}", lambda: self.subject(kind, slug))
        )
        return Reading(subject, site_url(request), request.path)

    @staticmethod
    def subject(kind, slug):
        subject = Subject(kind, get_object_or_404(Subject.KINDS[kind][0], slug=slug))
        # As on the tag pages, a tag only drafts carry does not exist publicly.
        if kind == "tag" and not subject.articles().exists():
            raise Http404("No live articles have this tag.")
        return subject

    def title(self, reading):
        if reading.subject is None:
            return "Birmingham Health Partners news"
        return f"Birmingham Health Partners news about {reading.subject.name}"

    def link(self, reading):
        subject = reading.subject
        return reading.site_url + (subject.url if subject else reverse("news:article-list"))

    def feed_url(self, reading):
        return reading.site_url + reading.path

    def description(self, reading):
        if reading.subject is None:
            return "The latest news from Birmingham Health Partners and its members."
        return f"The latest news from Birmingham Health Partners about {reading.subject.name}."

    def items(self, reading):
        subject = reading.subject

        def latest():
            articles = subject.articles() if subject else Article.objects.live()
            return list(articles.only("pk")[:FEED_LENGTH])

        # The same for every reader of every format: which articles, until which are live or
        # what they link to changes (news.signals); each one's entry, until it or its tags
        # change, as their cards are kept.
        key = f"feed:{subject.kind}={subject.thing.pk}" if subject else "feed"
        listed = cached_for_live_set(Article, key, latest)
        entries = kept_for_each(
            listed, lambda article: f"entry:{article.pk}", Entry.of, shows=[Tag], prefetch=["tags"]
        )
        return [replace(entry, url=reading.site_url + entry.url) for entry in entries if entry]

    def item_author_name(self, entry):
        return entry.author or None

    def item_categories(self, entry):
        return entry.tags

    def item_extra_kwargs(self, entry):
        # A path: the JSON Feed makes it absolute against the feed's own address.
        return {"image_path": entry.image_path} if entry.image_path else {}


class AtomNewsFeed(NewsFeed):
    feed_type = AtomFeed
    subtitle = NewsFeed.description


class JSONNewsFeed(NewsFeed):
    feed_type = JSONFeed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # Public data that member sites read from the visitor's browser.
        response["Access-Control-Allow-Origin"] = "*"
        return response
