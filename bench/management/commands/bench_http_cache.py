"""Measure the HTTP cache in front (deploy/nginx.conf) against a file nginx serves from disk."""

import os
import shutil
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError

from bench.harness import gunicorn, wrk
from bench.nginx import available, nginx
from news.models import Article


class Command(BaseCommand):
    help = "Throughput of pages from nginx's cache, as a share of a static file's (wrk)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8510, help="gunicorn; nginx takes +1, +2")
        parser.add_argument("--seconds", type=int, default=10, help="each wrk run")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--rounds", type=int, default=3)

    def handle(self, *args, port, seconds, connections, rounds, **options):
        if not available() or not shutil.which("wrk"):
            raise CommandError("Needs Debian's nginx and wrk: make bench-http-cache installs them.")
        article = Article.objects.live().order_by("-publish_at").first()
        pages = [("home", "/"), ("news index", "/news/")]
        if article:
            pages.append(("article", article.get_absolute_url()))
        load = {"seconds": seconds, "connections": connections}
        self.stdout.write(f"Load average before: {os.getloadavg()[0]:.2f}")
        rows = []
        with (
            tempfile.TemporaryDirectory() as folder,
            gunicorn(port) as app,
            nginx(
                folder, port=port + 1, static_port=port + 2, upstreams=[urlsplit(app).netloc]
            ) as proxy,
        ):
            for label, path in pages:
                body = self.warm(proxy + path)
                # The same bytes as a plain file, so only where they come from differs.
                (Path(folder) / "static" / "page.html").write_bytes(body)
                static = f"http://127.0.0.1:{port + 2}/page.html"
                for _ in range(rounds):
                    rows.append((
                        label,
                        len(body),
                        wrk(static, **load),
                        wrk(proxy + path, **load),
                        wrk(proxy + path, **load, headers=["Accept-Encoding: gzip"]),
                        wrk(app + path, **load),
                    ))  # fmt: skip
                # Kept, or due and revalidated (Django said 304): either way, from nginx.
                if self.warm(proxy + path, status=True) not in {"HIT", "REVALIDATED"}:
                    raise CommandError(f"{path} was not answered from nginx's cache")
        self.stdout.write(f"Load average after: {os.getloadavg()[0]:.2f}")
        self.report(rows)

    @staticmethod
    def warm(address, status=False):
        """Fetch the page until nginx keeps it; its body, or how nginx answered."""
        for _ in range(3):
            with urllib.request.urlopen(address, timeout=30) as response:  # noqa: S310 (loopback)
                body, cached = response.read(), response.headers["X-Proxy-Cache"]
            if status:
                return cached
            if cached == "HIT":
                return body
        raise CommandError(f"nginx does not keep {address}")

    def report(self, rows):
        self.stdout.write(
            "\nRequests per second with wrk (2 threads), each page beside a static file of the "
            "same bytes from the same nginx; gzip = the cached page asked for with "
            "Accept-Encoding: gzip, as browsers do; Django = gunicorn's own page cache, no "
            "nginx.\n"
        )
        header = (
            f"{'page':<12} {'bytes':>7} {'static/s':>9} {'cached/s':>9} {'ratio':>6} "
            f"{'gzip/s':>9} {'ratio':>6} {'Django/s':>9} {'ratio':>6}"
        )
        self.stdout.write(header)
        for label, size, static, *others in rows:
            figures = " ".join(f"{each:>9.0f} {each / static:>6.0%}" for each in others)
            self.stdout.write(f"{label:<12} {size:>7} {static:>9.0f} {figures}")
