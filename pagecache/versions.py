"""The content version: every cached page and part is stored under it, and a new one is made
whenever content changes or a scheduled change falls due."""

import functools
import hashlib
import logging
import os
import threading
import uuid
from contextlib import suppress
from contextvars import ContextVar
from datetime import datetime, time, timedelta
from pathlib import Path
from time import monotonic

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.db import DatabaseError, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from core.apps import project_apps, project_template_folders
from core.batches import later
from core.cache import CacheResting

logger = logging.getLogger(__name__)

STATE_KEY = "pagecache:state"
# Made anew by every process that forgets the version, before it deletes it (see
# _made_version).
CHANGED_KEY = "pagecache:changed-since"
# Where every process announces that it forgot the content version (see _ProcessCopy).
CHANGES_CHANNEL = "pagecache:changed"
# How long a process trusts its copy of the version without asking the shared cache. Within
# it, an announcement says at once when the version changed; the limit is for what no
# announcement reaches: a save made while the cache could not be reached (other processes
# stop serving copies within this long, and render pages afresh while it is away),
# an announcement lost with a connection that broke unnoticed, and two processes that made
# new versions at once when one expired (each keeps its own until then).
TRUSTED_SECONDS = 1.0
# Models whose rows never show on a public page. Every other model counts as content, so a
# new content model is covered without anyone remembering to list it.
# Two-factor devices are saved at every sign-in with a code.
NOT_CONTENT_APPS = {"admin", "auth", "axes", "contenttypes", "otp_static", "otp_totp", "sessions"}


class CacheUnavailable(Exception):
    pass


def call_cache(method, *args):
    """The cache is only a speed-up: when it is down, the site renders every page instead."""
    try:
        return getattr(cache, method)(*args)
    except Exception as error:  # each backend raises its own errors (redis.ConnectionError, ...)
        if not isinstance(error, CacheResting):  # its failure was logged moments ago
            logger.warning("Page cache unavailable: %s", error)
        raise CacheUnavailable from error


# The content version as first read during the current request, so that every part of a
# page is built under one version, read from the cache once rather than once per part:
# None outside a request, "" in one until the version is read. A context variable is per
# thread under WSGI and per task under ASGI, as asgiref's Local is, and reading one is a
# single C call rather than about ten Python calls: every request reads it several times.
this_request = ContextVar("content_version_this_request", default=None)


# Set while this process owes the cache a new version: content changed when the cache could
# not be reached. A cache that kept its pages through the outage would otherwise serve them
# again once it is back, until the next scheduled change.
_owed = threading.Event()


# True once this thread has deleted the version and has not read one since: until it reads
# one (and may make a new one from rows it has just changed), another delete changes nothing.
_forgotten = ContextVar("content_version_forgotten", default=False)


class _ProcessCopy:
    """This process's copy of the content version's state, so that a page served from the
    cache needs no round trip to the shared cache at all (the round trip was half the cost
    of such a page).

    Trusted only while this process listens to the announcements every process makes when
    it forgets the version (`_forget`), and for TRUSTED_SECONDS after it was read. A copy
    made from a read that began before an announcement was heard is not kept: the
    announcement may have been about the state that read returned.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._cache = self._listener = self._pid = self._state = None
        self._read_at = 0.0
        self._changes = 0  # announcements heard (and versions forgotten here)
        self._failed_at = None  # when listening last failed

    def read(self):
        """The kept state if it can be trusted, else None; and what `keep` needs to know
        whether anything changed since (None when nothing can be kept)."""
        started = monotonic()
        with self._lock:
            if not self._listening():
                return None, None
            trusted = started - self._read_at < TRUSTED_SECONDS
            return self._state if trusted else None, (self._changes, started)

    def keep(self, state, token):
        with self._lock:
            if token is not None and token[0] == self._changes and self._listener is not None:
                self._state, self._read_at = state, token[1]

    @property
    def listening(self):
        return self._listener is not None

    def forget(self):
        with self._lock:
            self._changes += 1
            self._state = None

    def _listening(self):
        """Whether this process still listens, having heard nothing; starts listening if
        it did not (to a new cache after the settings changed, or after a fork)."""
        # Each thread has a cache object of its own, made from these settings.
        shared = settings.CACHES["default"]
        if shared is not self._cache or os.getpid() != self._pid:
            self._stop()
            self._cache, self._pid, self._failed_at = shared, os.getpid(), None
        if self._listener is None:
            if not hasattr(caches["default"], "listen"):  # a cache of this process alone
                return False
            failed = self._failed_at
            if failed is not None and monotonic() - failed < settings.CACHE_RETRY_SECONDS:
                return False  # as the cache itself rests after a failure (core.cache)
            try:
                self._listener = call_cache("listen", CHANGES_CHANNEL)
            except CacheUnavailable:
                self._failed_at = monotonic()
            return False  # anything read before now may be what was announced
        try:
            heard = self._listener.heard()
        except Exception as error:  # redis.ConnectionError, ...: announcements were lost
            logger.warning("Stopped hearing of content changes: %s", error)
            self._stop()
            return False
        if heard:
            self._changes += 1
            self._state = None
        return True

    def _stop(self):
        if self._listener is not None:
            with suppress(Exception):  # it is closed either way
                self._listener.close()
        self._listener = self._state = None
        self._changes += 1


_process_copy = _ProcessCopy()


def _forget():
    if this_request.get():
        this_request.set("")
    _process_copy.forget()
    try:
        call_cache("set", CHANGED_KEY, uuid.uuid4().hex, None)
        call_cache("delete", STATE_KEY)
        if hasattr(caches["default"], "announce"):
            call_cache("announce", CHANGES_CHANNEL)
    except CacheUnavailable:
        _owed.set()
        settle_soon(settle_owed_version)
    else:
        _forgotten.set(True)


def settle_owed_version():
    """Give the cache the new version this process owes it, if any; False while it still
    cannot be reached. The page-cache middleware tries at every request, staff's included,
    so the debt is paid as soon as the cache is back, not at the next visitor's page."""
    if _owed.is_set():
        _owed.clear()
        _forget()
    return not _owed.is_set()


