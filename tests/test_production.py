"""Production behaviour: configuration, headers, uploads, health, logs and staff sign-in."""

import json
import logging
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import TemplateSyntaxError
from django.test import Client
from django.urls import reverse
from pythonjsonlogger.json import JsonFormatter

from bhp.apps import load_views_and_templates
from bhp.settings import PASSWORD_HASHERS as PRODUCTION_HASHERS
from core.apps import project_apps

from .factories import ArticleFactory, OrganisationFactory, ThemeFactory
from .hung import HungServer

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a-long-test-password"  # noqa: S105 (the conftest staff password)


def _manage(*args, **env):
    """Run manage.py as production would: no .env defaults, only the variables given."""
    # The test settings put their own values in os.environ; production has none of them.
    ours = {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT",
            "DJANGO_ALLOW_ASYNC_UNSAFE"}  # fmt: skip
    environ = {k: v for k, v in os.environ.items() if k not in ours}
    environ.update({"DJANGO_SETTINGS_MODULE": "bhp.settings", "DEBUG": "false", **env})
    return subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "www.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    # Production shares one cache between workers; the deploy check insists (bhp.W001).
    "CACHE_URL": "redis://127.0.0.1:6379/9",
}


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_of_a_page_cache_each_worker_keeps_alone():
    result = _manage("check", "--deploy", **{**PRODUCTION, "CACHE_URL": "locmemcache://"})
    assert "bhp.W001" in result.stdout + result.stderr


ASK_THE_CACHE = """
import time
from django.core.cache import cache
started = time.monotonic()
try:
    cache.get("anything")
except Exception as error:
    print(type(error).__name__, round(time.monotonic() - started, 1))
"""


@pytest.mark.parametrize("scheme", ["redis", "rediscache"])
def test_a_cache_url_naming_redis_gives_up_on_a_hung_redis_within_a_second(scheme):
    """The cache that gives up quickly (core/cache.py) is the one production gets from
    CACHE_URL, not only the one tests name; django-redis's own waits 5 s for each call."""
    with HungServer() as hung:
        cache_url = f"{scheme}://127.0.0.1:{hung.port}/9"
        result = _manage("shell", "-c", ASK_THE_CACHE, **{**PRODUCTION, "CACHE_URL": cache_url})
    error, seconds = result.stdout.splitlines()[-1].split()
    assert error in {"ConnectionInterrupted", "TimeoutError"}, result.stdout + result.stderr
    assert float(seconds) <= 1


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_required_settings(missing):
    given = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = _manage("check", **given)
    assert result.returncode != 0
    assert missing in result.stderr


# --- Headers -------------------------------------------------------------------------


@pytest.fixture
def pages():
    member = OrganisationFactory()
    theme = ThemeFactory()
    article = ArticleFactory(organisations=[member], themes=[theme], tags=["Trials"])
    fixed = ["/", "/news/", "/news/tags/trials/", "/members/", "/strategy/"]
    return [*fixed, article.get_absolute_url(), member.get_absolute_url(), theme.get_absolute_url()]


EXPECTED_HEADERS = {
    "X-Content-Type-Options": lambda v: v == "nosniff",
    "Referrer-Policy": lambda v: v == "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": lambda v: v == "same-origin",
    "X-Frame-Options": lambda v: v == "DENY",
    "Permissions-Policy": lambda v: all(
        f"{feature}=()" in v for feature in ("camera", "microphone", "geolocation")
    ),
    "Content-Security-Policy": lambda v: (
        "default-src 'self'" in v
        and "script-src 'self'" in v
        and "frame-ancestors 'none'" in v
        and "unsafe-inline" not in v
        and "unsafe-eval" not in v
    ),
}


@pytest.mark.parametrize("header", EXPECTED_HEADERS)
def test_every_public_page_sends_the_security_header(client, pages, header):
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert EXPECTED_HEADERS[header](response.get(header, "")), (url, response.get(header))


def test_hsts_is_sent_over_https(client, pages):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_public_pages_set_no_cookies(client, pages):
    for url in pages:
        response = client.get(url)
        assert not response.cookies, (url, response.cookies)


def test_error_pages_send_the_headers_too(client):
    response = client.get("/news/no-such-article/")
    assert response.status_code == 404
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]


STATIC_FILES = ["/static/css/site.css", "/static/js/search-as-you-type.js"]


@pytest.mark.parametrize("header", EXPECTED_HEADERS)
def test_static_files_send_the_security_header(client, header):
    """WhiteNoise answers before most middleware runs: its files need the headers too."""
    for url in STATIC_FILES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert EXPECTED_HEADERS[header](response.get(header, "")), (url, response.get(header))


