"""Load without loss: dozens of visitors browse while staff keep saving articles in the admin.

`manage.py loadtest` writes the plan (LOAD_PLAN, a JSON file) and reads back what each
staff member saved (LOAD_SAVES) to check every save against the database.
"""

import itertools
import json
import os
import random
from html.parser import HTMLParser

from locust import FastHttpUser, HttpUser, between, events, task
from locust.clients import LocustHttpAdapter
from urllib3.util import Retry

PLAN = json.loads(open(os.environ["LOAD_PLAN"]).read())  # noqa: SIM115
# Article id -> its saves: the title and marker each wrote, and whether the site answered.
# A save still on its way when the run stops may be done by the site without an answer.
SAVES = {}
_accounts = itertools.count()


class Visitor(FastHttpUser):
    wait_time = between(0.1, 1)

    @task(3)
    def article(self):
        self.client.get(random.choice(PLAN["articles"]), name="/news/<slug>/")

    @task(2)
    def listing(self):
        self.client.get(random.choice(PLAN["listings"]), name="listings")

    @task(1)
    def home(self):
        self.client.get("/")


class Staff(HttpUser):
    """A communications officer editing her own articles, one save after another."""

    fixed_count = len(PLAN["accounts"])
    wait_time = between(0.5, 2)

    def on_start(self):
        self.account = PLAN["accounts"][next(_accounts) % self.fixed_count]
        self.saves = 0
        # A kept-alive connection that gunicorn closes (idle for its 2 s keep-alive) as a
        # request goes out fails that request. A browser sends a GET again on a new
        # connection; so does this, which left a save without its form in one run of three.
        again = Retry(total=1, connect=1, read=1, status=0, allowed_methods={"GET"})
        self.client.mount("http://", LocustHttpAdapter(pool_manager=None, max_retries=again))
        self.client.get("/admin/login/")
        self._cookies_over_http()
        answer = self.client.post(
            "/admin/login/?next=/admin/",
            {"username": self.account["username"], "password": self.account["password"],
             "csrfmiddlewaretoken": self.client.cookies["csrftoken"], "next": "/admin/"},
            allow_redirects=False,
        )  # fmt: skip
        if answer.status_code != 302:
            raise RuntimeError(f"{self.account['username']} could not sign in")
        self._cookies_over_http()

    def _cookies_over_http(self):
        # Production cookies are Secure; the benchmark speaks plain http on loopback.
        for cookie in self.client.cookies:
            cookie.secure = False

    @task
    def save_an_article(self):
        pk = random.choice(self.account["articles"])
        url = f"/admin/news/article/{pk}/change/"
        form = _Form()
        form.feed(self.client.get(url, name="/admin/news/article/<id>/change/").text)
        self._cookies_over_http()  # every page with a form sends the CSRF cookie again
        self.saves += 1
        title = f"Saved under load by {self.account['username']}, save {self.saves}"
        marker = f"Load marker {self.account['username']}-{self.saves}"
        save = {"title": title, "marker": marker, "acknowledged": False}
        SAVES.setdefault(pk, []).append(save)
        fields = [(k, v) for k, v in form.fields if k not in ("title", "body")]
        fields += [("title", title), ("body", f"<p>{marker}</p>"), ("_save", "Save")]
        with self.client.post(url, fields, name="/admin/news/article/<id>/change/ (save)",
                              allow_redirects=False, catch_response=True) as answer:  # fmt: skip
            if answer.status_code == 302:
                save["acknowledged"] = True
            else:
                answer.failure(f"save refused: {answer.status_code}")


@events.test_stop.add_listener
def _write_saves(**_kwargs):
    with open(os.environ["LOAD_SAVES"], "w") as out:
        json.dump(SAVES, out)


class _Form(HTMLParser):
    """The fields an admin change form would submit, as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.fields = []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "file", "button", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append(tuple(self._textarea))
            self._textarea = None
