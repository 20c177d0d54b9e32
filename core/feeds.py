"""The feed formats every feed of the site is written in: RSS, Atom and JSON Feed 1.1.

Summaries are plain text in all three, escaped for each format as it needs (see each class).
"""

import io
import json
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape


class BufferedWriteMixin:
    """Writes the feed to the response in one piece.

    Django's feed writers send each element to the response as it goes: some 750 writes of
    a few bytes for 20 items, each through HttpResponse's own bookkeeping, which was a
    fifth of the feed's time.
    """

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


class RSSFeed(BufferedWriteMixin, Rss201rev2Feed):
    """RSS readers show descriptions as HTML, so the plain text is escaped for HTML here,
    and then for XML as every element is written: a summary that mentions `<script>` is
    shown as those characters, never made into markup."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed["description"] = escape(self.feed["description"])

    def add_item_elements(self, handler, item):
        if item["description"] is not None:
            item = {**item, "description": escape(item["description"])}
        super().add_item_elements(handler, item)


class AtomFeed(BufferedWriteMixin, Atom1Feed):
    """Summaries are plain text and say so: Django's writer declares them HTML."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class JSONFeed(SyndicationFeed):
    """JSON Feed version 1.1 (https://www.jsonfeed.org/version/1.1/)."""

    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": self.feed["title"],
            "home_page_url": self.feed["link"],
            "feed_url": self.feed["feed_url"],
            "description": self.feed["description"],
            "language": self.feed["language"],
            "items": [self.item(item, self.feed["link"]) for item in self.items],
        }
        outfile.write(json.dumps(feed, ensure_ascii=False, indent=1))

    @staticmethod
    def item(item, link):
        data = {
            "id": item["unique_id"] or item["link"],
            "url": item["link"],
            "title": item["title"],
            "content_text": item["description"],
            "summary": item["description"],
            "date_published": item["pubdate"].isoformat(),
            "date_modified": item["updateddate"].isoformat(),
            "tags": list(item["categories"]),
        }
        if item["author_name"]:
            data["authors"] = [{"name": item["author_name"]}]
        if item.get("image_path"):
            data["image"] = urljoin(link, item["image_path"])
        return data


@dataclass(frozen=True)
class Entry:
    """What every feed shows of one item, as plain values: quick to keep and read back.
    Each app's entries add what its feeds show besides."""

    title: str
    summary: str  # plain text
    url: str
    published: datetime
    updated: datetime


class EntryFeed(Feed):
    """A feed of `Entry`s."""

    feed_type = RSSFeed
    language = settings.LANGUAGE_CODE
    query_parameters = ()

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return entry.summary

    def item_link(self, entry):
        return entry.url

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated
