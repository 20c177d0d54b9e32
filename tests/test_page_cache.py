"""The visitors' page cache: fast, and never showing anything that has changed."""

import time
import uuid
from datetime import date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from redis import Redis

from news.models import Article, ShareLink
from news.views import ArticleListView, TagArticleListView
from pagecache import totals, versions
from pagecache.totals import _row_key, _rows_key
from pagecache.versions import CHANGES_CHANNEL, STATE_KEY, content_version
from search.views import SearchView

from .factories import ArticleFactory, OrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db

HOME = "/"
NEWS = "/news/"


@pytest.fixture
def visitor():
    """Someone without an account; `client` is the one the staff fixtures sign in."""
    return Client()


@pytest.fixture
def article():
    return ArticleFactory(title="Trial opens in Birmingham", slug="trial-opens", tags=["Trials"])


def _visit(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_a_second_visit_is_served_from_the_cache_without_queries(visitor, article):
    first = _visit(visitor, HOME)
    with CaptureQueriesContext(connection) as queries:
        second = _visit(visitor, HOME)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content


def test_cached_pages_still_carry_the_security_headers(visitor, article):
    _visit(visitor, HOME)
    cached = _visit(visitor, HOME)
    assert cached["X-Page-Cache"] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"):
        assert header in cached, header


@pytest.mark.parametrize(
    "url", [HOME, NEWS, "/news/trial-opens/", "/news/tags/trials/", "/news/feed/"]
)
def test_editing_an_article_refreshes_every_page_showing_it(visitor, article, url):
    assert b"Trial opens in Birmingham" in _visit(visitor, url).content
    article.title = "Trial recruits its first patient"
    article.save()
    page = _visit(visitor, url)
    assert b"Trial recruits its first patient" in page.content
    assert b"Trial opens in Birmingham" not in page.content


@pytest.mark.parametrize("url", [HOME, NEWS])
def test_unpublishing_in_the_admin_removes_it_from_cached_pages_at_once(
    visitor, admin_client_in_group, article, url
):
    assert b"Trial opens" in _visit(visitor, url).content
    # The admin action updates rows in bulk, which sends no model signals.
    admin_client_in_group.post(
        reverse("admin:news_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )
    assert Article.objects.get().status == Article.Status.DRAFT
    assert b"Trial opens" not in _visit(visitor, url).content
    assert visitor.get(article.get_absolute_url()).status_code == 404


def test_publishing_a_draft_shows_it_at_once(visitor, admin_client_in_group):
    draft = ArticleFactory(title="Fellowship winners named", status=Article.Status.DRAFT)
    assert b"Fellowship winners" not in _visit(visitor, NEWS).content
    admin_client_in_group.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert b"Fellowship winners" in _visit(visitor, NEWS).content


def test_linking_an_article_to_a_member_shows_on_the_members_page(visitor, article):
    member = OrganisationFactory(name="Aston University", slug="aston")
    assert b"Trial opens" not in _visit(visitor, member.get_absolute_url()).content
    article.organisations.add(member)
    assert b"Trial opens" in _visit(visitor, member.get_absolute_url()).content


def test_renaming_a_theme_shows_on_the_articles_that_link_it(visitor, article):
    theme = ThemeFactory(title="Clinical trials")
    article.themes.add(theme)
    assert b"Clinical trials" in _visit(visitor, article.get_absolute_url()).content
    theme.title = "Trials and evaluation"
    theme.save()
    assert b"Trials and evaluation" in _visit(visitor, article.get_absolute_url()).content


def test_deleting_an_article_removes_it_at_once(visitor, article):
    assert b"Trial opens" in _visit(visitor, NEWS).content
    article.delete()
    assert b"Trial opens" not in _visit(visitor, NEWS).content


@pytest.fixture(params=["locmem", "redis"])
def either_cache(request):
    """This process's own cache, or Redis, where each worker also keeps a copy of the
    version while it listens for changes (the third visit is served from that copy)."""
    if request.param == "redis":
        request.getfixturevalue("redis_cache")


def test_a_scheduled_article_appears_on_time_on_cached_pages(visitor, time_machine, either_cache):
    time_machine.move_to(timezone.now())
    ArticleFactory(title="Already out")
    ArticleFactory(title="Embargoed result", publish_at=timezone.now() + timedelta(minutes=30))
    for _ in range(3):  # the later visits are cache hits
        page = _visit(visitor, HOME)
        assert b"Already out" in page.content
        assert b"Embargoed result" not in page.content
    time_machine.shift(timedelta(minutes=30, seconds=1))
    assert b"Embargoed result" in _visit(visitor, HOME).content


@pytest.mark.parametrize("url", [NEWS, "/news/feed/"])
def test_an_article_scheduled_after_a_list_was_kept_shows_on_it_at_its_time(
    visitor, time_machine, either_cache, url
):
    """The list was kept while the version expired at midnight. Scheduling an article
    changes no live article, but the version then expires at its time, and the one made
    then expires at midnight again: it must not bring back the list kept before."""
    time_machine.move_to(timezone.make_aware(datetime(2026, 6, 30, 10, 0)))
    ArticleFactory(title="Already out")
    assert b"Already out" in _visit(visitor, url).content
    time_machine.shift(timedelta(hours=1))
    ArticleFactory(title="Embargoed result", publish_at=timezone.now() + timedelta(hours=3))
    assert b"Embargoed result" not in _visit(visitor, url).content
    time_machine.shift(timedelta(hours=3, seconds=1))
    assert b"Embargoed result" in _visit(visitor, url).content


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the save commits
def test_a_visit_as_a_save_commits_keeps_nothing_past_the_saves_schedule(
    visitor, time_machine, either_cache, monkeypatch
):
    """A save gives a live article a take-down time. Before it commits, another worker makes
    a version from the schedules as they were (expiring at midnight). At commit, a visit
    that comes after the generations are renewed but before that version is forgotten keeps
    the news, made from the committed rows, under the new generations and the old expiry:
    after the take-down, the next version expires at midnight again, and must not bring
    that list back."""
    time_machine.move_to(timezone.make_aware(datetime(2026, 6, 30, 10, 0)))
    article = ArticleFactory(title="Trial opens in Birmingham")
    midnight = timezone.make_aware(datetime(2026, 7, 1))
    forget_and_make_next = totals._forget_and_make_next
    visited = []

    def visited_first():
        if not visited:
            visited.append(_visit(visitor, NEWS))
        forget_and_make_next()

    monkeypatch.setattr(totals, "_forget_and_make_next", visited_first)
    with transaction.atomic():
        article.unpublish_at = timezone.now() + timedelta(hours=2)
        article.save()
        cache.set(STATE_KEY, {"version": uuid.uuid4().hex, "expires": midnight}, None)
    assert b"Trial opens in Birmingham" in visited[0].content
    time_machine.shift(timedelta(hours=2, seconds=1))
    assert b"Trial opens in Birmingham" not in _visit(visitor, NEWS).content


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # saves commit
def test_a_version_made_while_a_save_commits_does_not_outlast_the_saves_schedule(
    visitor, time_machine, either_cache, monkeypatch
):
    """A visitor's worker makes a version from the schedules as they were; before it stores
    it, a save that schedules an article sooner commits, forgets the version and makes the
    next. Stored over the save's, the visitor's version would expire too late: the article
    would stay off cached pages long after its time."""
    time_machine.move_to(timezone.make_aware(datetime(2026, 6, 30, 10, 0)))
    ArticleFactory(title="Already out")
    cache.delete(STATE_KEY)  # as if no version had been made: the visitor makes it
    make = versions._new_state
    saved = []

    def saved_meanwhile(now):
        state = make(now)
        if not saved:
            saved.append(True)
            ArticleFactory(
                title="Embargoed result", publish_at=timezone.now() + timedelta(minutes=30)
            )
        return state

    monkeypatch.setattr(versions, "_new_state", saved_meanwhile)
    for _ in range(3):  # the first visit makes the version; the later ones are cache hits
        assert b"Embargoed result" not in _visit(visitor, HOME).content
    assert saved
    time_machine.shift(timedelta(minutes=30, seconds=1))
    assert b"Embargoed result" in _visit(visitor, HOME).content


def test_a_member_leaves_on_its_leaving_date_on_cached_pages(visitor, time_machine, either_cache):
    """The version expires at midnight at the latest, when dates take effect."""
    time_machine.move_to(timezone.make_aware(datetime(2026, 6, 30, 23, 58)))  # BST
    OrganisationFactory(name="Departing Trust", joined_on=date(2020, 1, 1),
                        left_on=date(2026, 7, 1))  # fmt: skip
    for _ in range(3):  # the later visits are cache hits
        page = _visit(visitor, "/members/").content.decode()
        assert "Former members" not in page
    time_machine.move_to(timezone.make_aware(datetime(2026, 7, 1, 0, 0, 1)))
    page = _visit(visitor, "/members/").content.decode()
    assert page.index("Former members") < page.index("Departing Trust")


def test_staff_are_never_served_or_stored_in_the_cache(visitor, comms_client, article):
    assert "X-Page-Cache" not in _visit(comms_client, HOME)
    assert _visit(visitor, HOME)["X-Page-Cache"] == "miss"  # the staff page was not stored
    assert "X-Page-Cache" not in _visit(comms_client, HOME)  # nor the visitor's served to staff


def test_a_staff_view_of_a_draft_is_never_cached(comms_client, visitor):
    draft = ArticleFactory(title="Secret plans", status=Article.Status.DRAFT)
    assert b"Secret plans" in _visit(comms_client, draft.get_absolute_url()).content
    assert visitor.get(draft.get_absolute_url()).status_code == 404


def test_browsers_revalidate_and_get_304_when_nothing_changed(visitor, article):
    first = _visit(visitor, NEWS)
    assert "no-cache" in first["Cache-Control"]
    etag = first["ETag"]
    again = visitor.get(NEWS, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_a_changed_page_gets_a_new_etag(visitor, article):
    etag = _visit(visitor, NEWS)["ETag"]
    article.title = "A new headline"
    article.save()
    answer = visitor.get(NEWS, headers={"if-none-match": etag})
    assert answer.status_code == 200
    assert b"A new headline" in answer.content


def test_not_found_pages_are_not_stored(visitor, article):
    for _ in range(2):
        missing = visitor.get("/news/nothing-here/")
        assert missing.status_code == 404
        assert "X-Page-Cache" not in missing


def test_the_cache_can_be_turned_off(visitor, settings, article):
    settings.PAGE_CACHE_SECONDS = 0
    _visit(visitor, HOME)
    assert "X-Page-Cache" not in _visit(visitor, HOME)


def test_pages_are_still_served_when_the_cache_is_down(visitor, settings, article):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
        },
    }
    assert b"Trial opens" in _visit(visitor, HOME).content
    article.title = "Saved while the cache was down"
    article.save()
    assert b"Saved while the cache was down" in _visit(visitor, NEWS).content


def test_with_the_page_cache_off_totals_and_filters_still_follow_content(visitor, settings):
    settings.PAGE_CACHE_SECONDS = 0
    ArticleFactory(tags=["Trials"])
    first = _visit(visitor, NEWS)
    assert b"1 article<" in first.content
    assert b"Genomics" not in first.content
    ArticleFactory(tags=["Genomics"])
    second = _visit(visitor, NEWS)
    assert b"2 articles<" in second.content
    assert b">Genomics</option>" in second.content


def test_with_the_page_cache_off_cards_and_deep_pages_still_follow_content(visitor, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.NEWS_PAGE_SIZE = 1
    member = OrganisationFactory(name="Old Name Trust", short_name="")
    yesterday = timezone.now() - timedelta(days=1)
    older = ArticleFactory(title="Older story", organisations=[member], publish_at=yesterday)
    ArticleFactory(title="Newer story")
    page_two = _visit(visitor, f"{NEWS}?page=2").content
    assert b"Older story" in page_two
    assert b"Old Name Trust" in page_two
    assert b"Old Name Trust" in _visit(visitor, member.get_absolute_url()).content

    member.name = "New Name Trust"
    member.save()
    older.title = "Older story, corrected"
    older.save()
    page_two = _visit(visitor, f"{NEWS}?page=2").content
    assert b"Older story, corrected" in page_two
    assert b"New Name Trust" in page_two
    assert b"Old Name Trust" not in _visit(visitor, member.get_absolute_url()).content
    assert b"Old Name Trust" not in _visit(visitor, HOME).content

    assert b"Newest story" not in _visit(visitor, member.get_absolute_url()).content
    ArticleFactory(title="Newest story", organisations=[member])
    assert b"Newer story" in _visit(visitor, f"{NEWS}?page=2").content
    assert b"Newest story" in _visit(visitor, member.get_absolute_url()).content


def test_with_the_page_cache_off_kept_markup_still_fits_each_page(visitor, settings):
    """The filters, the navigation and the page links are kept per choice, not per site."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.NEWS_PAGE_SIZE = 1
    member = OrganisationFactory(name="Example Trust", slug="example-trust")
    ArticleFactory.create_batch(3, organisations=[member])

    chosen = _visit(visitor, f"{NEWS}?member=example-trust").content.decode()
    assert '<option value="example-trust" selected>' in chosen
    refused = _visit(visitor, f"{NEWS}?member=nobody").content.decode()
    assert 'aria-invalid="true"' in refused
    plain = _visit(visitor, NEWS).content.decode()
    assert '<option value="example-trust">' in plain
    assert "aria-invalid" not in plain
    assert '<a href="/news/" aria-current="page">' in plain

    page_two = _visit(visitor, f"{NEWS}?page=2").content.decode()
    assert 'href="?page=2" aria-current="page"' in page_two
    assert 'href="?page=1" aria-current' not in page_two
    article = _visit(visitor, Article.objects.first().get_absolute_url()).content.decode()
    assert '<a href="/news/" aria-current="true">' in article
    strategy = _visit(visitor, "/strategy/").content.decode()
    assert '<a href="/strategy/" aria-current="page">' in strategy
    assert '<a href="/news/" aria-current' not in strategy


# With what every visitor shares cached (cards, totals, filter choices, each page of each
# list or search, the home page's lists, a live article and its links, the latest news on
# a member's page, the member itself), an uncached page asks the database nothing.
WARM_QUERIES = {
    HOME: 0,
    NEWS: 0,
    f"{NEWS}?page=3": 0,
    f"{NEWS}?member=example-trust": 0,
    "/news/trial-opens/": 0,
    "/search/?q=trial": 0,
    "/news/feed/": 0,
    "/members/example-trust/": 0,
    "/news/tags/trials/": 0,
    "/news/feed/member/example-trust/": 0,
    "/news/feed/tag/trials/json/": 0,
}


@pytest.mark.parametrize(("url", "expected"), WARM_QUERIES.items())
def test_with_the_page_cache_off_a_repeat_render_reads_only_its_own_rows(
    visitor, settings, article, url, expected
):
    settings.PAGE_CACHE_SECONDS = 0
    settings.NEWS_PAGE_SIZE = 2
    member = OrganisationFactory(slug="example-trust")
    ArticleFactory.create_batch(6, organisations=[member], with_image=True)
    _visit(visitor, url)
    with CaptureQueriesContext(connection) as queries:
        _visit(visitor, url)
    assert len(queries) == expected, [q["sql"][:300] for q in queries]


@pytest.mark.parametrize(
    ("url", "view"),
    [(NEWS, ArticleListView), (f"{NEWS}?member=example-trust&page=2", ArticleListView),
     ("/news/tags/trials/", TagArticleListView), ("/search/?q=trial", SearchView)],
)  # fmt: skip
def test_a_list_whose_page_is_kept_is_not_made_again(
    visitor, settings, monkeypatch, article, url, view
):
    settings.PAGE_CACHE_SECONDS = 0
    settings.NEWS_PAGE_SIZE = 2
    member = OrganisationFactory(slug="example-trust")
    ArticleFactory.create_batch(4, organisations=[member], tags=["Trials"])
    made, make = [], view.articles

    def articles(self):
        made.append(url)
        return make(self)

    monkeypatch.setattr(view, "articles", articles)
    cold = _visit(visitor, url).content
    assert made == [url]
    assert _visit(visitor, url).content == cold
    assert made == [url], "the kept rows and total were enough"


REDIS = "redis://127.0.0.1:6379/8"
REFUSED = "redis://127.0.0.1:9/8"  # the discard port: nothing listens


@pytest.fixture
def redis_cache(settings):
    """The shared cache on a real Redis, under keys of this test's own."""
    location, prefix = REDIS, f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "core.cache.RedisCache", "LOCATION": location, "KEY_PREFIX": prefix},
    }
    yield cache
    server = Redis.from_url(location)
    if kept := list(server.scan_iter(f"{prefix}:*")):
        server.delete(*kept)


@pytest.fixture
def redis_reads(monkeypatch):
    """Each GET and MGET this process sends (they still go to Redis and are answered)."""
    reads = []
    send = Redis.execute_command

    def counted(client, *args, **options):
        if args[0] in {"GET", "MGET"}:
            reads.append(args[1:])
        return send(client, *args, **options)

    monkeypatch.setattr(Redis, "execute_command", counted)
    return reads


def test_many_saves_in_one_transaction_forget_the_version_once_and_again_at_commit(
    visitor, redis_cache, monkeypatch, django_capture_on_commit_callbacks
):
    """An import saves each item's row, links and tags in one transaction: the pages go
    stale at the first save and again at commit, not at every signal (at commit three
    times: once for the rows, and before and after every generation renewed with them,
    pagecache.totals)."""
    with django_capture_on_commit_callbacks(execute=True):  # committed before the import
        ArticleFactory(title="Trial opens in Birmingham")
    deletes = []
    send = Redis.execute_command

    def counted(client, *args, **options):
        if args[0] == "DEL":
            deletes.append(args[1:])
        return send(client, *args, **options)

    monkeypatch.setattr(Redis, "execute_command", counted)
    _visit(visitor, NEWS)  # a kept page, under the version the saves must end
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for n in range(5):
            ArticleFactory(title=f"Imported {n}", tags=["imported"])
        assert deletes == [(cache.make_key(STATE_KEY),)]
    assert deletes == [(cache.make_key(STATE_KEY),)] * 4
    assert "Imported 4" in _visit(visitor, NEWS).content.decode()


def test_the_redis_cache_builds_one_client_and_keeps_it(redis_cache):
    """Django would build a client for every call, which costs more than the call."""
    cache.set("greeting", "hello")
    assert cache.get_many(["greeting", "missing"]) == {"greeting": "hello"}
    assert cache.client.get_client(write=False) is cache.client.get_client(write=True)


def test_redis_keeps_a_value_only_while_its_mark_is_as_it_was_seen(redis_cache):
    """What a new content version is stored with (pagecache.versions._made_version)."""
    cache.set("mark", "seen")
    assert not cache.set_unless_changed("state", 1, "mark", "moved on")
    assert cache.get("state") is None
    assert cache.set_unless_changed("state", 2, "mark", "seen")
    assert cache.get("state") == 2
    assert not cache.set_unless_changed("state", 3, "mark", "seen", True)  # only if new
    assert cache.get("state") == 2
    assert cache.set_unless_changed("other", 4, "no mark yet", None, True)
    assert cache.get("other") == 4


@pytest.fixture
def clock(monkeypatch):
    """The clock a worker's copy of the version is timed by, moved on only by the test: a
    slow render on a busy machine does not age it."""
    now = [1000.0]
    monkeypatch.setattr(versions, "monotonic", lambda: now[0])
    return now


@pytest.mark.parametrize(
    "url", [HOME, NEWS, "/news/trial-opens/", "/news/feed/", "/search/?q=trial"]
)
def test_with_the_page_cache_off_a_repeat_render_asks_redis_nothing(
    visitor, settings, redis_cache, redis_reads, article, url, clock
):
    """A worker keeps its own copy of the shared parts, and of the version while it listens
    for changes: its first render starts listening, its second reads the version once."""
    settings.PAGE_CACHE_SECONDS = 0
    _visit(visitor, url)
    redis_reads.clear()
    _visit(visitor, url)
    assert redis_reads == [(cache.make_key(STATE_KEY),)]
    redis_reads.clear()
    _visit(visitor, url)
    assert redis_reads == []


def test_a_cached_page_from_the_workers_own_copy_asks_redis_nothing(
    visitor, redis_cache, redis_reads, article, clock
):
    for _ in range(3):
        _visit(visitor, NEWS)
    redis_reads.clear()
    page = _visit(visitor, NEWS)
    assert page["X-Page-Cache"] == "hit"
    assert b"Trial opens in Birmingham" in page.content
    assert redis_reads == []


def _save_by_another_worker(article, title, announce=True):
    """What another worker's save does: the row changes, then that worker deletes the
    version in Redis and announces it (pagecache.versions._forget), with the same cache
    calls; but not through `_forget`, which would also forget this process's own copy."""
    Article.objects.filter(pk=article.pk).update(title=title)
    # Its row's generations renewed (pagecache.totals), then the version.
    renewed = {key: uuid.uuid4().hex for key in (_rows_key(Article), _row_key(Article, article.pk))}
    cache.set_many(renewed, None)
    cache.delete(STATE_KEY)
    if announce:
        # Heard by a listener of the test's own first: Redis may answer the publisher a
        # moment before it writes to its listeners, and a save's answer takes a worker
        # far longer to reach a visitor than this test takes to visit.
        listener = cache.listen(CHANGES_CHANNEL)
        cache.announce(CHANGES_CHANNEL)
        waited = time.monotonic()
        while not listener.heard():
            assert time.monotonic() - waited < 1, "Redis never passed the announcement on"
        listener.close()


@pytest.mark.parametrize("page_cache_seconds", [0, 600])
def test_a_worker_sees_a_change_made_by_another_at_once(
    visitor, settings, redis_cache, article, page_cache_seconds, clock
):
    """The version and the pages a worker keeps are dropped when another worker announces
    a change, before the next page it serves."""
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    for _ in range(3):
        assert b"Trial opens in Birmingham" in _visit(visitor, NEWS).content
    _save_by_another_worker(article, "Changed by another worker")
    assert b"Changed by another worker" in _visit(visitor, NEWS).content


def test_a_change_no_announcement_reached_is_seen_once_the_workers_copy_is_too_old(
    visitor, redis_cache, article, clock
):
    """An announcement lost (with a connection that broke unnoticed, say): the worker asks
    Redis again once its copy of the version is TRUSTED_SECONDS old."""
    for _ in range(3):
        _visit(visitor, NEWS)
    _save_by_another_worker(article, "Saved unannounced", announce=False)
    assert b"Trial opens in Birmingham" in _visit(visitor, NEWS).content
    clock[0] += versions.TRUSTED_SECONDS
    assert b"Saved unannounced" in _visit(visitor, NEWS).content


def test_a_worker_whose_line_to_redis_broke_trusts_its_copy_no_more(
    visitor, redis_cache, redis_reads, article, clock
):
    """Announcements made while the line was down are lost: the worker reads the version
    from Redis until it listens again."""
    for _ in range(3):
        _visit(visitor, NEWS)
    # This worker's line only (other processes may listen to the same Redis).
    line = versions._process_copy._listener._connection._sock.getsockname()
    address = f"{line[0]}:{line[1]}"
    server = Redis.from_url(REDIS)
    server.client_kill_filter(_type="pubsub", addr=address)
    waited = time.monotonic()  # Redis closes killed connections a moment after answering
    while any(client["addr"] == address for client in server.client_list(_type="pubsub")):
        assert time.monotonic() - waited < 1, "Redis kept the listener's connection"
    _save_by_another_worker(article, "Changed while the line was down", announce=False)
    redis_reads.clear()
    assert b"Changed while the line was down" in _visit(visitor, NEWS).content
    assert cache.make_key(STATE_KEY) in redis_reads[0]


@pytest.mark.parametrize("page_cache_seconds", [0, 600])
def test_another_release_of_the_code_never_reads_what_this_one_kept(
    visitor, settings, article, page_cache_seconds
):
    """During a deploy, old and new code run side by side on one cache and one version."""
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    settings.RELEASE = "old"
    assert b"Trial opens in Birmingham" in _visit(visitor, NEWS).content
    # What the new code would show differently; no signal, so the version stays the same.
    Article.objects.filter(pk=article.pk).update(title="As the new release shows it")
    assert b"Trial opens in Birmingham" in _visit(visitor, NEWS).content
    settings.RELEASE = "new"
    assert b"As the new release shows it" in _visit(visitor, NEWS).content


def test_a_shared_preview_is_never_stored(visitor):
    draft = ArticleFactory(title="Embargoed trial result", status=Article.Status.DRAFT)
    link = ShareLink.objects.create(article=draft)
    for _ in range(2):
        preview = _visit(visitor, link.get_absolute_url())
        assert b"Embargoed trial result" in preview.content
        assert "no-store" in preview["Cache-Control"]
        assert "X-Page-Cache" not in preview


def test_a_deploy_starts_a_new_content_version(article):
    """Nothing the old code cached is read by the new: a deploy runs migrate."""
    before = content_version()
    call_command("migrate", verbosity=0)
    assert content_version() != before


def _kept_pages():
    """How many whole pages the shared cache holds for this test."""
    return len(list(Redis.from_url(REDIS).scan_iter(cache.make_key("page:*"))))


PAGES = [
    HOME,
    NEWS,
    "/news/trial-opens/",
    "/search/?q=trial",
    "/members/",
    "/strategy/",
    "/news/feed/",
    "/publications/",
]


@pytest.mark.parametrize("url", PAGES)
def test_unknown_query_parameters_never_fill_the_cache(visitor, redis_cache, article, url):
    """Tracking tags and junk are not part of a page: each is served the page without them."""
    plain = _visit(visitor, url)
    kept = _kept_pages()
    joiner = "&" if "?" in url else "?"
    for number in range(20):
        for junk in [f"utm_source=news{number}", f"fbclid={uuid.uuid4().hex}",
                     f"junk{number}=1", f"q{number}=%00", f"page{number}=2"]:  # fmt: skip
            response = _visit(visitor, f"{url}{joiner}{junk}")
            assert response["X-Page-Cache"] == "hit"
            assert response.content == plain.content
    assert _kept_pages() == kept == 1


def test_a_page_number_with_tracking_tags_is_that_page_and_its_links_are_clean(
    visitor, redis_cache, settings
):
    settings.NEWS_PAGE_SIZE = 1
    yesterday = timezone.now() - timedelta(days=1)
    ArticleFactory(title="Older story", publish_at=yesterday - timedelta(days=1))
    ArticleFactory(title="Middle story", publish_at=yesterday)
    ArticleFactory(title="Newest story")

    tagged = _visit(visitor, f"{NEWS}?page=2&utm_source=newsletter&utm_medium=email")
    page = tagged.content.decode()
    assert "Middle story" in page
    assert "Newest story" not in page
    assert "utm_" not in page  # no link carries them on to the next visitor
    plain = _visit(visitor, f"{NEWS}?page=2")
    assert plain["X-Page-Cache"] == "hit"
    assert plain.content == tagged.content


def test_the_order_of_a_pages_parameters_makes_no_new_page(visitor, redis_cache, settings):
    settings.NEWS_PAGE_SIZE = 1
    member = OrganisationFactory(slug="example-trust")
    ArticleFactory.create_batch(3, organisations=[member])
    first = _visit(visitor, f"{NEWS}?member=example-trust&page=2")
    assert first["X-Page-Cache"] == "miss"
    for url in [f"{NEWS}?page=2&member=example-trust",
                f"{NEWS}?page=2&utm_source=x&member=example-trust&fbclid=y",
                f"{NEWS}?member=example-trust&page=2&tag="]:  # fmt: skip
        again = _visit(visitor, url)
        assert again["X-Page-Cache"] == "hit", url
        assert again.content == first.content
    assert _kept_pages() == 1


def test_a_page_that_reads_no_parameters_is_stored_once_whatever_follows_its_address(
    visitor, redis_cache
):
    """Pages whose views do not say which parameters they read are never stored with any."""
    for url in ["/accessibility/", "/strategy/", "/members/", "/news/feed/"]:
        _visit(visitor, url)
        kept = _kept_pages()
        for number in range(5):
            response = _visit(visitor, f"{url}?utm_source={number}")
            assert response.get("X-Page-Cache") in {"hit", None}
        assert _kept_pages() == kept


def test_a_change_made_while_the_cache_was_unreachable_shows_once_it_is_back(
    visitor, comms_client, settings, redis_cache, article
):
    """The cache kept its pages through the outage; the change must still make them stale."""
    assert "Trial opens" in _visit(visitor, NEWS).content.decode()
    assert _visit(visitor, NEWS)["X-Page-Cache"] == "hit"
    reachable = settings.CACHES

    settings.CACHES = {**reachable, "default": {**reachable["default"], "LOCATION": REFUSED}}
    article.title = "Trial results published"
    article.save()
    assert "Trial results published" in _visit(visitor, NEWS).content.decode()

    settings.CACHES = reachable
    old = cache.get(STATE_KEY)["version"]  # the version the old pages were kept under
    # The worker that saved pays its debt at its next request, whoever makes it.
    assert comms_client.get("/admin/").status_code == 200
    assert (cache.get(STATE_KEY) or {}).get("version") != old
    back = _visit(visitor, NEWS)
    assert "Trial results published" in back.content.decode()
    assert back["X-Page-Cache"] == "miss"


def test_a_change_made_while_the_cache_was_unreachable_is_settled_without_another_request(
    visitor, settings, redis_cache, article
):
    """The worker that saved may serve no request for a long while (the staff member's next
    page may go to another): it pays its debt by itself once the cache answers, so that
    other workers stop serving the pages it kept."""
    settings.CACHE_RETRY_SECONDS = 0.2
    assert "Trial opens" in _visit(visitor, NEWS).content.decode()
    old = cache.get(STATE_KEY)["version"]
    reachable = settings.CACHES
    settings.CACHES = {**reachable, "default": {**reachable["default"], "LOCATION": REFUSED}}
    article.title = "Trial results published"
    article.save()
    settings.CACHES = reachable
    assert cache.get(STATE_KEY)["version"] == old  # the save could not forget it
    waited = time.monotonic()
    while (cache.get(STATE_KEY) or {}).get("version") == old and time.monotonic() - waited < 10:
        time.sleep(0.05)
    assert (cache.get(STATE_KEY) or {}).get("version") != old


def test_a_save_makes_the_next_version_so_its_first_visitor_asks_no_schedule(
    visitor, article, django_capture_on_commit_callbacks
):
    """Making a version asks every app's schedule when pages next change; the saver does
    it once its rows are committed, so the first visitor after a save does not."""
    _visit(visitor, NEWS)
    before = cache.get(STATE_KEY)["version"]
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Trial opens in Birmingham, corrected"
        article.save()
    assert cache.get(STATE_KEY)["version"] != before

    with CaptureQueriesContext(connection) as made_by_the_save:
        assert "corrected" in _visit(visitor, NEWS).content.decode()
    cache.delete(STATE_KEY)  # as if no version had been made: the visitor makes it
    with CaptureQueriesContext(connection) as made_by_the_visitor:
        assert "corrected" in _visit(visitor, NEWS).content.decode()
    assert len(made_by_the_save) < len(made_by_the_visitor)