@pytest.mark.parametrize("host", ["evil.example", "testserver.evil.example", "bad host", "x" * 300])
def test_a_host_the_site_does_not_serve_is_refused_with_one_warning_line(client, caplog, host):
    with caplog.at_level(logging.INFO):
        response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 400
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [(r.name, r.levelname) for r in problems] == [
        ("django.security.DisallowedHost", "WARNING")
    ]
    assert "Invalid HTTP_HOST header" in problems[0].getMessage()
    assert "Traceback" not in caplog.text


# --- Uploaded files ------------------------------------------------------------------


def _upload(name, content):
    return default_storage.save(name, SimpleUploadedFile(name, content))


def test_uploaded_images_are_shown_but_sandboxed(client):
    article = ArticleFactory(with_image=True)
    response = client.get(article.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("page.html", b"<script>alert(1)</script>"),
        ("report.pdf", b"%PDF-1.4\n"),
        ("no-extension", b"<script>alert(1)</script>"),
    ],
)
def test_other_uploads_download_and_cannot_run_script(client, name, content):
    stored = _upload(f"other/{name}", content)
    response = client.get(f"/media/{stored}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'; sandbox")


def test_media_outside_the_upload_folder_is_not_served(client):
    for url in ("/media/../bhp/settings.py", "/media/%2e%2e/manage.py", "/media/"):
        assert client.get(url).status_code in (400, 404), url


# --- Health --------------------------------------------------------------------------


def test_the_image_holds_every_app_the_site_runs():
    """No Docker engine runs here, so the Dockerfile is read instead: an app left out of the
    image stops the site starting."""
    dockerfile = (ROOT / "Dockerfile").read_text().splitlines()
    copied = {line.split()[1] for line in dockerfile if line.startswith("COPY ")}
    apps = {Path(app.path).relative_to(ROOT).parts[0] for app in project_apps()}
    assert apps | {"templates", "static", "manage.py"} <= copied


def test_every_template_compiles_before_the_workers_start(settings, tmp_path):
    """gunicorn's master loads them all once, for every worker to inherit (gunicorn.conf.py);
    a template that does not compile stops the server starting, not a visitor's page."""
    load_views_and_templates()  # the project's own all compile

    (tmp_path / "broken.html").write_text("{% if %}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    with pytest.raises(TemplateSyntaxError):
        load_views_and_templates()


def test_health_says_ok_without_details(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_health_reports_an_unreachable_cache_without_saying_why(settings, caplog):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
        },
    }
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"
    assert "Cache" in caplog.text  # the reason is in the log, for operators


# --- gunicorn, as gunicorn.conf.py runs it ---------------------------------------------


