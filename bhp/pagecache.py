"""Whole-page cache for visitors, correct the moment content changes.

Pages are stored under a *content version*. Saving, deleting or relinking anything in a
content app, and any successful staff POST (admin bulk actions update rows without
signals), forgets the version, so the next visitor gets a freshly rendered page and every
older copy is simply never read again. The version also carries the next time the public
view changes by itself (a scheduled article going live, or midnight, when dates take
effect), and expires then: scheduled articles appear on time with no job running.

The parts pages share (cards, lists, filters, navigation) are kept under the same version
whether or not whole pages are, in Redis and in each worker's memory (`cached_for_content`).

Staff, anything marked private or no-store (previews, drafts, the admin), responses that
set a cookie and anything but a 200 are never stored or served from here. Browsers are
told to revalidate every time; ConditionalGetMiddleware answers them 304 from the ETag.

A page is kept under its own query parameters only, which its view names as
`query_parameters` (the news filters, `page`, `q`), in one order: anything else in the
address (utm_source, fbclid, junk) is taken out before the view sees it, so the page is the
same with or without it and a visitor cannot fill the cache by varying it. A view that
names none is kept only for its address without a query string.
"""

import functools
import hashlib
import logging
import uuid
from contextlib import suppress
from datetime import datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlencode

from asgiref.local import Local
from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.cache import cache, caches
from django.core.paginator import Paginator
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property

from core.apps import project_apps, project_template_folders
from core.cache import CacheResting

logger = logging.getLogger(__name__)

STATE_KEY = "pagecache:state"
# Models whose rows never show on a public page. Every other model counts as content, so a
# new content model is covered without anyone remembering to list it.
# Two-factor devices are saved at every sign-in with a code.
NOT_CONTENT_APPS = {"admin", "auth", "axes", "contenttypes", "otp_static", "otp_totp", "sessions"}
UNCACHEABLE = {"private", "no-store", "no-cache"}
DERIVED_SECONDS = 60 * 60


class CacheUnavailable(Exception):
    pass


def _cache(method, *args):
    """The cache is only a speed-up: when it is down, the site renders every page instead."""
    try:
        return getattr(cache, method)(*args)
    except Exception as error:  # each backend raises its own errors (redis.ConnectionError, ...)
        if not isinstance(error, CacheResting):  # its failure was logged moments ago
            logger.warning("Page cache unavailable: %s", error)
        raise CacheUnavailable from error


# The content version as first read during the current request, so that every part of a
# page is built under one version, read from the cache once rather than once per part.
_this_request = Local()


def _forget():
    if getattr(_this_request, "version", None):
        _this_request.version = None
    with suppress(CacheUnavailable):
        _cache("delete", STATE_KEY)


def forget_content_version(*_args, **_kwargs):
    """Make every cached page stale. Safe to call often: it is one cache delete."""
    _forget()
    # Also after commit: a visitor who read the old rows before the commit may have stored
    # a page under a version made in between.
    transaction.on_commit(_forget)


def _content_changed(sender, **kwargs):
    if sender._meta.app_label in NOT_CONTENT_APPS or sender is apps.get_model(
        settings.AUTH_USER_MODEL
    ):
        return
    forget_content_version()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_content_changed, dispatch_uid=f"pagecache-{signal}")


def _next_change(now):
    """When public pages next change by themselves: a scheduled article going live or being
    taken down, or else midnight, when dates take effect (a member's leaving date)."""
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    midnight = timezone.make_aware(datetime.combine(tomorrow, time.min))
    scheduled = apps.get_model("news", "Article").objects.next_change()
    return min(scheduled, midnight) if scheduled else midnight


def content_version():
    """The current content version, made anew when content changed or a schedule fell due."""
    if remembered := getattr(_this_request, "version", None):
        return remembered
    state = _cache("get", STATE_KEY)
    now = timezone.now()
    # A version made by an earlier release may have no expiry (it had no midnight).
    if state is None or (state["expires"] is not None and now >= state["expires"]):
        state = {"version": uuid.uuid4().hex, "expires": _next_change(now)}
        _cache("set", STATE_KEY, state, None)
    if hasattr(_this_request, "version"):  # inside a request
        _this_request.version = state["version"]
    return state["version"]


@functools.cache
def _code_digest():
    digest = hashlib.sha256()
    folders = {Path(app.path) for app in project_apps()} | set(project_template_folders())
    for path in sorted(path for folder in folders for path in folder.rglob("*")):
        if path.suffix in {".py", ".html"} and path.is_file():
            digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def release():
    """Names this release of the code in every cache key.

    During a deploy, old and new code run side by side on one cache, under one content
    version; a value one kept (a feed entry, a page's markup) may not suit the other.
    RELEASE if set (a commit id, say), else a digest of the project's code and templates.
    """
    return settings.RELEASE or _code_digest()


def _versioned_key(version, key):
    # A key can come from a visitor's address (an article's slug), so it can be any length,
    # and hold anything: kept parts are named by text the templates give.
    if len(key) > 200 or not key.isprintable() or " " in key:
        key = hashlib.sha256(key.encode()).hexdigest()
    return f"content:{version}:{release()}:{key}"


def _read(keys):
    """The values kept for `keys`: this worker's copies, then the shared cache's in one read.

    Every key names a content version, and what is kept under a version never changes, so a
    worker's copy (CACHES["parts"]) is as fresh as the shared one.
    """
    found = caches["parts"].get_many(keys)
    if wanted := [key for key in keys if key not in found]:
        shared = _cache("get_many", wanted)
        caches["parts"].set_many(shared, DERIVED_SECONDS)
        found |= shared
    return found


