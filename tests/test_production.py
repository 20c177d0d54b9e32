"""Production behaviour: configuration, headers, uploads, health, logs and staff sign-in."""

import json
import logging
import os
import secrets
import subprocess
import sys
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

from bhp.apps import load_views_and_templates, project_apps
from bhp.settings import PASSWORD_HASHERS as PRODUCTION_HASHERS

from .factories import ArticleFactory, OrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a-long-test-password"  # noqa: S105 (the conftest staff password)


def _manage(*args, **env):
    """Run manage.py as production would: no .env defaults, only the variables given."""
    # The test settings put their own values in os.environ; production has none of them.
    ours = {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT",
            "DJANGO_ALLOW_ASYNC_UNSAFE"}  # fmt: skip
    environ = {k: v for k, v in os.environ.items() if k not in ours}
    environ.update(DJANGO_SETTINGS_MODULE="bhp.settings", DEBUG="false", **env)
    return subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
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
            "BACKEND": "bhp.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
        },
    }
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"
    assert "Cache" in caplog.text  # the reason is in the log, for operators


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
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_PROXY_ORDER = "right-most"
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    proxy = Client(REMOTE_ADDR="172.18.0.5")  # every request arrives from the proxy
    for n in range(5):
        # The client wrote the first address; the proxy appended the one it saw.
        _fail(proxy, 1, username=f"guess-{n}", x_forwarded_for=f"10.0.0.{n}, 203.0.113.9")
    blocked = _sign_in(proxy, "comms", PASSWORD, x_forwarded_for="10.1.1.1, 203.0.113.9")
    assert blocked.status_code == 429
    other = _sign_in(proxy, "comms", PASSWORD, x_forwarded_for="203.0.113.10")
    assert other.status_code == 302


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
