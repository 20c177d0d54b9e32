"""Time importing a generated WordPress export of 5,000 posts (issue 16's target: under a
minute), then importing it again (nothing changes), with the process's peak memory; then
remove what it imported, so the bench database stays as bench_data made it."""

import os
import random
import resource
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from taggit.models import Tag

from news.models import Article
from people.models import Person
from wordpress.models import ImportedItem, ImportRun

TARGET_SECONDS = 60
SLUG_PREFIX = "bench-wordpress-post-"
WORDS = [
    "partnership",
    "research",
    "patients",
    "trial",
    "health",
    "data",
    "hospital",
    "university",
    "trust",
    "evaluation",
    "clinical",
    "community",
    "care",
    "study",
    "team",
    "city",
    "region",
    "innovation",
    "inequalities",
    "maternal",
    "mental",
    "early",
    "diagnosis",
    "detection",
    "service",
    "funding",
    "award",
    "fellowship",
    "report",
    "partners",
]

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>https://www.bhp.org.uk</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://www.bhp.org.uk</wp:base_site_url>
"""


def sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def post_xml(rng, number, when, categories, tags):
    slug = f"{SLUG_PREFIX}{number}"
    paragraphs = [" ".join(sentence(rng) for _ in range(4)) for _ in range(rng.randint(3, 6))]
    if number > 1:
        earlier = rng.randint(1, number - 1)
        paragraphs.append(
            f'See <a href="https://bhp.org.uk/?p={100000 + earlier}">an earlier story on this '
            "subject</a> for background."
        )
    if number % 3 == 0:  # a block-editor post
        body = "\n".join(
            f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paragraphs
        )
    else:
        body = "\n\n".join(paragraphs)
    if number % 10 == 0:
        body = '[caption width="600"]<img src="x.jpg" alt="" /> A photo[/caption]\n\n' + body
    terms = "".join(
        f'<category domain="category" nicename="{c}"><![CDATA[{c.title()}]]></category>'
        for c in rng.sample(categories, 2)
    ) + "".join(
        f'<category domain="post_tag" nicename="{t}"><![CDATA[{t}]]></category>'
        for t in rng.sample(tags, 3)
    )
    return f"""<item><title>{escape(sentence(rng, 8)[:-1])} {number}</title>
<link>https://www.bhp.org.uk/{when:%Y/%m/%d}/{slug}/</link>
<dc:creator><![CDATA[bench-author{number % 5}]]></dc:creator>
<content:encoded><![CDATA[{body}]]></content:encoded>
<excerpt:encoded><![CDATA[{sentence(rng)}]]></excerpt:encoded>
<wp:post_id>{100000 + number}</wp:post_id>
<wp:post_date><![CDATA[{when:%Y-%m-%d %H:%M:%S}]]></wp:post_date>
<wp:post_name><![CDATA[{slug}]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status><wp:post_parent>0</wp:post_parent>
<wp:post_type><![CDATA[post]]></wp:post_type>{terms}</item>
"""


def write_export(path, posts):
    rng = random.Random(16)
    categories = [f"bench-category-{n}" for n in range(20)]
    tags = [f"bench-tag-{n}" for n in range(200)]
    start = datetime(2012, 1, 1, 9, 0)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(5):
            out.write(
                f"<wp:author><wp:author_login>bench-author{n}</wp:author_login>"
                f"<wp:author_display_name>Bench Author {n}</wp:author_display_name></wp:author>\n"
            )
        for number in range(1, posts + 1):
            when = start + timedelta(hours=number * 13)
            out.write(post_xml(rng, number, when, categories, tags))
        out.write("</channel></rss>\n")


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


class Command(BaseCommand):
    help = "Time importing a generated 5,000-post WordPress export (see docs/performance.md)."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=5000)
        parser.add_argument(
            "--keep", action="store_true", help="Keep what was imported instead of removing it."
        )

    def handle(self, *args, posts, keep, **options):
        with tempfile.TemporaryDirectory() as folder:
            export = Path(folder) / "bench-export.xml"
            write_export(export, posts)
            size = export.stat().st_size / 1_000_000
            self.stdout.write(f"A WordPress export of {posts:,} posts ({size:.1f} MB).")
            before = peak_mb()
            timings = []
            for label in ("first import", "same export again"):
                started, cpu = time.perf_counter(), cpu_seconds()
                call_command("import_wordpress", str(export), stdout=open(os.devnull, "w"))  # noqa: SIM115
                timings.append((label, time.perf_counter() - started, cpu_seconds() - cpu))
        # The machine's load shows as the gap between the two: the wall clock waits for
        # the CPU and for PostgreSQL, the process's CPU time only for this process's work.
        for label, seconds, cpu in timings:
            self.stdout.write(
                f"  {label}: {seconds:.1f} s ({posts / seconds:,.0f} posts a second), "
                f"{cpu:.1f} s of this process's CPU time"
            )
        self.stdout.write(
            f"  peak memory: {peak_mb():.0f} MB (the process, {before:.0f} MB before)"
        )
        first = timings[0][1]
        self.stdout.write(f"  load average: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
        verdict = "within" if first < TARGET_SECONDS else "OVER"
        self.stdout.write(f"  {verdict} the target of {TARGET_SECONDS} s for the first import")
        if not keep:
            self.remove_imported()

    @staticmethod
    def remove_imported():
        with transaction.atomic():
            Article.objects.filter(slug__startswith=SLUG_PREFIX).delete()
            Person.objects.filter(name__startswith="Bench Author ").delete()
            Tag.objects.filter(slug__startswith="bench-").delete()
            ImportedItem.objects.filter(
                Q(slug__startswith=SLUG_PREFIX) | Q(key__startswith="bench-")
            ).delete()
            ImportRun.objects.filter(export="bench-export.xml").delete()
