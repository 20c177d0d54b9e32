"""Several app servers, as the site scales out: two gunicorns on their own ports sharing one
PostgreSQL database, one Redis and one S3-compatible object store (moto's server, speaking
the real protocol over HTTP), with the production nginx and its HTTP cache in front of both.

Everything is a real process on a real socket: staff sign in and upload through the admin
of one server, visitors read pages from the other, and nothing is mocked.
"""

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import boto3
import pytest
import redis
import requests
from django.conf import settings
from django.db import connection
from PIL import Image

from bench.nginx import available, free_port, nginx
from documents.models import Document
from news.models import Article

from . import files, pages
from .conftest import STAFF_PASSWORD
from .test_production import EXPECTED_HEADERS

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.servers,
    # The servers read what the test commits. Serialized rollback leaves the database as
    # the migrations made it, for the browser tests after it: a plain flush would make the
    # content types again under new ids, which their restore then collides with.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BIN = Path(sys.executable).parent
REDIS_URL = "redis://127.0.0.1:6379/10"  # this test's own Redis database
MEDIA_BUCKET, DOCUMENTS_BUCKET = "bhp-media", "bhp-documents"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "scale-out-test", "AWS_SECRET_ACCESS_KEY": "not-a-secret"}
TIMEOUT = 30


def wait_for(address, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{process.args[0]} stopped at start (exit {process.returncode}):\n"
                + Path(process.log).read_text()[-3000:]
            )
        try:
            requests.get(address, timeout=2)
            return
        except requests.RequestException:  # not listening yet, or too busy starting
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered at {address}:\n" + Path(process.log).read_text()[-3000:])


def stop(process):
    """gunicorn's quick shutdown (no draining), once; moto's server stops the same way."""
    if not getattr(process, "stopping", False):
        process.stopping = True
        process.send_signal(signal.SIGINT)


