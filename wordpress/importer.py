"""Importing a WordPress export: authors, categories and tags, documents, pages, then posts.

Each item is imported in a transaction of its own and remembered (`ImportedItem`) with a
digest of what the export said: the same export again changes nothing, and a newer one
updates only what staff have not edited since (their edits are reported, never
overwritten). A dry run takes every step inside one transaction that is rolled back, so it
meets every problem a real run would, and reports the same; the files it stored on the
way are deleted. Work that saves can share (search vectors) is done once, at the end of the
run (`core.batches`).
"""

import hashlib
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from taggit.models import Tag, TaggedItem

from core.batches import batch
from core.images import SafeImageFormField
from core.publishing import Status
from documents.models import Document
from members.mentions import MentionFinder as OrganisationFinder
from news.models import Article
from pages.models import Page
from people.mentions import MentionFinder as PersonFinder
from people.models import Person

from . import addresses
from .markup import convert
from .models import ImportedItem, ImportLine, ImportRun, Kind

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
UNCATEGORISED = {"uncategorized", "uncategorised"}
SUMMARY_LENGTH = Article._meta.get_field("summary").max_length
PUBLISHED = {"publish", "future"}


class Problem(Exception):
    """This item cannot be imported as it is; the message says why."""


class Missing(Problem):
    """The file this item needs is not in the uploads folder."""


class Kept(Exception):
    """This item is left as it is here; the message says why."""


@dataclass
class Line:
    outcome: str
    kind: str
    key: str
    title: str
    message: str = ""

    def __str__(self):
        title = f" “{self.title}”" if self.title else ""
        message = f": {self.message}" if self.message else ""
        return f"{self.outcome}: {self.kind} {self.key}{title}{message}"


