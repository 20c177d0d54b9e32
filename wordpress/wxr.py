"""Reading a WordPress export (WXR 1.1 or 1.2: Tools → Export), streamed, with the XML
parser hardened: an export never needs a DTD, so one (and any entity it could declare,
the way to billion-laughs and external-file attacks) is refused outright."""

import xml.parsers.expat
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

SUPPORTED_VERSIONS = {"1.0", "1.1", "1.2"}
# WordPress writes local times in the site's zone; the old site's was London's.
SITE_ZONE = ZoneInfo("Europe/London")
CHUNK = 1 << 16


class ExportError(Exception):
    """The file cannot be read as a WordPress export; the message says why."""


@dataclass
class Author:
    login: str
    display_name: str
    first_name: str = ""
    last_name: str = ""

    @property
    def name(self):
        full = f"{self.first_name} {self.last_name}".strip()
        return full or self.display_name or self.login


@dataclass
class Term:
    taxonomy: str  # "category" or "post_tag"
    slug: str
    name: str


@dataclass
class Item:
    wp_id: int
    post_type: str
    title: str = ""
    link: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_name: str = ""
    status: str = ""
    post_date: str = ""
    parent: int = 0
    menu_order: int = 0
    attachment_url: str = ""
    terms: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    @property
    def date(self):
        """When it was (or is to be) published, as an aware time: WordPress's local time."""
        try:
            naive = datetime.strptime(self.post_date, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            return None
        if naive.year < 1900:  # WordPress's "0000-00-00 00:00:00": never dated
            return None
        return naive.replace(tzinfo=SITE_ZONE)

    @property
    def path(self):
        return urlsplit(self.link).path

    @property
    def thumbnail_id(self):
        value = self.meta.get("_thumbnail_id", "")
        return int(value) if value.isdigit() else None


@dataclass
class Export:
    version: str = ""
    site_url: str = ""
    authors: dict = field(default_factory=dict)  # login -> Author
    terms: list = field(default_factory=list)
    items: list = field(default_factory=list)

    @property
    def hosts(self):
        """The old site's host names, with and without www."""
        host = urlsplit(self.site_url).hostname or ""
        bare = host.removeprefix("www.")
        return {bare, f"www.{bare}"} if bare else set()


NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}


def _prefixed(name):
    """expat's "uri}local" as "prefix:local", whichever WXR version the URI names."""
    uri, _, local = name.rpartition("}")
    if not uri:
        return local
    if uri.startswith("http://wordpress.org/export/"):
        prefix = "excerpt" if uri.endswith("/excerpt/") else "wp"
    else:
        prefix = NAMESPACES.get(uri, uri)
    return f"{prefix}:{local}"


class _Reader:
    """Collects the export as expat reports it, keeping only the elements WXR defines."""

    def __init__(self):
        self.export = Export()
        self.stack = []
        self.text = []
        self.record = None  # the author, term or item being read: a dict of its fields
        self.meta_key = None

    def start(self, name, attrs):
        name = _prefixed(name)
        self.stack.append(name)
        self.text = []
        if name in ("item", "wp:author", "wp:category", "wp:tag"):
            self.record = {"terms": [], "meta": {}}
        elif name == "category" and self.record is not None:
            self.record["_term"] = (attrs.get("domain", ""), attrs.get("nicename", ""))

    def data(self, text):
        self.text.append(text)

    def end(self, name):
        name = self.stack.pop()
        text = "".join(self.text)
        self.text = []
        export, record = self.export, self.record
        if name == "wp:wxr_version":
            export.version = text.strip()
        elif (name in ("wp:base_blog_url", "wp:base_site_url") and not export.site_url) or (
            name == "link" and self.stack == ["rss", "channel"] and not export.site_url
        ):
            export.site_url = text.strip()
        elif record is None:
            return
        elif name == "wp:author":
            login = record.get("wp:author_login", "").strip()
            export.authors[login] = Author(
                login,
                record.get("wp:author_display_name", "").strip(),
                record.get("wp:author_first_name", "").strip(),
                record.get("wp:author_last_name", "").strip(),
            )
            self.record = None
        elif name == "wp:category":
            export.terms.append(
                Term(
                    "category",
                    record.get("wp:category_nicename", ""),
                    record.get("wp:cat_name", ""),
                )
            )
            self.record = None
        elif name == "wp:tag":
            export.terms.append(
                Term("post_tag", record.get("wp:tag_slug", ""), record.get("wp:tag_name", ""))
            )
            self.record = None
        elif name == "item":
            export.items.append(_item(record))
            self.record = None
        elif name == "category":
            domain, slug = record.pop("_term", ("", ""))
            if domain in ("category", "post_tag"):
                record["terms"].append(Term(domain, slug, text.strip()))
        elif name == "wp:meta_key":
            self.meta_key = text.strip()
        elif name == "wp:meta_value" and self.meta_key is not None:
            record["meta"][self.meta_key] = text.strip()
            self.meta_key = None
        elif len(self.stack) >= 1 and self.stack[-1] in (
            "item",
            "wp:author",
            "wp:category",
            "wp:tag",
        ):
            record[name] = text

    def refuse(self, *args):
        raise ExportError(
            "the file declares a document type (DTD); a WordPress export never does, and "
            "its entities could read files or exhaust memory, so it is refused"
        )


def _number(value):
    value = (value or "").strip()
    return int(value) if value.isdigit() else 0


def _item(record):
    return Item(
        wp_id=_number(record.get("wp:post_id")),
        post_type=record.get("wp:post_type", "").strip(),
        title=record.get("title", "").strip(),
        link=record.get("link", "").strip(),
        creator=record.get("dc:creator", "").strip(),
        content=record.get("content:encoded", ""),
        excerpt=record.get("excerpt:encoded", "").strip(),
        post_name=record.get("wp:post_name", "").strip(),
        status=record.get("wp:status", "").strip(),
        post_date=record.get("wp:post_date", "").strip(),
        parent=_number(record.get("wp:post_parent")),
        menu_order=_number(record.get("wp:menu_order")),
        attachment_url=record.get("wp:attachment_url", "").strip(),
        terms=record["terms"],
        meta=record["meta"],
    )


def read_export(file):
    """The export in the binary `file`, or ExportError saying what is wrong with it."""
    reader = _Reader()
    parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.data
    parser.StartDoctypeDeclHandler = reader.refuse
    parser.EntityDeclHandler = reader.refuse
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    try:
        while chunk := file.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as error:
        message = xml.parsers.expat.ErrorString(error.code)
        raise ExportError(
            f"it is not well-formed XML: {message} at line {error.lineno}, "
            f"column {error.offset + 1}"
        ) from error
    export = reader.export
    if not export.version:
        raise ExportError("it is not a WordPress export (no wp:wxr_version in its channel)")
    if export.version not in SUPPORTED_VERSIONS:
        raise ExportError(
            f"it is a WXR {export.version} export; this reads versions "
            f"{', '.join(sorted(SUPPORTED_VERSIONS))}"
        )
    return export
