"""Feeds of new opportunities, newest first: RSS, Atom and JSON Feed, in the site's feed
formats (core.feeds). Only live opportunities that have not closed appear."""

from dataclasses import dataclass, replace

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from core import feeds
from core.addresses import site_url
from core.feeds import AtomFeed, EntryFeed, JSONFeed
from pagecache.parts import cached_for_content

from .models import Opportunity

FEED_LENGTH = 20


def closing_text(closes_at):
    return f"Closes {date_format(timezone.localtime(closes_at), 'j F Y \\a\\t H:i')} (UK time)."


@dataclass(frozen=True)
class Entry(feeds.Entry):
    """An opportunity as its feeds show it: the entry, with its kind."""

    kind: str

    @classmethod
    def of(cls, opportunity):
        return cls(
            title=opportunity.title,
            summary=f"{opportunity.summary} {closing_text(opportunity.closes_at)}".strip(),
            url=opportunity.get_absolute_url(),
            published=opportunity.publish_at,
            updated=max(opportunity.updated_at, opportunity.publish_at),
            kind=opportunity.get_kind_display(),
        )


class OpportunityFeed(EntryFeed):
    title = "Birmingham Health Partners opportunities"
    description = (
        "New funding calls, fellowships, vacancies, surveys and consultations from "
        "Birmingham Health Partners."
    )

    def get_object(self, request):
        # Every link starts with the site's address as this request reached it.
        return (site_url(request), request.path)

    def link(self, reading):
        return reading[0] + reverse("opportunities:list")

    def feed_url(self, reading):
        return reading[0] + reading[1]

    def items(self, reading):
        def entries():
            newest = Opportunity.objects.not_closed().for_listing().order_by("-publish_at", "-pk")
            return [Entry.of(opportunity) for opportunity in newest[:FEED_LENGTH]]

        # The same for every reader of every format until content changes (an opportunity
        # closing is a change: see Opportunity.objects.next_change).
        kept = cached_for_content("opportunities-feed", entries)
        return [replace(entry, url=reading[0] + entry.url) for entry in kept]

    def item_categories(self, entry):
        return (entry.kind,)


class AtomOpportunityFeed(OpportunityFeed):
    feed_type = AtomFeed
    subtitle = OpportunityFeed.description


class JSONOpportunityFeed(OpportunityFeed):
    feed_type = JSONFeed