# What this process owes the cache and tries to settle by itself (`settle_soon`).
_settlers = set()
_settlers_lock = threading.Lock()


def settle_soon(settle):
    """Call `settle()` every CACHE_RETRY_SECONDS, in a thread of this process's own, until it
    says the debt is paid (returns True).

    Requests settle debts as they begin, but the worker that owes one may serve none for a
    long while (the staff member's next page may go to another), and until it pays, every
    other process keeps serving what the change made stale.
    """
    with _settlers_lock:
        idle = not _settlers
        _settlers.add(settle)
    if idle:
        _settle_later()


def _settle_later():
    timer = threading.Timer(settings.CACHE_RETRY_SECONDS, _settle_owed)
    timer.daemon = True  # a debt does not keep a stopping process alive
    timer.start()


def _settle_owed():
    with _settlers_lock:
        owed = list(_settlers)
    paid = set()
    try:
        paid = {settle for settle in owed if settle()}
    finally:
        connections.close_all()  # this thread's own, opened to make the next version
        with _settlers_lock:
            _settlers.difference_update(paid)
            if _settlers:
                _settle_later()


def forget_content_version(*_args, **_kwargs):
    """Make every cached page stale. Safe to call often: it is one cache delete, and inside
    a transaction only the first call of it costs one (an import saves an item's rows,
    links and tags in one, each sending signals)."""
    connection = transaction.get_connection()
    if (
        connection.in_atomic_block
        and _forgotten.get()
        and any(
            func is _forget_and_make_next for _savepoints, func, _robust in connection.run_on_commit
        )
    ):
        # Deleted already in this transaction, and deleted again at its commit (for other
        # processes, which may have made a version from the rows as they were before it).
        return
    _forget()
    # Also after commit: a visitor who read the old rows before the commit may have stored
    # a page under a version made in between.
    transaction.on_commit(_forget_and_make_next)


def _forget_and_make_next():
    """Forget the version, then make the next one from the rows as committed: the saver,
    not the first visitor after the save, asks every schedule when pages next change (a
    query per app with a schedule). A batch of saves (core.batches) makes it once, at its
    end."""
    _forget()
    if not later(_make_next_version, key=None):
        _make_next_version()


def _make_next_version(_keys=()):
    with suppress(CacheUnavailable, DatabaseError):  # the first visitor makes it, as ever
        # Unless a visitor has made one meanwhile, from the same committed rows.
        _made_version(timezone.now(), "add")


def _made_version(now, store):
    """A new version's state, stored with the cache's `store` ("set" or "add"); None if
    content changed while it was made, and then nothing is stored (on Redis, with "add",
    also if another version was kept already).

    Making one asks every schedule when pages next change. A save that commits meanwhile
    (scheduling an article sooner, say) forgets the version, but that may come before this
    one is stored: stored after it, this one would expire too late, and the article stay
    off cached pages until the next change. Each forgetting first marks CHANGED_KEY, so a
    change is seen here by the mark it left, whichever came first.
    """
    before = call_cache("get", CHANGED_KEY)
    state = _new_state(now)
    if hasattr(caches["default"], "set_unless_changed"):
        # Redis stores it only if the mark is still as it was, in one step: stored and
        # deleted again, it could be read in between beside generations the save renewed,
        # which would name what is kept by its expiry (pagecache.totals).
        stored = call_cache(
            "set_unless_changed", STATE_KEY, state, CHANGED_KEY, before, store == "add"
        )
        return state if stored else None
    # A cache of this process alone: only its own threads can read it in between.
    call_cache(store, STATE_KEY, state, None)
    if call_cache("get", CHANGED_KEY) != before:
        # Perhaps another's version made after the change, and made again if so.
        call_cache("delete", STATE_KEY)
        return None
    return state


