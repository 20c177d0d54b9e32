"""Load without loss: visitors and staff at once for a minute; nothing may fail or go astray."""

import json
import tempfile
import urllib.request
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from bench.harness import gunicorn, locust
from members.models import Organisation
from news.models import Article

STAFF_PASSWORD = "load-test-only-passphrase"  # noqa: S105 (a benchmark database's accounts)


class Command(BaseCommand):
    help = "Run visitors and staff against gunicorn at once; check no error and no lost save."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8500)
        parser.add_argument("--seconds", type=int, default=60)
        parser.add_argument("--visitors", type=int, default=40)
        parser.add_argument("--staff", type=int, default=4)

    def handle(self, *args, port, seconds, visitors, staff, **options):
        live = Article.objects.live().order_by("-publish_at")
        articles = list(live.values_list("pk", "slug")[:400])
        plan = {
            "articles": [f"/news/{slug}/" for _, slug in articles],
            "listings": ["/news/", "/news/?page=2", "/news/?page=300", "/members/"]
            + [o.get_absolute_url() for o in Organisation.objects.current_members()[:10]],
            "accounts": [
                # Each account edits its own articles, so every save has one author.
                {"username": name, "password": STAFF_PASSWORD, "articles": own[:25]}
                for name, own in zip(
                    self.staff_accounts(staff),
                    ([pk for pk, _ in articles[n::staff]] for n in range(staff)),
                    strict=True,
                )
            ],
        }
        with tempfile.TemporaryDirectory() as folder:
            plan_file, saves_file = Path(folder) / "plan.json", Path(folder) / "saves.json"
            plan_file.write_text(json.dumps(plan))
            with gunicorn(port, PAGE_CACHE_SECONDS="600") as host:
                rows, failures = locust(
                    host, "bench/load_locustfile.py", users=visitors + staff, seconds=seconds,
                    LOAD_PLAN=str(plan_file), LOAD_SAVES=str(saves_file),
                )  # fmt: skip
            saves = {int(pk): save for pk, save in json.loads(saves_file.read_text()).items()}
        # Checked through a new gunicorn: stopping the first lets it finish the saves still
        # on their way when locust stopped, which could otherwise land mid-check.
        with gunicorn(port, PAGE_CACHE_SECONDS="600") as host:
            stale = self.stale_pages(host, saves)
        lost = self.lost_saves(saves)
        self.report(rows, failures, saves, lost, stale, visitors, staff, seconds)
        if failures or lost or stale:
            raise CommandError("Load test failed: see above.")

    @staticmethod
    def staff_accounts(count):
        communications = Group.objects.get(name="Communications")
        names = [f"loadtest-comms-{n}" for n in range(count)]
        for name in names:
            user, _ = get_user_model().objects.get_or_create(
                username=name, defaults={"is_staff": True}
            )
            user.set_password(STAFF_PASSWORD)
            user.save()
            user.groups.add(communications)
        return names

    @staticmethod
    def lost_saves(saves):
        """Articles whose last acknowledged save the database does not hold exactly.

        A later save that was still on its way when the run stopped may have replaced it:
        the database may hold that one instead, but no other.
        """
        rows = Article.objects.in_bulk(saves)
        lost = []
        for pk, attempts in saves.items():
            acknowledged = [n for n, save in enumerate(attempts) if save["acknowledged"]]
            if not acknowledged:
                continue  # the site promised nothing for this article
            allowed = attempts[acknowledged[-1] :]
            if not any(
                rows[pk].title == save["title"] and save["marker"] in rows[pk].body
                for save in allowed
            ):
                lost.append(pk)
        return lost

    @staticmethod
    def stale_pages(host, saves):
        """Articles whose public page (through the page cache) does not show the saved title."""
        stale = []
        for article in Article.objects.filter(pk__in=saves):
            with urllib.request.urlopen(host + article.get_absolute_url()) as page:  # noqa: S310
                if article.title.encode() not in page.read():
                    stale.append(article.pk)
        return stale

    def report(self, rows, failures, saves, lost, stale, visitors, staff, seconds):
        total = rows["Aggregated"]
        saved = rows.get("/admin/news/article/<id>/change/ (save)", {})
        unanswered = sum(not save["acknowledged"] for tried in saves.values() for save in tried)
        server_errors = sum(
            int(f["Occurrences"]) for f in failures if "50" in f["Error"] or "500" in f["Error"]
        )
        self.stdout.write("")
        self.stdout.write(f"Load without loss: {visitors} visitors and {staff} staff for "
                          f"{seconds} s against gunicorn (page cache on).")  # fmt: skip
        self.stdout.write(
            f"  {int(total['Request Count']):,} requests, {float(total['Requests/s']):.0f}/s; "
            f"median {total['50%']} ms, 95th percentile {total['95%']} ms"
        )
        self.stdout.write(f"  staff save requests: {saved.get('Request Count', 0)}, "
                          f"articles edited: {len(saves)}, saves unanswered when the run "
                          f"stopped: {unanswered}")  # fmt: skip
        self.stdout.write(f"  failed requests: {sum(int(f['Occurrences']) for f in failures)} "
                          f"(server errors: {server_errors})")  # fmt: skip
        self.stdout.write(f"  saves not intact in the database: {len(lost)}")
        stale_list = f" (articles {', '.join(map(str, stale))})" if stale else ""
        self.stdout.write(f"  public pages not showing the last save: {len(stale)}{stale_list}")
        for failure in failures:
            self.stdout.write(
                f"    {failure['Occurrences']} × {failure['Name']}: {failure['Error']}"
            )
