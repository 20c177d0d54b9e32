"""Measure every public page type under gunicorn, each against a bare Django hello-world
measured straight before it, and print the table docs/performance.md shows."""

import http.client
import os
import re
import statistics
import time
import urllib.error
import urllib.request
import uuid
from html.parser import HTMLParser
from urllib.parse import quote_plus, urljoin, urlsplit

from django.apps import apps
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.harness import gunicorn, wrk
from bhp.apps import look_up_content_types
from events.models import Event
from members.models import Organisation
from news.models import Article
from opportunities.models import Opportunity
from pagecache.totals import renew_rows
from pagecache.versions import forget_content_version
from pages.models import Page
from people.models import Person
from publications.models import Publication

TRIVIAL = "/bench/trivial/"
# Pages that may not exist yet in this checkout; measured when they answer.
OPTIONAL = [("search", "/search/?q=Aston+University"), ("feed", "/news/feed/")]
# Targets from issue 20, as shares of the bare baseline measured beside each figure.
UNCACHED_SHARE, CACHED_SHARE, MIDDLEWARE_SHARE = 0.25, 0.6, 0.7
MEDIAN_TARGET_MS, FIRST_TARGET_MS = 10, 30
SEARCH_TARGET_MS = {"commonest": 60, "rare": 20}
COUNT = re.compile(r'<h2 class="results-count"[^>]*>([^<]*)</h2>')


def edit_elsewhere():
    """What an article's edit does to the pages of others: the oldest live article (on none
    of the pages measured) saved, as the admin saves it, with every signal."""
    Article.objects.live().order_by("publish_at", "pk").first().save()


def own_change():
    """What a save of anything a page shows does to it: every part kept under the content
    version, or with the rows of any model, made again (not the totals of live objects)."""
    forget_content_version()
    for model in apps.get_models():
        renew_rows(model)


