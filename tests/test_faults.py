"""Faults: the database or the cache going away, and a save cut short by a database error.

Requests here go through Django's WSGI handler exactly as gunicorn sends them, request
signals included: that is where Django replaces broken database connections. (The test
client switches that off, so it would hide the behaviour under test.)
"""

from contextlib import contextmanager

import psycopg
import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from news.models import Article

from .admin_forms import article_form
from .factories import ArticleFactory


def serve(path, cookies=None):
    """(status, headers, text) of one request, served as a WSGI server serves it.

    Django closes a connection left inside a transaction at the start of a request, so
    tests that use this commit their data. `cookies` are a browser's (a signed-in session).
    """
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=int(status.split()[0]), headers=dict(headers))

    request = RequestFactory().get(path)
    if cookies:
        request.environ["HTTP_COOKIE"] = cookies.output(header="", sep=";")
    result = WSGIHandler()(request.environ, start_response)
    try:
        body = b"".join(result)
    finally:
        result.close()  # sends request_finished, as a WSGI server does
    return started["status"], started["headers"], body.decode()


@contextmanager
def maintenance_connection():
    """A connection of the database operator's own, to the server's maintenance database."""
    settings = connection.settings_dict
    with psycopg.connect(
        dbname="postgres",
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        autocommit=True,
    ) as operator:
        yield operator


def drop_connections(operator, database):
    operator.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid()",
        [database],
    )


@contextmanager
def database_outage():
    """The database refuses every connection, as when its server is down."""
    database = connection.settings_dict["NAME"]
    with maintenance_connection() as operator:
        operator.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        try:
            drop_connections(operator, database)
            yield
        finally:
            operator.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')


def assert_the_503_page(status, headers, page):
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "no-cache" in headers["Cache-Control"]
    assert "Sorry, the site is not available just now" in page
    assert "Birmingham Health Partners" in page  # the site's own design
    assert "Traceback" not in page
    assert "OperationalError" not in page


# Requests served as a WSGI server serves them need committed data. The roles the
# migrations made are restored afterwards, for the tests that run later.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def live_article():
    return ArticleFactory(title="Still here after the outage")


@committed
@pytest.mark.postgres
def test_a_connection_dropped_between_requests_is_replaced(live_article):
    assert serve("/news/")[0] == 200
    with maintenance_connection() as operator:
        drop_connections(operator, connection.settings_dict["NAME"])  # e.g. a failover

    status, _, page = serve("/news/")
    assert status == 200
    assert "Still here after the outage" in page


@committed
@pytest.mark.postgres
def test_without_the_database_visitors_get_a_clear_503_and_the_site_recovers(live_article):
    assert serve("/news/")[0] == 200
    with database_outage():
        # A page cached before the outage is still exact (nothing can change without the
        # database), so visitors keep getting it.
        status, headers, page = serve("/news/")
        assert status == 200
        assert headers["X-Page-Cache"] == "hit"
        for path in [live_article.get_absolute_url(), "/members/"]:
            assert_the_503_page(*serve(path))
        # With no content version to be had (the cache emptied, or midnight passed),
        # the page saying so still renders.
        cache.clear()
        assert_the_503_page(*serve("/members/"))

    status, _, page = serve("/news/")  # the same process: no restart
    assert status == 200
    assert "Still here after the outage" in page


@committed
@pytest.mark.postgres
def test_without_the_database_unknown_addresses_and_signed_in_staff_get_the_503_page(
    admin_user_in_group, live_article
):
    staff = Client()
    staff.force_login(admin_user_in_group)
    assert serve("/admin/", staff.cookies)[0] == 200
    with database_outage():
        # An unknown address is looked up among the old site's redirects; staff's session
        # and account are read before anything else.
        for path, cookies in [
            ("/no-such-page/", None),
            ("/news/no-such-article/", None),
            ("/admin/", staff.cookies),
            ("/admin/news/article/", staff.cookies),
            ("/", staff.cookies),
            ("/news/", staff.cookies),
            (live_article.get_absolute_url(), staff.cookies),
        ]:
            assert_the_503_page(*serve(path, cookies))

    assert serve("/admin/", staff.cookies)[0] == 200
    assert serve("/no-such-page/")[0] == 404


@committed
def test_pages_are_still_served_when_redis_is_down(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "core.cache.RedisCache",
            # Nothing listens here: a Redis server that has gone away.
            "LOCATION": "redis://127.0.0.1:8699/6",
        },
    }
    article = ArticleFactory(title="Served without a cache")
    for path in ["/", "/news/", article.get_absolute_url(), "/members/", "/strategy/"]:
        status, _, page = serve(path)
        assert status == 200, path
        assert "Served without a cache" in page or path in {"/members/", "/strategy/"}


# A database error in the middle of a save, made by the database itself: a trigger that
# fails when the article's tags are written, after its own row has been updated.
FAILING_TRIGGER = {
    "postgresql": [
        "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION 'could not extend file: No space left on device'; END $$ "
        "LANGUAGE plpgsql",
        "CREATE TRIGGER refuse BEFORE INSERT ON taggit_taggeditem "
        "FOR EACH ROW EXECUTE FUNCTION refuse()",
    ],
    "sqlite": [
        "CREATE TRIGGER refuse BEFORE INSERT ON taggit_taggeditem "
        "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END",
    ],
}


@pytest.mark.django_db
def test_a_save_cut_short_by_a_database_error_keeps_the_previous_version(comms_user):
    article = ArticleFactory(title="The version readers see", slug="kept", tags=["Research"])
    with connection.cursor() as cursor:
        for statement in FAILING_TRIGGER[connection.vendor]:
            cursor.execute(statement)
    staff = Client(raise_request_exception=False)
    staff.force_login(comms_user)

    response = staff.post(
        reverse("admin:news_article_change", args=[article.pk]),
        article_form(slug="kept", title="Half-saved title", tags="Research, New tag"),
    )

    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "The version readers see"
    assert list(article.tags.names()) == ["Research"]
    assert not Article.objects.filter(title="Half-saved title").exists()