def digest(*parts):
    data = json.dumps([asdict(part) for part in parts if part], sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


def summary_of(item, body):
    """The post's excerpt, or its first paragraph, within a summary's length."""
    first = FIRST_PARAGRAPH.search(body)
    text = " ".join(strip_tags(item.excerpt or (first[1] if first else body)).split())
    return Truncator(text).chars(SUMMARY_LENGTH)


class Importer:
    def __init__(self, export, *, uploads=None, dry_run=False, name=""):
        self.export = export
        self.uploads = Path(uploads).resolve() if uploads else None
        self.dry_run = dry_run
        self.name = name
        self.lines = []
        self.totals = Counter()
        self.attachments = {i.wp_id: i for i in export.items if i.post_type == "attachment"}
        self.thumbnails = {i.thumbnail_id for i in export.items if i.thumbnail_id}
        self.known = {
            (record.kind, record.key): record
            for record in ImportedItem.objects.prefetch_related("content_object")
        }
        self.made = {}  # (kind, key) -> the object this run made or found for it
        self.stored = []  # (storage, name) of each file stored, to delete if undone
        self.plan = {}  # (kind, key) -> the new address planned for links to it

    # The report

    def note(self, outcome, kind, key, title="", message=""):
        line = Line(outcome, str(kind), str(key), title, message)
        self.lines.append(line)
        self.totals[outcome] += 1
        return line

    def save_report(self):
        run = ImportRun.objects.create(export=self.name, totals=dict(self.totals))
        ImportLine.objects.bulk_create(
            [ImportLine(run=run, **asdict(line)) for line in self.lines], batch_size=1000
        )
        return run

    # The run

    def run(self):
        if self.dry_run:
            try:
                with transaction.atomic():
                    with batch():
                        self._run()
                    transaction.set_rollback(True)
            finally:
                self.delete_files(0)
        else:
            with batch():
                self._run()
        return self.lines

    def delete_files(self, start):
        """Delete the files stored since `start`: what they belonged to was undone."""
        for storage, name in self.stored[start:]:
            storage.delete(name)
        del self.stored[start:]

    def _run(self):
        items = self.export.items
        for author in self.export.authors.values():
            self.step(Kind.AUTHOR, author.login, author.name, digest(author), self.author, author)
        self.person_finder = PersonFinder()
        self.organisation_finder = OrganisationFinder()
        terms = {(term.taxonomy, term.slug): term for term in self.export.terms}
        for item in items:
            terms.update({(term.taxonomy, term.slug): term for term in item.terms})
        for term in terms.values():
            kind = Kind.CATEGORY if term.taxonomy == "category" else Kind.TAG
            if term.slug.lower() in UNCATEGORISED:
                continue
            self.step(kind, term.slug, term.name, digest(term), self.tag, term)
        for item in self.attachments.values():
            if self.is_image(item):
                if item.wp_id not in self.thumbnails:
                    self.note(
                        "skipped",
                        Kind.ATTACHMENT,
                        item.wp_id,
                        item.title,
                        "a picture no post or page features: the site shows no pictures "
                        "inside text",
                    )
                continue
            self.step(Kind.ATTACHMENT, item.wp_id, item.title, digest(item), self.document, item)
        pages = [i for i in items if i.post_type == "page" and i.status != "trash"]
        posts = [i for i in items if i.post_type == "post" and i.status != "trash"]
        self.plan_addresses(pages, posts)
        for item in self.parents_first(pages):
            self.step(Kind.PAGE, item.wp_id, item.title, self.digest(item), self.page, item)
        for item in posts:
            self.step(Kind.POST, item.wp_id, item.title, self.digest(item), self.post, item)
        for item in items:
            if item.post_type not in ("post", "page", "attachment"):
                self.note("skipped", item.post_type, item.wp_id, item.title, "not a post or page")

    def digest(self, item):
        return digest(item, self.attachments.get(item.thumbnail_id))

    def step(self, kind, key, title, new_digest, build, item):
        """Import one item in a transaction of its own, and report what happened."""
        key = str(key)
        record = self.known.get((kind, key))
        thing = record.content_object if record else None
        if thing is not None and record.digest == new_digest:
            self.made[(kind, key)] = thing
            self.note("unchanged", kind, key, title)
            return
        if record and thing is None and record.object_id is not None:
            self.note(
                "skipped", kind, key, title, "deleted here since it was imported: not made again"
            )
            return
        if thing is not None and self.edited_since(thing, record):
            self.made[(kind, key)] = thing
            self.note(
                "kept staff edits",
                kind,
                key,
                title,
                f"changed here on {timezone.localtime(thing.updated_at):%d/%m/%Y %H:%M}, "
                "after it was imported: the export's changes were not applied",
            )
            return
        stored = len(self.stored)
        try:
            # No revision is written: serialising each article with its links was most of
            # an import's time. The import's own record (ImportedItem, the report) says
            # what came from WordPress, and staff's first edit starts the history.
            with transaction.atomic():
                self.commit_without_waiting()
                thing, notes = build(item, thing)
                self.remember(kind, key, thing, new_digest, item)
        except Kept as kept:
            self.delete_files(stored)
            self.made[(kind, key)] = thing
            self.note("kept", kind, key, title, str(kept))
            return
        except (Problem, ValidationError) as error:
            self.delete_files(stored)
            outcome = "file missing" if isinstance(error, Missing) else "failed"
            self.note(outcome, kind, key, title, describe(error))
            return
        self.made[(kind, key)] = thing
        moved = self.where(kind, item, thing)
        self.note("updated" if record else "created", kind, key, title, moved)
        if moved:
            self.totals["old addresses redirected"] += 1
        for outcome, message in notes:
            self.note(outcome, kind, key, title, message)

    @staticmethod
    def commit_without_waiting():
        """Let PostgreSQL confirm each item's commit before its log reaches the disk: that
        wait was a large share of an import. A crash may then lose the last few items
        imported, each whole (its object and its record), and the next run imports them."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")

    @staticmethod
    def edited_since(thing, record):
        updated = getattr(thing, "updated_at", None)
        return updated is not None and record.synced_at is not None and updated > record.synced_at

    def remember(self, kind, key, thing, new_digest, item):
        """Record that WordPress's `item` became `thing` here."""
        record = self.known.get((kind, key)) or ImportedItem(kind=kind, key=key)
        record.content_type = ContentType.objects.get_for_model(thing)
        record.object_id = thing.pk
        record.digest = new_digest
        record.synced_at = getattr(thing, "updated_at", None)
        record.old_path = self.old_path(kind, item)
        record.slug = getattr(item, "post_name", "")[:200]
        record.save()
        self.known[(kind, key)] = record
        return record

    def old_path(self, kind, item):
        if kind == Kind.PAGE:
            return normal_path(item.path)
        if kind == Kind.ATTACHMENT:
            return urlsplit(item.attachment_url).path
        return ""

    def where(self, kind, item, thing):
        """The old addresses now redirected, for the report."""
        if kind in (Kind.POST, Kind.PAGE, Kind.ATTACHMENT):
            new = self.plan.get((kind, str(item.wp_id))) or thing.get_absolute_url()
            old = self.old_path(kind, item) or normal_path(item.path)
            if not new or old == new:
                return ""
            by_id = f"/?p={item.wp_id}"
            return (
                f"{by_id} now leads to {new}"
                if old == "/"
                else f"{old} and {by_id} now lead to {new}"
            )
        return ""

    # Authors, terms and documents

    def author(self, author, person):
        if person is None:
            person = PersonFinder().named_exactly(author.name)
        if person is None:
            person = Person(name=author.name[:200], slug=self.free_slug(Person, author.name))
            person.full_clean()
            person.save()
        return person, []

    def tag(self, term, tag):
        if tag is None:
            slug = slugify(term.slug or term.name, allow_unicode=True)[:100]
            tag = (
                Tag.objects.filter(slug=slug).first() or Tag.objects.filter(name=term.name).first()
            )
        if tag is None:
            tag = Tag.objects.create(name=term.name[:100] or term.slug, slug=slug)
        return tag, []

    def document(self, item, document):
        content = self.read_upload(item)
        if content is None:
            raise Missing(f"{self.upload_name(item) or item.attachment_url} is not in the uploads")
        name = PurePosixPath(self.upload_name(item)).name
        document = document or Document()
        document.title = (item.title or name)[:200]
        document.description = strip_tags(item.excerpt or item.content).strip()
        if item.date:
            document.published_on = timezone.localdate(item.date)
        document.file = File(ContentFile(content), name=name)
        document.save()
        self.stored.append((document.file.storage, document.file.name))
        return document, []

    # Pages and posts

    def plan_addresses(self, pages, posts):
        """The address each page and post will have, so links between them can be
        rewritten before all of them exist."""
        for item in pages:
            record = self.known.get((Kind.PAGE, str(item.wp_id)))
            target = record and record.target_url()
            self.plan[(Kind.PAGE, str(item.wp_id))] = target or normal_path(item.path)
        taken = set()
        wanted = {self.wanted_slug(item) for item in posts}
        for chunk in chunks(sorted(wanted), 1000):
            taken.update(Article.objects.filter(slug__in=chunk).values_list("slug", flat=True))
        self.slugs = {}
        for item in posts:
            record = self.known.get((Kind.POST, str(item.wp_id)))
            article = record and record.content_object
            if article:
                slug = article.slug
            else:
                slug = self.wanted_slug(item)
                if slug in taken:
                    slug = f"{slug[:190]}-{item.wp_id}"
                taken.add(slug)
            self.slugs[item.wp_id] = slug
            self.plan[(Kind.POST, str(item.wp_id))] = f"/news/{slug}/"
        self.plan_lookup = PlanLookup(self, pages, posts)

    @staticmethod
    def wanted_slug(item):
        return slugify(unquote(item.post_name) or item.title)[:200] or f"post-{item.wp_id}"

    def rewrite_link(self, url):
        parts = urlsplit(url)
        if parts.scheme not in ("", "http", "https") or (parts.scheme and not parts.netloc):
            return None
        if parts.netloc and parts.hostname not in self.export.hosts:
            return None
        if not parts.netloc and not parts.path.startswith("/"):
            return None
        new = addresses.resolve(addresses.parse(parts.path, parts.query), self.plan_lookup)
        if new and parts.fragment:
            new = f"{new}#{parts.fragment}"
        return new

    def body(self, item):
        converted = convert(item.content, self.rewrite_link)
        notes = [
            ("shortcode removed", f"[{name}] is not used on this site: removed")
            for name in converted.shortcodes_removed
        ]
        return converted.html, notes

    def publishing(self, thing, item, notes, was):
        """Set the status and publish time WordPress had; a published post that fails
        this site's publish checks is kept as a draft (new) or as it was, and reported."""
        date = item.date or timezone.now()
        if item.status not in PUBLISHED:
            thing.status, thing.publish_at = Status.DRAFT, date
            return
        thing.status, thing.publish_at = Status.PUBLISHED, date
        problems = thing.publish_problems()
        if not problems:
            return
        text = " ".join(message for messages in problems.values() for message in messages)
        if was is not None:
            raise Kept(f"fails the publish checks, so it stays as it was: {text}")
        thing.status = Status.DRAFT
        notes.append(("fails publish checks", f"imported as a draft: {text}"))

    def fill(self, thing, item, notes):
        """What pages and posts share: title, text, summary and main image."""
        thing.title = (item.title or "Untitled")[:200]
        thing.body, body_notes = self.body(item)
        notes.extend(body_notes)
        thing.summary = summary_of(item, thing.body)
        self.main_image(thing, item, notes)

    def page(self, item, page):
        was = page and page.status
        page = page or Page()
        notes = []
        parent = self.made.get((Kind.PAGE, str(item.parent))) if item.parent else None
        if item.parent and parent is None:
            raise Problem(f"its parent page ({item.parent}) was not imported")
        page.parent = parent
        page.slug = page.slug or (slugify(unquote(item.post_name) or item.title)[:100])
        page.menu_order = item.menu_order
        self.fill(page, item, notes)
        self.publishing(page, item, notes, was)
        page.full_clean()
        page.save()
        return page, notes

    def post(self, item, article):
        was = article and article.status
        notes = []
        if article is None:
            article = Article(slug=self.slugs[item.wp_id])
            wanted = self.wanted_slug(item)
            if article.slug != wanted:
                notes.append(
                    (
                        "address taken",
                        f"an article not from this export is at /news/{wanted}/ already: "
                        f"imported at /news/{article.slug}/ (check whether it is the same "
                        "story, e.g. one imported from the old site's text)",
                    )
                )
        self.fill(article, item, notes)
        author = self.export.authors.get(item.creator)
        person = self.made.get((Kind.AUTHOR, item.creator))
        article.author = author.name if author else item.creator
        article.byline_person = person if person and person.listed else None
        self.publishing(article, item, notes, was)
        # The byline's person was just found or made: checking it exists costs a query.
        article.full_clean(exclude=["byline_person"])
        article.save()
        terms = [
            self.made[key]
            for key in (
                (Kind.CATEGORY if t.taxonomy == "category" else Kind.TAG, t.slug)
                for t in item.terms
            )
            if key in self.made
        ]
        text = strip_tags(article.body)
        links = {
            "organisations": self.organisation_finder.find(article.title, text),
            "people": self.person_finder.find(article.title, text),
        }
        if was is None:
            # A new article has no links to compare with: they are inserted at once, as
            # the tags' manager would ask for each one first (most of an import's time).
            TaggedItem.objects.bulk_create(
                TaggedItem(tag=tag, content_object=article) for tag in terms
            )
            for relation, things in links.items():
                if things:
                    getattr(article, relation).add(*things)
        else:
            article.tags.set(terms)
            for relation, things in links.items():
                getattr(article, relation).set(things)
        documents = [
            self.made[(Kind.ATTACHMENT, str(i.wp_id))]
            for i in self.attachments.values()
            if i.parent == item.wp_id and (Kind.ATTACHMENT, str(i.wp_id)) in self.made
        ]
        documents = [d for d in documents if isinstance(d, Document)]
        if documents or was is not None:
            article.documents.set(documents)
        if item.thumbnail_id and article.image:
            thumbnail = self.attachments[item.thumbnail_id]
            self.remember(
                Kind.ATTACHMENT, str(item.thumbnail_id), article, digest(thumbnail), thumbnail
            )
        return article, notes

    def main_image(self, thing, item, notes):
        if not item.thumbnail_id:
            return
        attachment = self.attachments.get(item.thumbnail_id)
        if attachment is None:
            notes.append(
                ("file missing", f"its featured image ({item.thumbnail_id}) is not in the export")
            )
            return
        content = self.read_upload(attachment)
        if content is None:
            notes.append(("file missing", f"featured image {self.upload_name(attachment)}"))
            return
        name = PurePosixPath(self.upload_name(attachment)).name
        try:
            # The admin's own upload field: size, content, pixels, metadata removed.
            cleaned = SafeImageFormField().to_python(SimpleUploadedFile(name, content))
        except ValidationError as error:
            notes.append(
                ("failed", f"featured image {self.upload_name(attachment)}: {describe(error)}")
            )
            return
        thing.image_alt = attachment.meta.get("_wp_attachment_image_alt", "")[:250]
        thing.image_caption = strip_tags(attachment.excerpt)[:300]
        # A dry run stores the file to meet what a real run would, and deletes it after; the
        # renditions it skips are made from a file already checked.
        thing._skip_generate_files = self.dry_run
        thing.image.save(name, cleaned, save=False)
        self.stored.append((thing.image.storage, thing.image.name))

    # Files

    @staticmethod
    def is_image(item):
        return PurePosixPath(urlsplit(item.attachment_url).path).suffix.lower() in IMAGE_SUFFIXES

    @staticmethod
    def upload_name(item):
        """The file's path inside wp-content/uploads."""
        name = item.meta.get("_wp_attached_file", "")
        if not name:
            name = urlsplit(item.attachment_url).path.partition("/wp-content/uploads/")[2]
        return unquote(name)

    def read_upload(self, item):
        """The file's bytes from --uploads, or None if it is not there."""
        name = self.upload_name(item)
        if self.uploads is None or not name:
            return None
        path = (self.uploads / name).resolve()
        if not path.is_relative_to(self.uploads) or not path.is_file():
            return None
        return path.read_bytes()

    @staticmethod
    def free_slug(model, name):
        base = slugify(name)[:190] or "person"
        slug, number = base, 1
        while model.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    @staticmethod
    def parents_first(pages):
        by_id = {page.wp_id: page for page in pages}

        def depth(page, seen=()):
            parent = by_id.get(page.parent)
            if parent is None or page.wp_id in seen:
                return 0
            return 1 + depth(parent, (*seen, page.wp_id))

        return sorted(pages, key=depth)


class PlanLookup:
    """Where links inside bodies lead, from the plan and what this run has made so far."""

    def __init__(self, importer, pages, posts):
        self.importer = importer
        self.posts = {item.post_name: item.wp_id for item in posts if item.post_name}
        self.pages = {normal_path(item.path): item.wp_id for item in pages}
        self.uploads = {
            urlsplit(item.attachment_url).path: item.wp_id for item in importer.attachments.values()
        }

    def planned(self, kind, key):
        return self.importer.plan.get((kind, str(key)))

    def made_url(self, kind, key):
        thing = self.importer.made.get((kind, str(key)))
        return thing.get_absolute_url() if thing is not None and thing.pk else None

    def item(self, wp_id):
        return (
            self.planned(Kind.POST, wp_id)
            or self.planned(Kind.PAGE, wp_id)
            or self.made_url(Kind.ATTACHMENT, wp_id)
        )

    def upload(self, path):
        wp_id = self.uploads.get(path)
        return self.made_url(Kind.ATTACHMENT, wp_id) if wp_id else None

    def tag_slug(self, kind, slug):
        tag = self.importer.made.get((kind, slug))
        return tag.slug if tag else None

    def author(self, slug):
        return self.made_url(Kind.AUTHOR, slug)

    def post(self, slug):
        wp_id = self.posts.get(slug)
        return self.planned(Kind.POST, wp_id) if wp_id else None

    def page(self, path):
        wp_id = self.pages.get(path)
        return self.planned(Kind.PAGE, wp_id) if wp_id else None


def normal_path(path):
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def chunks(values, size):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def describe(error):
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return " ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
        return " ".join(error.messages)
    return str(error)
