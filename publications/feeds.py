"""Feeds of new publications, RSS and Atom: the newest live ones, by when they went live."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from pagecache.parts import cached_for_content

from .models import Publication

FEED_LENGTH = 20


class PublicationFeed(Feed):
    title = "Birmingham Health Partners: publications"
    description = "New reports, evaluations, policy papers and annual reviews."
    language = settings.LANGUAGE_CODE
    query_parameters = ()

    def link(self):
        return reverse("publications:publication-list")

    def items(self):
        # The same for every reader until content changes.
        return cached_for_content(
            "publication-feed",
            lambda: list(
                Publication.objects.live()
                .for_listing()
                .order_by("-publish_at", "-pk")[:FEED_LENGTH]
            ),
        )

    def item_title(self, publication):
        return publication.title

    def item_description(self, publication):
        # Both formats read the description as HTML: the plain summary is escaped for it.
        return escape(f"{publication.get_kind_display()}. {publication.summary}")

    def item_pubdate(self, publication):
        return publication.publish_at

    def item_updateddate(self, publication):
        return max(publication.updated_at, publication.publish_at)

    def item_categories(self, publication):
        return [publication.get_kind_display()]


class AtomPublicationFeed(PublicationFeed):
    feed_type = Atom1Feed
    subtitle = PublicationFeed.description
