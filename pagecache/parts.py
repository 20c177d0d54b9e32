"""Parts of pages kept under the content version: counts, choices, cards, navigation."""

import hashlib
from contextlib import suppress

from django.core.cache import caches
from django.db import DatabaseError

from .versions import CacheUnavailable, call_cache, content_version, release

DERIVED_SECONDS = 60 * 60


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
    with suppress(CacheUnavailable):
        call_cache("set_many", values, seconds)


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