@pytest.fixture(scope="module")
def gunicorn():
    """The site under real gunicorn with gunicorn.conf.py and production settings, on a free
    port, with one worker: anything that ties a worker up shows at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"127.0.0.1:{port}"
    environ = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environ.update(
        PRODUCTION,
        CACHE_URL="locmemcache://",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        GUNICORN_BIND=address,
        WEB_CONCURRENCY="1",
        DEBUG="false",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "bhp.wsgi"],
        cwd=ROOT,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://{address}/health/", timeout=2)
                break
            except OSError:
                assert server.poll() is None, "gunicorn stopped while starting"
                assert time.monotonic() < deadline, "gunicorn did not start within a minute"
                time.sleep(0.2)
        yield address
    finally:
        server.terminate()
        server.wait(timeout=40)


def _drip_headers(address, stop):
    """A slow client: sends a request line, then one header line every half second, forever."""
    host, port = address.split(":")
    with socket.create_connection((host, int(port)), timeout=5) as slow:
        slow.sendall(b"GET /health/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        while not stop.wait(0.5):
            slow.sendall(b"X-Slow: yes\r\n")


def test_slow_clients_do_not_hold_up_other_visitors(gunicorn):
    stop = threading.Event()
    slow_clients = [
        threading.Thread(target=_drip_headers, args=(gunicorn, stop), daemon=True) for _ in range(2)
    ]
    for client in slow_clients:
        client.start()
    try:
        time.sleep(1)  # both are in, each partway through its headers
        started = time.monotonic()
        with urllib.request.urlopen(f"http://{gunicorn}/health/", timeout=10) as response:
            assert response.status == 200
        assert time.monotonic() - started < 2
    finally:
        stop.set()
        for client in slow_clients:
            client.join(timeout=5)


def test_responses_do_not_name_the_server_software(gunicorn):
    with urllib.request.urlopen(f"http://{gunicorn}/health/", timeout=10) as response:
        assert "gunicorn" not in response.headers.get("Server", "").lower()
        assert "gunicorn" not in str(response.headers).lower()


def _compose_services():
    """docker-compose.yml's services, each as its block of lines (no YAML parser is
    installed, and the file keeps to two-space indents)."""
    services, name = {}, None
    lines = (ROOT / "docker-compose.yml").read_text().split("services:\n", 1)[1]
    for line in lines.splitlines():
        if line and not line.startswith(" ") and not line.startswith("#"):
            break  # the next top-level key
        if line.startswith("  ") and not line.startswith("   ") and line.rstrip().endswith(":"):
            name = line.strip().rstrip(":")
            services[name] = []
        elif name and line.strip():
            services[name].append(line.strip())
    return services


def test_docker_compose_puts_a_buffering_proxy_in_front_of_gunicorn_by_default():
    """No Docker engine runs here, so the compose file and the proxy's configuration are
    read instead: `docker compose up` must start the proxy (no profile needed), publish
    only its port, and the proxy must read requests whole before passing them on."""
    services = _compose_services()
    proxy, web = services["proxy"], services["web"]
    assert not any(line.startswith("profiles:") for line in proxy)
    assert "ports:" in proxy
    assert "ports:" not in web  # visitors cannot reach gunicorn past the proxy
    assert any(line.startswith("- ./deploy/nginx.conf:") for line in proxy)
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "server web:8000;" in nginx
    assert "proxy_request_buffering off" not in nginx
    for timeout in ("client_header_timeout", "client_body_timeout"):
        assert timeout in nginx
    assert "server_tokens off;" in nginx


def test_docker_compose_runs_the_daily_housekeeping():
    """Enquiries are deleted when the privacy notice says, and finished task records do not
    pile up, without a cron job set up by hand."""
    (command,) = [line for line in _compose_services()["housekeeping"] if "command:" in line]
    for daily in ("purge_enquiries", "prune_db_task_results", "sleep 86400"):
        assert daily in command


# --- Logs ----------------------------------------------------------------------------


def test_each_request_logs_one_line_with_status_and_duration(client, caplog):
    with caplog.at_level(logging.INFO, logger="bhp.request"):
        client.get("/news/no-such-article/")
    (record,) = [r for r in caplog.records if r.name == "bhp.request"]
    assert record.status == 404
    assert record.duration_ms >= 0
    assert record.getMessage().startswith("GET /news/no-such-article/ 404 ")


def test_json_log_lines_carry_the_request_fields(client, caplog):
    with caplog.at_level(logging.INFO, logger="bhp.request"):
        client.get("/members/?q=private")
    (record,) = [r for r in caplog.records if r.name == "bhp.request"]
    json_format = django_settings.LOGGING["formatters"]["json"]["format"]
    line = json.loads(JsonFormatter(json_format).format(record))
    assert line["status"] == 200
    assert line["path"] == "/members/"
    assert line["method"] == "GET"
    assert isinstance(line["duration_ms"], float)
    assert "private" not in json.dumps(line)  # query strings may hold what people searched


# --- Staff sign-in -------------------------------------------------------------------


def test_production_hashes_passwords_with_argon2(settings, django_user_model):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    user = django_user_model.objects.create_user("editor", password=PASSWORD)
    assert user.password.startswith("argon2")
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize(
    "password", ["short1", "password1234", "123456789012345", "comms-officer-1"]
)
def test_weak_passwords_are_refused(django_user_model, password):
    user = django_user_model(username="comms-officer", first_name="Comms")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_passphrase_is_accepted(django_user_model):
    validate_password("violet harbour trial morning", django_user_model(username="comms"))


def _sign_in(client, username, password, **headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        headers=headers,
    )


def _fail(client, times, username="comms", **kwargs):
    for _ in range(times):
        _sign_in(client, username, "wrong-password", **kwargs)


def test_a_few_failures_do_not_lock_anyone_out(comms_user):
    client = Client(REMOTE_ADDR="198.51.100.1")
    _fail(client, 4)
    assert _sign_in(client, "comms", PASSWORD).status_code == 302


def test_repeated_failures_lock_the_account_even_with_the_right_password(comms_user):
    _fail(Client(REMOTE_ADDR="198.51.100.1"), 5)
    locked = _sign_in(Client(REMOTE_ADDR="198.51.100.2"), "comms", PASSWORD)
    assert locked.status_code == 429


def test_repeated_failures_lock_the_address_for_every_account(comms_user):
    attacker = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(5):
        _fail(attacker, 1, username=f"guess-{n}")
    assert _sign_in(attacker, "comms", PASSWORD).status_code == 429
    # Someone else, elsewhere, still signs in.
    assert _sign_in(Client(REMOTE_ADDR="198.51.100.8"), "comms", PASSWORD).status_code == 302


def test_a_spoofed_forwarded_for_does_not_reset_the_address_lock(comms_user):
    attacker = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(5):
        _fail(attacker, 1, username=f"guess-{n}", x_forwarded_for=f"10.0.0.{n}")
    blocked = _sign_in(attacker, "comms", PASSWORD, x_forwarded_for="10.9.9.9")
    assert blocked.status_code == 429


def test_behind_a_proxy_the_address_the_proxy_saw_is_locked(settings, comms_user):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="172.18.0.5")  # every request arrives from the proxy
    for n in range(5):
        # The client wrote the first address; the proxy appended the one it saw.
        _fail(proxy, 1, username=f"guess-{n}", x_forwarded_for=f"10.0.0.{n}, 203.0.113.9")
    blocked = _sign_in(proxy, "comms", PASSWORD, x_forwarded_for="10.1.1.1, 203.0.113.9")
    assert blocked.status_code == 429
    other = _sign_in(proxy, "comms", PASSWORD, x_forwarded_for="203.0.113.10")
    assert other.status_code == 302
    # Visitors who sent no header of their own have only the proxy's entry: each is told
    # apart by it, so one locked out leaves the other be.
    for n in range(5):
        _fail(proxy, 1, username=f"again-{n}", x_forwarded_for="203.0.113.11")
    assert _sign_in(proxy, "comms", PASSWORD, x_forwarded_for="203.0.113.11").status_code == 429
    assert _sign_in(proxy, "comms", PASSWORD, x_forwarded_for="203.0.113.12").status_code == 302


def test_session_cookie_is_secure_httponly_and_samesite(comms_user):
    client = Client()
    response = client.post(
        reverse("admin:login"),
        {"username": "comms", "password": PASSWORD, "next": "/admin/"},
        secure=True,
    )
    assert response.status_code == 302
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


OBJECT_STORAGE = {
    "AWS_STORAGE_BUCKET_NAME": "bhp-uploads",
    "AWS_DOCUMENTS_BUCKET_NAME": "bhp-documents",
    "AWS_S3_REGION_NAME": "eu-west-2",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE00",
    "AWS_SECRET_ACCESS_KEY": "example-secret-key-for-signing-only",
}


def test_on_object_storage_documents_are_private_and_images_public():
    shown = (
        "from documents.models import Document; from news.models import Article; "
        "document = Document._meta.get_field('file').storage; "
        "image = Article._meta.get_field('image').storage; "
        "print(document.bucket_name, document.default_acl, document.url('documents/a.pdf')); "
        "print(image.bucket_name, image.url('news/a.jpg'))"
    )
    result = _manage("shell", "-c", shown, **PRODUCTION, **OBJECT_STORAGE)
    assert result.returncode == 0, result.stderr
    document, image = (line.split() for line in result.stdout.splitlines()[-2:])
    assert document[:2] == ["bhp-documents", "private"]
    assert "X-Amz-Signature=" in document[2]
    assert "X-Amz-Expires=300" in document[2]
    assert image[0] == "bhp-uploads"
    assert image[1] == "https://bhp-uploads.s3.amazonaws.com/news/a.jpg"


@pytest.mark.parametrize(
    ("address", "origin"),
    [
        ({}, "https://bhp-uploads.s3.amazonaws.com"),
        ({"AWS_S3_CUSTOM_DOMAIN": "media.example.org"}, "https://media.example.org"),
    ],
)
def test_on_object_storage_pages_may_show_pictures_from_the_bucket(address, origin):
    shown = (
        "from django.conf import settings; from news.models import Article; "
        "print(Article._meta.get_field('image').storage.url('news/a.jpg')); "
        "print(' '.join(settings.SECURE_CSP['img-src']))"
    )
    result = _manage("shell", "-c", shown, **PRODUCTION, **OBJECT_STORAGE, **address)
    assert result.returncode == 0, result.stderr
    url, sources = result.stdout.splitlines()[-2:]
    assert url.startswith(f"{origin}/")
    assert origin in sources.split()