class Command(BaseCommand):
    help = "Benchmark the public pages under gunicorn (see docs/performance.md)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8500)
        parser.add_argument("--seconds", type=int, default=10, help="wrk run per figure")
        parser.add_argument("--connections", type=int, default=16, help="wrk connections")
        parser.add_argument("--samples", type=int, default=40, help="timed single requests")
        parser.add_argument(
            "--max-requests",
            help="gunicorn's max_requests for both servers (0: workers are never replaced); "
            "by default as gunicorn.conf.py sets it",
        )

    def handle(self, *args, port, seconds, connections, samples, max_requests, **options):
        pages = self.pages()
        self.stdout.write(f"Pages: {', '.join(label for label, _ in pages)}")
        self.load_at_start = os.getloadavg()
        queries = {label: self.count_queries(url) for label, url in pages}
        self.load = {"seconds": seconds, "connections": connections}
        env = {"GUNICORN_MAX_REQUESTS": max_requests} if max_requests else {}

        results = {label: {} for label, _ in pages}
        with gunicorn(port + 1, app="bench.bare.wsgi", **env) as bare:
            self.bare = bare + "/"
            with gunicorn(port, PAGE_CACHE_SECONDS="0", **env) as host:
                # One request at a time first, on a machine not still busy with a load run.
                for label, url in pages:
                    for first, change in [("first", edit_elsewhere), ("own", own_change)]:
                        results[label][first] = self.median_ms(
                            host, url, max(samples // 4, 5), before_each=change
                        )
                    results[label]["median"] = self.median_ms(host, url, samples)
                searches = self.first_searches(host, max(samples // 4, 5))
                middleware = self.against_bare(host + TRIVIAL)
                for label, url in pages:
                    results[label]["uncached"] = self.against_bare(host + url)
            with gunicorn(port, PAGE_CACHE_SECONDS="600", **env) as host:
                for label, url in pages:
                    self.median_ms(host, url, 2)  # fill the cache
                    results[label]["cached"] = self.against_bare(host + url)
                weight = page_weight(host, "/")
                weight["total_sharp"] = page_weight(host, "/", wanted_width=640)["total"]

        self.report(pages, queries, results, middleware, searches, weight, max_requests)

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
        publication = Publication.objects.live().exclude(body="").order_by("pk").first()
        if publication is not None:
            pages += [
                ("publications", "/publications/"),
                ("publication", publication.get_absolute_url()),
            ]
        # The largest section: a page with its breadcrumbs and every child listed.
        section = Page.objects.live().annotate(size=Count("children")).order_by("-size").first()
        if section is not None:
            pages.append(("section page", section.get_absolute_url()))
        opportunity = Opportunity.objects.open().order_by("closes_at").first()
        if opportunity is not None:
            pages += [("opportunities", "/opportunities/"),
                      ("opportunity", opportunity.get_absolute_url())]  # fmt: skip
        # The event soonest to come, and a page of upcoming events filtered by a theme.
        event = Event.objects.live().upcoming().first()
        if event is not None:
            theme = event.themes.first()
            pages += [("events", "/events/"), ("event", event.get_absolute_url())]
            if theme is not None:
                pages.append(("filtered events", f"/events/?theme={theme.slug}"))
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
            # And this process's copy of the version, which it would otherwise trust for up
            # to a second: the page was then counted under a version the cache no longer had,
            # or, a moment later, with a new version's schedule queries (a "steady" count
            # above the first). The next version is made here, not by the page.
            forget_content_version()
            for _ in range(2):
                with CaptureQueriesContext(connection) as captured:
                    Client().get(url)
                counts.append(len(captured))
        return counts

    @staticmethod
    def median_ms(host, url, samples, before_each=None, urls=None):
        """Median time for one request at a time, over a kept-alive connection; `urls`, if
        given, makes each request's address (`urls(n)`) instead of `url`."""
        conn = http.client.HTTPConnection(urlsplit(host).netloc, timeout=30)
        timings = []
        for n in range(samples + 3):
            if before_each:
                before_each()
            address = urls(n) if urls else url
            started = time.perf_counter()
            conn.request("GET", address)
            answer = conn.getresponse()
            answer.read()
            timings.append((time.perf_counter() - started) * 1000)
            if answer.status != 200:
                raise RuntimeError(f"{address} answered {answer.status}")
        conn.close()
        return statistics.median(timings[3:])

    def first_searches(self, host, samples):
        """A search nobody has made before, for the commonest word of the bench data and for
        a rare one (one article's number): each request adds an exclusion of a made-up word,
        so its results are never kept yet, while the rest of the page's parts are."""
        rare = Article.objects.live().order_by("pk")[500].title.split()[-1]
        found = {}
        for kind, word in (("commonest", "health"), ("rare", rare)):

            def urls(n, word=word):
                return f"/search/?q={quote_plus(f'{word} -zz{uuid.uuid4().hex[:8]}')}"

            ms = self.median_ms(host, None, samples, urls=urls)
            with urllib.request.urlopen(f"{host}/search/?q={word}", timeout=30) as answer:  # noqa: S310
                count = COUNT.search(answer.read().decode())
            found[kind] = (word, ms, " ".join(count.group(1).split()) if count else "no count")
        return found

    def against_bare(self, url):
        """(requests/s for `url`, requests/s of the bare baseline measured just before)."""
        baseline = wrk(self.bare, **self.load)
        return wrk(url, **self.load), baseline

    def report(self, pages, queries, results, middleware, searches, weight, max_requests):
        line = "| {:<15} | {:>9} | {:>8} | {:>8} | {:>9} | {:>16} | {:>16} |"
        baselines = [r[kind][1] for r in results.values() for kind in ("uncached", "cached")] + [
            middleware[1]
        ]
        self.stdout.write("")
        self.stdout.write(f"Articles: {Article.objects.count():,} "
                          f"({Article.objects.live().count():,} live). Bare Django "
                          f"hello-world (baseline): {min(baselines):,.0f} to "
                          f"{max(baselines):,.0f} requests/s, median "
                          f"{statistics.median(baselines):,.0f}. gunicorn max_requests: "
                          f"{max_requests or 'as gunicorn.conf.py sets it'}.")  # fmt: skip
        self.stdout.write("")
        self.stdout.write(line.format("page", "queries", "first ms", "own ms", "median ms",
                                      "uncached req/s", "cached req/s"))  # fmt: skip
        self.stdout.write(
            line.format(*["-" * 15, "-" * 9, "-" * 8, "-" * 8, "-" * 9, "-" * 16, "-" * 16])
        )
        misses = []
        for label, _ in pages:
            cold, warm = queries[label]
            result = results[label]
            (uncached, bare_u), (cached, bare_c) = result["uncached"], result["cached"]
            uncached_share, cached_share = uncached / bare_u, cached / bare_c
            self.stdout.write(line.format(
                label, f"{cold} / {warm}", f"{result['first']:.1f}", f"{result['own']:.1f}",
                f"{result['median']:.1f}",
                f"{uncached:,.0f} ({uncached_share:.0%})", f"{cached:,.0f} ({cached_share:.0%})",
            ))  # fmt: skip
            if max(cold, warm) > 10:
                misses.append(f"{label}: {cold} queries")
            if result["median"] > MEDIAN_TARGET_MS:
                misses.append(f"{label}: median {result['median']:.1f} ms")
            if result["first"] > FIRST_TARGET_MS:
                misses.append(f"{label}: first view after an edit {result['first']:.1f} ms")
            if uncached_share < UNCACHED_SHARE:
                misses.append(f"{label}: uncached {uncached_share:.0%} of bare")
            if cached_share < CACHED_SHARE:
                misses.append(f"{label}: cached {cached_share:.0%} of bare")
        self.stdout.write("")
        self.stdout.write("queries: with every cache empty / once what visitors share is "
                          "cached; first: the first view after a content change elsewhere "
                          "(another article saved: every part kept under the content "
                          "version stale, and that article's card); own: after a change to "
                          "what the page shows (every part kept with rows stale too), each "
                          "the median of single requests; median: one request at a "
                          "time, page cache off; req/s: wrk, each in brackets as a share of "
                          "the bare hello-world measured just before it.")  # fmt: skip
        share = middleware[0] / middleware[1]
        self.stdout.write(
            f"Middleware cost: the project's trivial view (every middleware, page cache off) "
            f"{middleware[0]:,.0f} requests/s, {share:.0%} of the bare hello-world "
            f"({middleware[1]:,.0f})."
        )
        if share < MIDDLEWARE_SHARE:
            misses.append(f"trivial view {share:.0%} of bare")
        for kind, (word, ms, count) in searches.items():
            self.stdout.write(
                f"First-time search, {kind} word ({word!r}): median {ms:.1f} ms; "
                f"the page says “{count}”."
            )
            if ms > SEARCH_TARGET_MS[kind]:
                misses.append(f"first-time search for the {kind} word: {ms:.1f} ms")
        self.stdout.write(
            f"Home page weight: {weight['total'] / 1024:.0f} KB in {weight['requests']} "
            f"requests (HTML {weight['html'] / 1024:.0f} KB, CSS {weight['css'] / 1024:.1f} KB "
            f"compressed from {weight['css_raw'] / 1024:.1f} KB, "
            f"images {weight['images'] / 1024:.0f} KB); on a sharp (2x) screen "
            f"{weight['total_sharp'] / 1024:.0f} KB; "
            f"third-party requests: {weight['third_party']}."
        )
        self.stdout.write(f"CSS Cache-Control: {weight['css_cache_control']}")
        if weight["missing"]:
            self.stdout.write(f"Home page files not found: {', '.join(weight['missing'])}")
            misses.append(f"home page: {len(weight['missing'])} files not found")
        self.stdout.write(
            "Machine load average (1, 5, 15 min): "
            f"{', '.join(f'{n:.1f}' for n in self.load_at_start)} at the start, "
            f"{', '.join(f'{n:.1f}' for n in os.getloadavg())} at the end, "
            f"on {os.cpu_count()} cores."
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
    weight["missing"] = []
    for kind, urls in (("css", assets.css), ("scripts", assets.scripts),
                       ("images", assets.images)):  # fmt: skip
        for url in urls:
            absolute = urljoin(host + path, url)
            if urlsplit(absolute).netloc != urlsplit(host).netloc:
                weight["third_party"] += 1
                continue
            try:
                body, headers = _fetch(absolute)
            except urllib.error.HTTPError as error:
                # Reported with the figures rather than ending the run that measured them.
                weight["missing"].append(f"{url} ({error.code})")
                continue
            weight[kind] += len(body)
            if kind == "css":
                weight["css_cache_control"] = headers.get("Cache-Control")
                weight["css_raw"] += len(_fetch(absolute, encodings="identity")[0])
    weight["total"] = weight["html"] + weight["css"] + weight["images"] + weight["scripts"]
    weight["requests"] = 1 + len(assets.css) + len(assets.scripts) + len(assets.images)
    return weight