def _keep(values):
    caches["parts"].set_many(values, DERIVED_SECONDS)
    with suppress(CacheUnavailable):
        _cache("set_many", values, DERIVED_SECONDS)


def cached_for_content(key, compute):
    """Something derived from content (a count, a list of choices), kept until it changes.

    Stored under the content version, so it is exactly as fresh as the pages are. Kept
    even when the page cache is off: it is what lets an uncached page skip reading every
    article.
    """
    return cached_each_for_content([key], str, lambda keys: [compute()])[0]


def cached_each_for_content(items, key, compute):
    """A value for each item, each kept until content changes, all read in one round trip.

    For the parts of a page that many pages share, such as article cards: a page of twelve
    cards costs one cache read instead of twelve renders. `key(item)` names an item's value
    among everything cached for content; `compute(items)` gives the values of the items
    not cached yet, in their order, all at once so that it can fetch what they need in bulk.
    """
    try:
        version = content_version()
        keys = [_versioned_key(version, key(item)) for item in items]
        found = _read(keys)
    except (CacheUnavailable, DatabaseError):
        # A new version needs the database (the next scheduled change). Without it, what
        # needs no database is still built: the frame of the page saying it is down.
        return compute(items)
    if missing := {key: item for key, item in zip(keys, items, strict=True) if key not in found}:
        computed = dict(zip(missing, compute(list(missing.values())), strict=True))
        _keep(computed)
        found |= computed
    return [found[key] for key in keys]


class ContentPaginator(Paginator):
    """A paginator for long lists of content that stays fast on page 1 and on page 5,000.

    The total, and each page's rows, are kept until content changes (`count_key` names
    the list). A page's rows are found by id: the database walks an index to the page's
    place (60,000 entries for page 5,000: 7 ms at 100,000 articles) instead of reading and
    discarding every whole row before it.

    The list may be lazy (a SimpleLazyObject): it is then made only to count it or to read
    a page's rows, when they are not kept yet.
    """

    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    def _check_object_list_is_ordered(self):
        # Checked when a page's rows are read instead: checking here would make the list.
        pass

    @cached_property
    def count(self):
        return cached_for_content(f"count:{self.count_key}", lambda: Paginator.count.func(self))

    def page(self, number):
        number = self.validate_number(number)
        rows = cached_for_content(
            f"rows:{self.count_key}:{self.per_page}:{number}", lambda: self._rows(number)
        )
        return self._get_page(rows, number, self)

    def _rows(self, number):
        super()._check_object_list_is_ordered()
        page = super().page(number)
        return list(self.object_list.filter(pk__in=page.object_list.values("pk")))


def _signed_in(request):
    # Only staff have accounts on this site.
    return request.user.is_authenticated


def _page_query(request):
    """The query string of the parameters the page reads, in one order, with each one's
    last value (what `request.GET[name]` gives a view) and none left empty; narrows the
    request to it. None when the view names no parameters and the address has some.
    """
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        view = None
    parameters = getattr(getattr(view, "view_class", view), "query_parameters", None)
    if parameters is None:
        return None if request.META.get("QUERY_STRING") else ""
    query = urlencode(
        sorted((name, value) for name in parameters if (value := request.GET.get(name)))
    )
    request.GET = QueryDict(query)
    request.META["QUERY_STRING"] = query
    return query


class AnonymousPageCacheMiddleware:
    """Serve visitors' GET requests from the cache; see the module docstring for the rules.

    Sits after AuthenticationMiddleware (to know staff) and before everything a cached
    response must still pass through on its way out (CSP, security headers, ETags).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _this_request.version = None
        try:
            return self._respond(request)
        finally:
            del _this_request.version

    def _respond(self, request):
        if request.method not in ("GET", "HEAD"):
            response = self.get_response(request)
            if response.status_code < 400 and _signed_in(request):
                forget_content_version()
            return response
        if not settings.PAGE_CACHE_SECONDS or _signed_in(request):
            return self.get_response(request)
        query = _page_query(request)
        if query is None:
            return self.get_response(request)

        try:
            key = self._key(request, query)
            response = _cache("get", key)
        except (CacheUnavailable, DatabaseError):
            # Render as if uncached; a database outage then gets the site's 503 page.
            return self.get_response(request)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(response):
            response["X-Page-Cache"] = "miss"
            patch_cache_control(response, no_cache=True)
            with suppress(CacheUnavailable):
                _cache("set", key, response, settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _key(request, query):
        address = f"{request.get_host()}{request.path}?{query}".encode()
        return f"page:{content_version()}:{release()}:{hashlib.sha256(address).hexdigest()}"

    @staticmethod
    def _storable(response):
        directives = {
            part.split("=")[0].strip().lower()
            for part in response.get("Cache-Control", "").split(",")
        }
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not directives & UNCACHEABLE
        )


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Each gunicorn worker has its own local-memory cache, and a save clears only the cache
    of the worker that made it: the other workers would keep serving old pages, and old
    parts of pages even with the page cache off."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            checks.Warning(
                "The cache is in local memory, so pages go stale across workers.",
                hint="Set CACHE_URL to a shared cache (redis://...).",
                id="bhp.W001",
            )
        ]
    return []
