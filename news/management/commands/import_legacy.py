"""Import pages scraped from the old website as draft articles (see news/legacy.py).

Safe to run again: an article whose address (slug) exists already is skipped. Each page
is imported whole or not at all. --dry-run reports the same without keeping anything.
"""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from members.mentions import MentionFinder
from news.legacy import Unparseable, parse
from news.models import Article


class Command(BaseCommand):
    help = "Import pages from the old website (text files) as draft articles."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Files, or folders of .txt files")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; change nothing."
        )

    def handle(self, *args, paths, dry_run, **options):
        files = []
        for path in paths:
            if path.is_dir():
                files.extend(sorted(path.glob("*.txt")))
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{path}: no such file or folder.")
        finder = MentionFinder()
        totals = {"created": 0, "skipped": 0, "unparseable": 0}
        created = []
        for path in files:
            try:
                articles = parse(path.read_text(encoding="utf-8"))
            except (Unparseable, UnicodeDecodeError) as error:
                reason = error if isinstance(error, Unparseable) else "it is not UTF-8 text"
                self.stdout.write(self.style.WARNING(f"could not parse {path}: {reason}"))
                totals["unparseable"] += 1
                continue
            try:
                with transaction.atomic():
                    report = list(self.import_page(articles, finder))
                    # A dry run takes every step, so it meets every problem, then undoes them.
                    transaction.set_rollback(dry_run)
            except ValidationError as error:
                self.stdout.write(self.style.WARNING(f"could not import {path}: {error}"))
                totals["unparseable"] += 1
                continue
            for status, legacy, article in report:
                totals[status] += 1
                verb = {"created": "would create"}.get(status, status) if dry_run else status
                self.stdout.write(f"{verb}: {legacy.title} ({path.name}){describe(article)}")
                if status == "created" and not dry_run:
                    created.append((article, legacy))
        # Last, so an article listed as related on one page can be found on a later one.
        for article, legacy in created:
            slugs = [slugify(title)[:200] for title in legacy.related_titles]
            article.related_articles.set(Article.objects.filter(slug__in=slugs))
        summary = ", ".join(f"{count} {status}" for status, count in totals.items())
        prefix = "Dry run, nothing saved: " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{summary}."))

    def import_page(self, legacy_articles, finder):
        """Yields (status, the page's article, the Article) for each article on the page."""
        for legacy in legacy_articles:
            slug = slugify(legacy.title)[:200]
            existing = Article.objects.filter(slug=slug).first()
            if existing:
                yield "skipped", legacy, existing
                continue
            article = Article(
                title=legacy.title[:200],
                slug=slug,
                summary=legacy.summary,
                body=legacy.body,
                author=legacy.author,
                image_caption=legacy.caption[:300],
                status=Article.Status.DRAFT,
            )
            article.full_clean()
            article.save()
            article.organisations.set(finder.find(legacy.title, legacy.text))
            if legacy.old_url:
                Redirect.objects.get_or_create(
                    site_id=settings.SITE_ID,
                    old_path=urlsplit(legacy.old_url).path or "/",
                    defaults={"new_path": article.get_absolute_url()},
                )
            yield "created", legacy, article


def describe(article):
    names = [o.short_name or o.name for o in article.organisations.all()]
    return f": about {', '.join(names)}" if names else ""
