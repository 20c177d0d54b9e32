"""Measure every public page type under gunicorn and print the table the README shows."""

import http.client
import os
import statistics
import time
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.harness import gunicorn, locust
from bhp.apps import look_up_content_types
from members.models import Organisation
from news.models import Article
from pagecache.versions import forget_content_version
from people.models import Person

TRIVIAL = "/bench/trivial/"
# Pages that may not exist yet in this checkout; measured when they answer.
OPTIONAL = [("search", "/search/?q=Aston+University"), ("feed", "/news/feed/")]
# (page, target median ms uncached); the issue sets targets for these kinds of page.
MEDIAN_TARGET = {"news index": 10, "news deep page": 10, "filtered index": 10,
                 "article": 10, "member page": 10, "search": 40}  # fmt: skip


class Command(BaseCommand):
    help = "Benchmark the public pages under gunicorn (see README, Performance)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8500)
        parser.add_argument("--seconds", type=int, default=10, help="locust run per page")
        parser.add_argument("--users", type=int, default=20, help="concurrent visitors")
        parser.add_argument("--samples", type=int, default=40, help="timed single requests")

    def handle(self, *args, port, seconds, users, samples, **options):
        pages = self.pages()
        self.stdout.write(f"Pages: {', '.join(label for label, _ in pages)}")
        self.load_at_start = os.getloadavg()[0]
        queries = {label: self.count_queries(url) for label, url in pages}
        load = {"users": users, "seconds": seconds}

        results = {label: {} for label, _ in pages}
        # Each page's throughput is compared with the trivial view's measured just before it,
        # under the same gunicorn: on a shared machine, speed drifts within a run.
        with gunicorn(port, PAGE_CACHE_SECONDS="0") as host:
            # One request at a time first, on a machine not still busy with a load run.
            for label, url in pages:
                results[label]["first"] = self.median_ms(
                    host, url, max(samples // 4, 5), before_each=forget_content_version
                )
                results[label]["median"] = self.median_ms(host, url, samples)
            for label, url in pages:
                results[label]["uncached baseline"] = self.throughput(host, TRIVIAL, **load)
                results[label]["uncached"] = self.throughput(host, url, **load)
        with gunicorn(port, PAGE_CACHE_SECONDS="600") as host:
            for label, url in pages:
                self.median_ms(host, url, 2)  # fill the cache
                results[label]["cached baseline"] = self.throughput(host, TRIVIAL, **load)
                results[label]["cached"] = self.throughput(host, url, **load)
            weight = page_weight(host, "/")
            weight["total_sharp"] = page_weight(host, "/", wanted_width=640)["total"]

        self.report(pages, queries, results, weight)

    def pages(self):
        """One address of each public page type, found in the benchmark data."""
        live = Article.objects.live()
        total = live.count()
        member = Organisation.objects.current_members().order_by("pk").first()
        year = timezone.localtime(live.first().publish_at).year - 1
        article = live.filter(image="").order_by("-publish_at")[100]
        pages = [
            ("home", "/"),
            ("news index", "/news/"),
            ("news deep page", f"/news/?page={total // 12 // 2}"),
            ("filtered index", f"/news/?member={member.slug}&year={year}"),
            ("article", article.get_absolute_url()),
            ("member page", member.get_absolute_url()),
        ]
        # The person named in the most articles (the demo's or the benchmark's).
        person = (
            Person.objects.listed().annotate(named=Count("articles")).order_by("-named").first()
        )
        if person is not None:
            pages += [("people", "/people/"), ("person page", person.get_absolute_url())]
        client = Client()
        pages += [(label, url) for label, url in OPTIONAL if client.get(url).status_code == 200]
        return pages

    @staticmethod
    def count_queries(url):
        """Queries for one uncached render: first with every cache empty, then steady.

        In a worker that has started as gunicorn starts one: content types looked up.
        """
        look_up_content_types()
        counts = []
        with override_settings(PAGE_CACHE_SECONDS=0):
            cache.clear()
            for _ in range(2):
                with CaptureQueriesContext(connection) as captured:
                    Client().get(url)
                counts.append(len(captured))
        return counts

    @staticmethod
    def median_ms(host, url, samples, before_each=None):
        """Median time for one request at a time, over a kept-alive connection."""
        conn = http.client.HTTPConnection(urlsplit(host).netloc, timeout=30)
        timings = []
        for _ in range(samples + 3):
            if before_each:
                before_each()
            started = time.perf_counter()
            conn.request("GET", url)
            answer = conn.getresponse()
            answer.read()
            timings.append((time.perf_counter() - started) * 1000)
            if answer.status != 200:
                raise RuntimeError(f"{url} answered {answer.status}")
        conn.close()
        return statistics.median(timings[3:])

    @staticmethod
    def throughput(host, url, *, users, seconds):
        rows, failures = locust(host, "bench/locustfile.py", users=users, seconds=seconds,
                                BENCH_PATH=url)  # fmt: skip
        if failures:
            raise RuntimeError(f"{url}: {failures}")
        return float(rows["Aggregated"]["Requests/s"])

    def report(self, pages, queries, results, weight):
        line = "| {:<15} | {:>9} | {:>10} | {:>10} | {:>14} | {:>14} |"
        baselines = [
            r[f"{kind} baseline"] for r in results.values() for kind in ("uncached", "cached")
        ]
        self.stdout.write("")
        self.stdout.write(f"Articles: {Article.objects.count():,} "
                          f"({Article.objects.live().count():,} live). Trivial view "
                          f"(baseline): {min(baselines):,.0f} to {max(baselines):,.0f} "
                          f"requests/s, median {statistics.median(baselines):,.0f}.")  # fmt: skip
        self.stdout.write("")
        self.stdout.write(line.format("page", "queries", "first ms", "median ms",
                                      "uncached req/s", "cached req/s"))  # fmt: skip
        self.stdout.write(line.format(*["-" * 15, "-" * 9, "-" * 10, "-" * 10, "-" * 14, "-" * 14]))
        misses = []
        for label, _ in pages:
            cold, warm = queries[label]
            result = results[label]
            uncached, cached = result["uncached"], result["cached"]
            uncached_share = uncached / result["uncached baseline"]
            cached_share = cached / result["cached baseline"]
            self.stdout.write(line.format(
                label, f"{cold} / {warm}", f"{result['first']:.1f}", f"{result['median']:.1f}",
                f"{uncached:,.0f} ({uncached_share:.0%})", f"{cached:,.0f} ({cached_share:.0%})",
            ))  # fmt: skip
            if max(cold, warm) > 10:
                misses.append(f"{label}: {cold} queries")
            if result["median"] > MEDIAN_TARGET.get(label, float("inf")):
                misses.append(f"{label}: median {result['median']:.1f} ms")
            if uncached_share < 0.25:
                misses.append(f"{label}: uncached {uncached_share:.0%} of baseline")
            if cached_share < 0.6:
                misses.append(f"{label}: cached {cached_share:.0%} of baseline")
        self.stdout.write("")
        self.stdout.write("queries: with every cache empty / once what visitors share is "
                          "cached; first: the first view after content changed (every cache "
                          "stale); median: one request at a time, page cache off; "
                          "req/s: locust, percentages of the trivial view measured just "
                          "before the page.")  # fmt: skip
        self.stdout.write(
            f"Home page weight: {weight['total'] / 1024:.0f} KB in {weight['requests']} "
            f"requests (HTML {weight['html'] / 1024:.0f} KB, CSS {weight['css'] / 1024:.1f} KB "
            f"compressed from {weight['css_raw'] / 1024:.1f} KB, "
            f"images {weight['images'] / 1024:.0f} KB); on a sharp (2x) screen "
            f"{weight['total_sharp'] / 1024:.0f} KB; "
            f"third-party requests: {weight['third_party']}."
        )
        self.stdout.write(f"CSS Cache-Control: {weight['css_cache_control']}")
        self.stdout.write(
            f"Machine load average (1 min): {self.load_at_start:.1f} at the start, "
            f"{os.getloadavg()[0]:.1f} at the end, on {os.cpu_count()} cores."
        )
        self.stdout.write("Targets missed: " + ("; ".join(misses) if misses else "none"))


class _Assets(HTMLParser):
    """What a browser loads for a page: stylesheets, scripts, and one picture per image.

    For a <picture>, the smallest WebP candidate at least `wanted_width` pixels wide (a card
    is about 320 CSS pixels: 320 on a plain screen, 640 on a sharp one); otherwise the <img>.
    """

    def __init__(self, wanted_width):
        super().__init__()
        self.wanted_width = wanted_width
        self.css, self.scripts, self.images = [], [], []
        self._picture_chosen = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.css.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        elif tag == "picture":
            self._picture_chosen = False
        elif tag == "source" and attrs.get("type") == "image/webp" and attrs.get("srcset"):
            self.images.append(self._candidate(attrs["srcset"]))
            self._picture_chosen = True
        elif tag == "img" and attrs.get("src") and not self._picture_chosen:
            self.images.append(attrs["src"])

    def handle_endtag(self, tag):
        if tag == "picture":
            self._picture_chosen = None

    def _candidate(self, srcset):
        candidates = sorted(
            (int(width.rstrip("w")), url)
            for url, width in (item.split() for item in srcset.split(","))
        )
        wide_enough = [c for c in candidates if c[0] >= self.wanted_width]
        return (wide_enough or candidates[-1:])[0][1]


def _fetch(url, encodings="br, gzip"):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encodings})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
        return answer.read(), answer.headers


def page_weight(host, path, wanted_width=320):
    """Bytes a browser transfers for a page and everything it loads (compressed as served)."""
    html, _ = _fetch(host + path)
    assets = _Assets(wanted_width)
    assets.feed(html.decode())
    weight = {"html": len(html), "css": 0, "css_raw": 0, "images": 0, "scripts": 0,
              "third_party": 0}  # fmt: skip
    weight["css_cache_control"] = "no stylesheet"
    for kind, urls in (("css", assets.css), ("scripts", assets.scripts),
                       ("images", assets.images)):  # fmt: skip
        for url in urls:
            absolute = urljoin(host + path, url)
            if urlsplit(absolute).netloc != urlsplit(host).netloc:
                weight["third_party"] += 1
                continue
            body, headers = _fetch(absolute)
            weight[kind] += len(body)
            if kind == "css":
                weight["css_cache_control"] = headers.get("Cache-Control")
                weight["css_raw"] += len(_fetch(absolute, encodings="identity")[0])
    weight["total"] = weight["html"] + weight["css"] + weight["images"] + weight["scripts"]
    weight["requests"] = 1 + len(assets.css) + len(assets.scripts) + len(assets.images)
    return weight
