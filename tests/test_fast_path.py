# ruff: noqa: F811
"""The fast path: a visitor with no session gets a cached page before the middlewares that
only signed-in staff need (sessions, CSRF, authentication, two-factor, lockouts) run, and
gets exactly what the slow path would have given."""

from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# The same visitor and article as the page cache's tests (fixtures: ruff sees them redefined).
from .test_page_cache import NEWS, article, visitor  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", NEWS, "/news/trial-opens/", "/search/?q=trial"])
def test_a_page_from_the_fast_path_has_exactly_the_headers_of_a_rendered_one(visitor, article, url):
    rendered = visitor.get(url)
    cached = visitor.get(url)
    assert (rendered["X-Page-Cache"], cached["X-Page-Cache"]) == ("miss", "hit")
    assert cached.content == rendered.content
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Permissions-Policy",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "Cross-Origin-Opener-Policy",
    ):
        assert cached[header] == rendered[header], header
    headers = {name: value for name, value in rendered.headers.items() if name != "X-Page-Cache"}
    assert {n: v for n, v in cached.headers.items() if n != "X-Page-Cache"} == headers


def test_a_visitor_without_a_session_is_answered_before_sessions_are_read(visitor, article):
    visitor.get(NEWS)
    # Any request that reaches the session middleware now fails.
    no_sessions = mock.patch.object(
        SessionMiddleware, "process_request", side_effect=AssertionError("session read")
    )
    with no_sessions, CaptureQueriesContext(connection) as queries:
        cached = visitor.get(NEWS)
    assert cached.status_code == 200
    assert cached["X-Page-Cache"] == "hit"
    assert b"Trial opens in Birmingham" in cached.content
    assert len(queries) == 0


def test_the_fast_path_answers_a_browser_revalidating_with_304(visitor, article):
    etag = visitor.get(NEWS)["ETag"]
    again = visitor.get(NEWS, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert "Content-Security-Policy" in again


def test_a_request_with_a_session_cookie_never_takes_the_fast_path(visitor, article):
    visitor.get(NEWS)  # stored
    visitor.cookies[settings.SESSION_COOKIE_NAME] = "a-session-that-has-ended"
    with CaptureQueriesContext(connection) as queries:
        page = visitor.get(NEWS)
    # The session was looked up (it has ended, so this is a visitor after all).
    assert any("django_session" in query["sql"] for query in queries.captured_queries)
    assert page["X-Page-Cache"] == "hit"


def test_staff_signed_in_are_never_given_the_visitors_page(visitor, comms_client, article):
    assert visitor.get(NEWS)["X-Page-Cache"] == "miss"
    page = comms_client.get(NEWS)
    assert page.status_code == 200
    assert "X-Page-Cache" not in page


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_reading_a_page_takes_the_fast_path(visitor, article, method):
    assert visitor.get(NEWS)["X-Page-Cache"] == "miss"
    answer = getattr(Client(enforce_csrf_checks=True), method)(NEWS)
    assert answer.status_code in (403, 405)
    assert "X-Page-Cache" not in answer


def test_a_save_is_seen_at_once_on_the_fast_path(visitor, article):
    assert visitor.get(NEWS)["X-Page-Cache"] == "miss"
    assert visitor.get(NEWS)["X-Page-Cache"] == "hit"
    article.title = "Trial recruits its first patient"
    article.save()
    page = visitor.get(NEWS)
    assert page["X-Page-Cache"] == "miss"
    assert b"Trial recruits its first patient" in page.content
