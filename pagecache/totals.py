"""How many objects of a model are live (the news index's total), kept across content
changes that leave which objects are live as they were.

Every save makes a new content version, and every count kept under the old one is then
stale; but most saves change what an article says, not whether it is live, and counting
100,000 live articles again cost more than the rest of the news index. So a model whose
live set is tracked (`track_live_set`, from an app's `AppConfig.ready()`) has a live-set
generation, renewed only when a save makes an object live or not live, or an object is
deleted. The live set also changes by itself when a scheduled change falls due, so a total
is kept under the generation and the moment the content version expires (`_live_set`).

The model's manager gives `live()` and `next_change()` (core.publishing), its objects
`is_live`.
"""

import threading
import uuid
from contextlib import suppress

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from .versions import STATE_KEY, CacheUnavailable, call_cache

# The fields whose values decide whether an object is live.
SHOWN_BY = frozenset({"status", "publish_at", "unpublish_at"})
TOTAL_SECONDS = 24 * 60 * 60

# Models whose generation could not be renewed while the cache was down: a cache that kept
# its totals through the outage must not serve them again once it is back.
_owed = set()
_owed_lock = threading.Lock()


def track_live_set(model):
    label = model._meta.label
    pre_save.connect(_remember_live, sender=model, dispatch_uid=f"live-set-before:{label}")
    post_save.connect(_compare_live, sender=model, dispatch_uid=f"live-set-after:{label}")
    post_delete.connect(renew_live_set, sender=model, dispatch_uid=f"live-set-delete:{label}")


def _remember_live(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and SHOWN_BY.isdisjoint(update_fields):
        return
    # A restore saves a deserialised copy of an object that may exist: look it up.
    live = sender.objects.live()
    instance._live_before_save = instance.pk is not None and live.filter(pk=instance.pk).exists()


def _compare_live(sender, instance, **kwargs):
    was_live = instance.__dict__.pop("_live_before_save", None)
    if was_live is not None and was_live != instance.is_live:
        renew_live_set(sender)


def renew_live_set(sender, **kwargs):
    """Forget every total of `sender`'s live objects; now, and again once the transaction
    commits (a total counted in between would count the rows as they were)."""
    _renew(sender)
    transaction.on_commit(lambda: _renew(sender))


def _generation_key(model):
    return f"live-set:{model._meta.label}"


def _renew(model):
    try:
        call_cache("set", _generation_key(model), uuid.uuid4().hex, None)
    except CacheUnavailable:
        with _owed_lock:
            _owed.add(model)


def _live_set(model):
    """Names the set of live `model` objects: the same name, the same objects.

    Its generation, and when the content version expires: the first moment after it was
    made at which anything scheduled changes, so no object went live or was taken down by
    itself between that moment and now. Both are read in one round trip to the cache.
    """
    with _owed_lock:
        owed = model in _owed
        _owed.discard(model)
    if owed:
        _renew(model)
        if model in _owed:
            raise CacheUnavailable
    found = call_cache("get_many", [_generation_key(model), STATE_KEY])
    if (generation := found.get(_generation_key(model))) is None:
        # If another worker has just made one, theirs stands, and what is kept under this
        # one is never read.
        generation = uuid.uuid4().hex
        call_cache("add", _generation_key(model), generation, None)
    state = found.get(STATE_KEY) or {}
    if (expires := state.get("expires")) is None or timezone.now() >= expires:
        expires = model.objects.next_change()
    return f"{generation}:{expires.isoformat() if expires else 'never'}"


def live_total(model):
    """How many `model` objects are live, counted only when which are live has changed."""
    try:
        key = f"live-total:{model._meta.label}:{_live_set(model)}"
        if (total := call_cache("get", key)) is None:
            total = model.objects.live().count()
            with suppress(CacheUnavailable):
                call_cache("set", key, total, TOTAL_SECONDS)
        return total
    except CacheUnavailable:
        return model.objects.live().count()
