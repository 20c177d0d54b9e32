"""Parts of pages kept under the content version: counts, choices, cards, navigation."""

import hashlib
from contextlib import contextmanager, suppress
from contextvars import ContextVar

from django.core.cache import caches
from django.db import DatabaseError

from .versions import CacheUnavailable, call_cache, content_version, release

DERIVED_SECONDS = 60 * 60

# What the current request has kept and not yet written to the shared cache, by how long it
# is kept (`written_at_end`); None outside a request, where each part is written at once.
_unwritten = ContextVar("parts_unwritten", default=None)


def _short_key(key):
    # A key can come from a visitor's address (an article's slug), so it can be any length,
    # and hold anything: kept parts are named by text the templates give.
    if len(key) > 200 or not key.isprintable() or " " in key:
        return hashlib.sha256(key.encode()).hexdigest()
    return key


def _versioned_key(version, key):
    return f"content:{version}:{release()}:{_short_key(key)}"


def _read(keys):
    """The values kept for `keys`: this worker's copies, then the shared cache's in one read.

    Every key names a content version, and what is kept under a version never changes, so a
    worker's copy (CACHES["parts"]) is as fresh as the shared one.
    """
    found = caches["parts"].get_many(keys)
    if wanted := [key for key in keys if key not in found]:
        shared = call_cache("get_many", wanted)
        caches["parts"].set_many(shared, DERIVED_SECONDS)
        found |= shared
    return found


def _keep(values, seconds=DERIVED_SECONDS):
    caches["parts"].set_many(values, seconds)
    if (unwritten := _unwritten.get()) is not None:
        unwritten.setdefault(seconds, {}).update(values)
        return
    with suppress(CacheUnavailable):
        call_cache("set_many", values, seconds)


@contextmanager
def written_at_end():
    """Write the parts kept inside the block to the shared cache together, as it ends.

    The page-cache middleware wraps each request in this: a page whose dozen parts were all
    made again after a save wrote each as it was made, a round trip apiece. This worker
    reads them from its own copies meanwhile; another worker that asks first makes its own.
    """
    unwritten = {}
    started = _unwritten.set(unwritten)
    try:
        yield
    finally:
        _unwritten.reset(started)
        for seconds, values in unwritten.items():
            with suppress(CacheUnavailable):
                call_cache("set_many", values, seconds)


def cached_for_content(key, compute, *, shared=True):
    """Something derived from content (a count, a list of choices), kept until it changes.

    Stored under the content version, so it is exactly as fresh as the pages are. Kept
    even when the page cache is off: it is what lets an uncached page skip reading every
    article. `shared` as for `cached_each_for_content`.
    """
    return cached_each_for_content([key], str, lambda keys: [compute()], shared=shared)[0]


def cached_each_for_content(items, key, compute, *, shared=True):
    """A value for each item, each kept until content changes, all read in one round trip.

    For the parts of a page that many pages share, such as article cards: a page of twelve
    cards costs one cache read instead of twelve renders. `key(item)` names an item's value
    among everything cached for content; `compute(items)` gives the values of the items
    not cached yet, in their order, all at once so that it can fetch what they need in bulk.

    Not `shared`: kept by this worker only, for a `compute` that asks the shared cache
    itself (pagecache.totals: what is kept with rows outlives the version, so after a
    change this worker mostly holds it already, and asking the shared cache under the new
    version first would be a round trip that finds nothing).
    """
    try:
        version = content_version()
        keys = [_versioned_key(version, key(item)) for item in items]
        found = _read(keys) if shared else caches["parts"].get_many(keys)
    except (CacheUnavailable, DatabaseError):
        # A new version needs the database (the next scheduled change). Without it, what
        # needs no database is still built: the frame of the page saying it is down.
        return compute(items)
    if missing := {key: item for key, item in zip(keys, items, strict=True) if key not in found}:
        computed = dict(zip(missing, compute(list(missing.values())), strict=True))
        if shared:
            _keep(computed)
        else:
            caches["parts"].set_many(computed, DERIVED_SECONDS)
        found |= computed
    return [found[key] for key in keys]