# Models an app says are not content (see `not_content`).
_not_content_models = set()


def not_content(model):
    """Say that `model`'s rows never show on a public page (an app's private records, such
    as enquiries sent to staff), so saving one leaves cached pages as they are. An app calls
    this in its `AppConfig.ready()`."""
    _not_content_models.add(model)


def _content_changed(sender, **kwargs):
    if (
        sender._meta.app_label in NOT_CONTENT_APPS
        or sender in _not_content_models
        or sender is apps.get_model(settings.AUTH_USER_MODEL)
    ):
        return
    forget_content_version()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_content_changed, dispatch_uid=f"pagecache-{signal}")


# Callables that say when public pages next change by themselves; apps register them.
_schedules = []


def register_schedule(next_change):
    """Have every content version expire at `next_change()`, a datetime, or None when
    nothing is due: an app calls this in its `AppConfig.ready()` for content that changes
    by itself (an article scheduled to go live)."""
    if next_change not in _schedules:
        _schedules.append(next_change)


def _next_change(now):
    """When public pages next change by themselves: the earliest change an app registered,
    or else midnight, when dates take effect (a member's leaving date)."""
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    midnight = timezone.make_aware(datetime.combine(tomorrow, time.min))
    scheduled = [change for next_change in _schedules if (change := next_change()) is not None]
    return min([*scheduled, midnight])


def _new_state(now):
    return {"version": uuid.uuid4().hex, "expires": _next_change(now)}


def _fresh(state, now):
    # A version made by an earlier release may have no expiry (it had no midnight).
    return state is not None and (state["expires"] is None or now < state["expires"])


def _remember(version):
    _forgotten.set(False)
    if this_request.get() is not None:  # inside a request
        this_request.set(version)
    return version


def _known_version():
    """The content version if this request or this process knows it, without asking the
    shared cache; else None, and what `_ProcessCopy.keep` needs."""
    if remembered := this_request.get():
        return remembered, None
    if not settle_owed_version():  # still unreachable: the page is made uncached
        raise CacheUnavailable
    state, token = _process_copy.read()
    if _fresh(state, timezone.now()):
        return _remember(state["version"]), None
    return None, token  # not known, or a scheduled change fell due


def content_version():
    """The current content version, made anew when content changed or a schedule fell due."""
    version, token = _known_version()
    return version or _read_version(call_cache("get", STATE_KEY), token)


def _read_version(state, token):
    now = timezone.now()
    if not _fresh(state, now) and (state := _made_version(now, "set")) is None:
        # Content changed while the version was made: this request still needs one, and
        # what it keeps under it is never read by another.
        return _remember(uuid.uuid4().hex)
    _process_copy.keep(state, token)
    return _remember(state["version"])


def content_version_and(key):
    """The current content version and the value kept at `key` under it (None if none):
    this process's copy of the value if it has one, else read from the shared cache with
    the version, in one round trip, where the version is not known yet. A page served from
    the cache costs one read at most, and none once this process has read it.

    The value is kept with the version it was made under, which is checked here, at a key
    without it; what is kept under a version never changes, so a copy of it in this
    process's memory (CACHES["pages"]) is as good as the shared one.
    """
    version, token = _known_version()
    if version is None:
        found = call_cache("get_many", [STATE_KEY, key])
        version, kept = _read_version(found.get(STATE_KEY), token), found.get(key)
    elif (kept := caches["pages"].get(key)) is None or kept[0] != version:
        kept = call_cache("get", key)
    else:
        return version, kept[1]
    if kept is None or kept[0] != version:
        return version, None
    _keep_here(key, kept, settings.PAGE_CACHE_SECONDS)
    return version, kept[1]


def keep_with_version(key, version, value, seconds):
    """Keep `value` at `key` with the version it was made under, for `content_version_and`."""
    _keep_here(key, (version, value), seconds)
    call_cache("set", key, (version, value), seconds)


def _keep_here(key, kept, seconds):
    # Only read while this process knows the version without asking the shared cache.
    if _process_copy.listening:
        caches["pages"].set(key, kept, seconds)


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
