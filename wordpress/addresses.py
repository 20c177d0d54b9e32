"""The old WordPress site's addresses, and where each leads now.

`parse()` reads what an old address names (a post by ID or slug, a page's path, a category,
an archive month, a feed, an uploaded file); `resolve()` turns that into the new address,
asking a lookup for the things the import made. The middleware looks them up in the
database; the importer, rewriting links between items not all imported yet, in its plan.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

from django.urls import reverse

from .models import POST_KINDS, ImportedItem, Kind

ID_PARAMETERS = ("p", "page_id", "attachment_id")
PAGED = re.compile(r"/page/\d+$")
FEED = re.compile(r"(?:^|/)feed(?:/(?:rss2?|atom|rdf))?$")
ARCHIVE = re.compile(r"^(?P<year>\d{4})(?:/(?P<month>\d{2}))?(?:/(?P<day>\d{2}))?$")
DATED_POST = re.compile(r"^\d{4}/\d{2}(?:/\d{2})?/(?P<slug>[^/]+)$")
TAXONOMY = re.compile(r"^(?P<kind>category|tag|author)/(?:[^/]+/)*(?P<slug>[^/]+)$")
UPLOADS = "wp-content/uploads/"


@dataclass(frozen=True)
class OldAddress:
    kind: str  # item, upload, archive, category, tag, author, feed, listing, post, path
    value: str = ""
    feed: bool = False
    year: int = 0
    month: int = 0


def parse(path, query=""):
    """What the old address `path` (with its `query` string) names, or None."""
    if path in ("", "/") and query:
        values = parse_qs(query)
        for name in ID_PARAMETERS:
            number = values.get(name, [""])[-1]
            if number.isdigit():
                return OldAddress("item", number)
        return None
    path = path.strip("/")
    if path.startswith(UPLOADS):
        return OldAddress("upload", "/" + path)
    path = PAGED.sub("", path)
    if path == "page" or re.fullmatch(r"page/\d+", path):
        return OldAddress("listing")
    feed = bool(FEED.search(path))
    if feed:
        path = FEED.sub("", path).strip("/")
        if path in ("", "comments"):
            return OldAddress("feed", feed=True)
    if match := ARCHIVE.match(path):
        year, month = int(match["year"]), int(match["month"] or 0)
        if 1990 < year < 2100 and month <= 12:
            return OldAddress("archive", year=year, month=month, feed=feed)
    if match := TAXONOMY.match(path):
        return OldAddress(match["kind"], match["slug"], feed=feed)
    if match := DATED_POST.match(path):
        return OldAddress("post", match["slug"], feed=feed)
    if path and not feed:
        return OldAddress("path", path)
    return None


def resolve(address, lookup):
    """The new address for `address`, asking `lookup` (see DatabaseLookup) for imported
    things; None when nothing here answers for it."""
    if address is None:
        return None
    kind = address.kind
    if kind == "item":
        return lookup.item(address.value)
    if kind == "upload":
        return lookup.upload(address.value)
    if kind == "feed" or (address.feed and kind in ("archive", "author", "post")):
        return reverse("news:feed")
    if kind == "listing":
        return reverse("news:article-list")
    if kind == "archive":
        filters = {"year": address.year, "month": address.month or None}
        query = urlencode({name: value for name, value in filters.items() if value})
        return f"{reverse('news:article-list')}?{query}"
    if kind in ("category", "tag"):
        slug = lookup.tag_slug(kind, address.value)
        if slug is None:
            return None
        if address.feed:
            return reverse("news:subject-feed", kwargs={"kind": "tag", "slug": slug})
        return reverse("news:tag-detail", kwargs={"slug": slug})
    if kind == "author":
        return lookup.author(address.value)
    if kind == "post":
        return lookup.post(address.value)
    # A bare path: a post's permalink (/slug/) or a page's path (/parent/child/).
    if "/" not in address.value and (url := lookup.post(address.value)):
        return url
    return lookup.page("/" + address.value + "/")


class DatabaseLookup:
    """Finds what the import made in the database (ImportedItem), at its current address."""

    items = ImportedItem.objects

    def item(self, wp_id):
        return self.items.target(kind__in=POST_KINDS, key=wp_id)

    def upload(self, path):
        return self.items.target(kind=Kind.ATTACHMENT, old_path=path)

    def tag_slug(self, kind, slug):
        item = self.items.filter(kind=kind, key=slug).exclude(object_id=None).first()
        tag = item and item.content_object
        return tag.slug if tag else None

    def author(self, slug):
        return self.items.target(kind=Kind.AUTHOR, key=slug)

    def post(self, slug):
        return self.items.target(kind=Kind.POST, slug=slug)

    def page(self, path):
        return self.items.target(kind=Kind.PAGE, old_path=path)


def new_address(path, query=""):
    """Where the old address now leads, from the database; None if nowhere."""
    return resolve(parse(path, query), DatabaseLookup())