@contextmanager
def running(command, log, **env):
    """A server process until the block ends, stopped whatever happens in it."""
    with open(log, "w") as output:
        process = subprocess.Popen(  # noqa: S603 (our own commands)
            command,
            cwd=settings.BASE_DIR,
            env={**os.environ, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    process.log = log
    try:
        yield process
    finally:
        stop(process)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def object_store(tmp_path_factory):
    """moto's S3 server with the site's two buckets: uploads readable by anyone (as the
    operator's bucket policy makes them), documents private."""
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("s3") / "moto.log"
    command = [BIN / "moto_server", "-H", "127.0.0.1", "-p", str(port)]
    with running(command, log) as process:
        wait_for(endpoint, process)
        s3 = boto3.client(
            "s3", endpoint_url=endpoint, region_name="us-east-1", **_lower(CREDENTIALS)
        )
        s3.create_bucket(Bucket=MEDIA_BUCKET)
        s3.create_bucket(Bucket=DOCUMENTS_BUCKET)
        anyone_reads = {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{MEDIA_BUCKET}/*",
        }
        s3.put_bucket_policy(
            Bucket=MEDIA_BUCKET,
            Policy=json.dumps({"Version": "2012-10-17", "Statement": [anyone_reads]}),
        )
        yield endpoint


def _lower(credentials):
    return {name.lower(): value for name, value in credentials.items()}


@pytest.fixture
def site(transactional_db, object_store, tmp_path, django_user_model):
    """Servers A and B, and nginx in front of both; a superuser to sign in with."""
    if not available():
        pytest.fail("Needs Debian's nginx: make nginx (apt-get install nginx-light)")
    django_user_model.objects.create_superuser("editor", "editor@example.org", STAFF_PASSWORD)
    redis.Redis.from_url(REDIS_URL).flushdb()
    database = connection.settings_dict
    env = {
        # Production settings with static files from the checkout (bhp.settings_test), the
        # services from the environment, as in production.
        "DJANGO_SETTINGS_MODULE": "bhp.settings_test",
        "DATABASE_URL": "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**database),
        "CACHE_URL": REDIS_URL,
        "AWS_STORAGE_BUCKET_NAME": MEDIA_BUCKET,
        "AWS_DOCUMENTS_BUCKET_NAME": DOCUMENTS_BUCKET,
        "AWS_S3_ENDPOINT_URL": object_store,
        "AWS_S3_REGION_NAME": "us-east-1",
        **CREDENTIALS,
        "ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": "1",
        "LOG_LEVEL": "WARNING",
        "MEDIA_ROOT": str(tmp_path / "no-uploads-here"),
    }
    ports = {name: free_port() for name in ("a", "b", "proxy", "static")}
    command = [BIN / "gunicorn", "-c", "gunicorn.conf.py", "bhp.wsgi"]
    with ExitStack() as stack:
        servers = {name: f"http://127.0.0.1:{ports[name]}/" for name in ("a", "b")}
        processes = {
            name: stack.enter_context(
                running(
                    command,
                    tmp_path / f"gunicorn-{name}.log",
                    GUNICORN_BIND=urlsplit(address).netloc,
                    **env,
                )
            )
            for name, address in servers.items()
        }
        # Both start at once, and stop at once (each takes seconds on a busy machine).
        stack.callback(lambda: [stop(process) for process in processes.values()])
        for name, process in processes.items():
            wait_for(f"{servers[name]}health/", process)
        proxy = stack.enter_context(
            nginx(
                tmp_path / "nginx",
                port=ports["proxy"],
                static_port=ports["static"],
                upstreams=[f"127.0.0.1:{ports['a']}", f"127.0.0.1:{ports['b']}"],
            )
        )
        yield {
            **servers,
            "proxy": proxy + "/",
            "s3": object_store,
        }


class Browser:
    """A person's browser: keeps its cookies, follows redirects, submits the forms pages
    render. (The site marks its cookies Secure, for TLS; these servers speak plain http on
    loopback, as they do behind a proxy that ends TLS, so cookies are sent back here by
    hand: a requests session would keep them for https only.)"""

    def __init__(self, base):
        self.base = base
        self.cookies = {}

    def request(self, method, path, **kwargs):
        response = requests.request(
            method,
            urljoin(self.base, path),
            cookies=self.cookies,
            allow_redirects=False,
            timeout=TIMEOUT,
            **kwargs,
        )
        self.cookies.update(response.cookies)
        if response.is_redirect:
            return self.get(urljoin(response.url, response.headers["Location"]))
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def form(self, path, field):
        page = self.get(path)
        assert page.status_code == 200, page.status_code
        (found,) = [f for f in pages.forms_in(page.text, page.url) if field in f.names]
        return found

    def submit(self, form, files=None, **values):
        return self.request("POST", form.action, data=form.data(**values), files=files)

    def sign_in(self):
        form = self.form("/admin/login/", "username")
        page = self.submit(form, username="editor", password=STAFF_PASSWORD)
        assert "Manage the website" in page.text
        return self


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def add_article(staff, *, title, slug, **values):
    form = staff.form("/admin/news/article/add/", "title")
    saved = staff.submit(
        form,
        title=title,
        slug=slug,
        summary="A new trust has joined the partnership.",
        body="<p>Welcome.</p>",
        status="published",
        publish_at_0="01/06/2025",
        publish_at_1="09:00",
        **values,
    )
    assert "was added successfully" in saved.text, pages.errors(saved)
    return Article.objects.get(slug=slug)


def edit_title(staff, article, title):
    form = staff.form(f"/admin/news/article/{article.pk}/change/", "title")
    saved = staff.submit(form, title=title)
    assert "was changed successfully" in saved.text, pages.errors(saved)


def test_an_image_uploaded_through_one_server_shows_on_the_others_pages(site):
    staff = Browser(site["a"]).sign_in()
    article = add_article(
        staff,
        title="New trust joins",
        slug="new-trust-joins",
        image_alt="A teal square",
        files={"image": ("ward.png", png(), "image/png")},
    )
    page = Browser(site["b"]).get(article.get_absolute_url())
    assert page.status_code == 200
    sources = re.findall(r'src(?:set)?="([^" ]+)', page.text[page.text.index("<picture>") :])
    assert sources[0].startswith(f"{site['s3']}/{MEDIA_BUCKET}/"), sources
    image = requests.get(sources[0], timeout=TIMEOUT)
    assert image.status_code == 200
    assert image.headers["Content-Type"].startswith("image/")
    assert Image.open(io.BytesIO(image.content)).width <= 800
    # The page lets a browser load pictures from the bucket.
    image_sources = re.search(r"img-src ([^;]+)", page.headers["Content-Security-Policy"])[1]
    assert site["s3"] in image_sources.split()


def test_a_save_on_one_server_is_fresh_on_the_other_at_once(site):
    staff = Browser(site["a"]).sign_in()
    article = add_article(staff, title="Trial recruits its first patient", slug="first-patient")
    visitor = Browser(site["b"])
    for _ in range(2):
        listing = visitor.get("/news/")
    assert listing.headers["X-Page-Cache"] == "hit"  # B keeps the page in the shared cache
    assert "Trial recruits its first patient" in listing.text

    edit_title(staff, article, "Trial recruits its hundredth patient")
    listing = visitor.get("/news/")
    assert "Trial recruits its hundredth patient" in listing.text
    assert "its first patient" not in listing.text


def test_a_document_downloads_from_either_server_and_never_straight_from_the_bucket(site):
    staff = Browser(site["a"]).sign_in()
    report = files.pdf()
    form = staff.form("/admin/documents/document/add/", "file")
    saved = staff.submit(
        form, title="Annual report 2025", files={"file": ("report.pdf", report, "application/pdf")}
    )
    assert "was added successfully" in saved.text, pages.errors(saved)
    document = Document.objects.get()
    add_article(staff, title="Our annual report", slug="annual-report", documents=[document.pk])

    for server in ("a", "b"):
        download = Browser(site[server]).get(f"/documents/{document.pk}/")
        assert download.status_code == 200, server
        assert download.content == report
        assert download.headers["Content-Disposition"].startswith("attachment;")
    # The object itself is private: the bucket refuses it to anyone without the site's keys.
    in_bucket = f"{site['s3']}/{DOCUMENTS_BUCKET}/{document.file.name}"
    assert requests.get(in_bucket, timeout=TIMEOUT).status_code == 403


def test_the_http_cache_answers_visitors_and_is_fresh_within_two_seconds_of_a_save(site):
    """Also: what Django does not keep, nginx does not keep either."""
    staff = Browser(site["a"]).sign_in()
    article = add_article(staff, title="Trial recruits its first patient", slug="first-patient")
    visitor = Browser(site["proxy"])
    assert visitor.get("/news/").headers["X-Proxy-Cache"] == "MISS"
    kept = visitor.get("/news/")
    assert kept.headers["X-Proxy-Cache"] == "HIT"
    assert "Trial recruits its first patient" in kept.text
    # Answered by nginx alone, with every security header Django gave the page.
    for header, valid in EXPECTED_HEADERS.items():
        assert valid(kept.headers[header]), header
    assert kept.headers["Cache-Control"] == "no-cache"  # browsers still ask each time
    # Kept compressed for browsers that take gzip, and plain for any that do not.
    assert kept.headers["Content-Encoding"] == "gzip"
    plain = [visitor.get("/news/", headers={"Accept-Encoding": "identity"}) for _ in range(2)]
    assert plain[1].headers["X-Proxy-Cache"] == "HIT"
    assert "Content-Encoding" not in plain[1].headers
    assert plain[1].text == kept.text
    again = visitor.get("/news/", headers={"If-None-Match": kept.headers["ETag"]})
    assert (again.status_code, again.headers["X-Proxy-Cache"]) == (304, "HIT")

    # Staff (a session cookie) and anyone sending credentials pass the cache by.
    staff_through_proxy = Browser(site["proxy"]).sign_in()
    assert staff_through_proxy.get("/news/").headers["X-Proxy-Cache"] == "BYPASS"
    signed = visitor.get("/news/", headers={"Authorization": "Basic c29tZW9uZTpzZWNyZXQ="})
    assert signed.headers["X-Proxy-Cache"] == "BYPASS"

    edit_title(staff, article, "Trial recruits its hundredth patient")
    saved_at = time.monotonic()
    assert "its hundredth patient" in staff_through_proxy.get("/news/").text  # at once
    while "its hundredth patient" not in (listing := visitor.get("/news/")).text:
        # Two seconds at most (nginx counts whole seconds), plus a request on a busy machine.
        assert time.monotonic() - saved_at < 4, "the cache kept the old page too long"
        time.sleep(0.05)
    assert listing.headers["X-Proxy-Cache"] in {"MISS", "EXPIRED"}
    # Once due again with nothing changed, nginx asks Django with the ETag: 304, no page.
    time.sleep(2.1)
    assert visitor.get("/news/").headers["X-Proxy-Cache"] == "REVALIDATED"

    for _ in range(2):
        login = Browser(site["proxy"]).get("/admin/login/")
        missing = Browser(site["proxy"]).get("/news/no-such-article/")
    assert "X-Proxy-Cache" not in login.headers
    assert (missing.status_code, missing.headers["X-Proxy-Cache"]) == (404, "MISS")
