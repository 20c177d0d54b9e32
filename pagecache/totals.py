"""How many objects of a model are live (the news index's total), and what else is derived
from which are live (the news filters' choices), kept across content changes that leave
which objects are live as they were.

Every save makes a new content version, and every count kept under the old one is then
stale; but most saves change what an article says, not whether it is live, and counting
100,000 live articles again cost more than the rest of the news index. So a model whose
live set is tracked (`track_live_set`, from an app's `AppConfig.ready()`) has a live-set
generation, renewed only when a save makes an object live or not live, or changes when a
live one went live (its year), or an object is deleted. The live set also changes by
itself when a scheduled change falls due, so a total is kept under the generation and the
moment the content version expires (`_live_set`).

What is kept this way may depend on more than which objects are live: the filters' choices
also depend on what live articles link to and on the names of what they link to. The app
that keeps such a thing renews the generation itself when those change (`renew_live_set`).

The model's manager gives `live()` and `next_change()` (core.publishing), its objects
`is_live`.
"""

import threading
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from .parts import _keep, _read, cached_for_content
from .versions import (
    STATE_KEY,
    CacheUnavailable,
    _forget_and_make_next,
    _fresh,
    call_cache,
    content_version,
    release,
)

# The fields whose values decide whether an object is live.
SHOWN_BY = frozenset({"status", "publish_at", "unpublish_at"})
KEPT_SECONDS = 24 * 60 * 60

# The models whose generation this thread has renewed and not read since: until it reads one
# (and may keep something counted from rows it has just changed), renewing again changes
# nothing.
_renewed = ContextVar("live_sets_renewed", default=frozenset())

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
    # A restore saves a deserialised copy of an object that may exist: look it up. What
    # decides whether it is live, if it is: a live article moved to another date changes
    # what is counted by year.
    live = sender.objects.live().filter(pk=instance.pk).values(*SHOWN_BY)
    instance._live_before_save = (live.first() if instance.pk is not None else None) or {}


def _compare_live(sender, instance, **kwargs):
    before = instance.__dict__.pop("_live_before_save", None)
    if before is None:
        return
    if bool(before) != instance.is_live or (
        before and any(before[name] != getattr(instance, name) for name in SHOWN_BY)
    ):
        renew_live_set(sender)


def renew_live_set(sender, **kwargs):
    """Forget every total of `sender`'s live objects; now, and again once the transaction
    commits (a total counted in between would count the rows as they were). Inside a
    transaction only the first call costs anything until this thread next reads the
    generation, as for the content version (pagecache.versions.forget_content_version)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _RenewAtCommit(sender)()  # committed already: once is enough
        return
    if sender in _renewed.get() and any(
        func == _RenewAtCommit(sender) for _, func, _ in connection.run_on_commit
    ):
        return
    _renew(sender)
    transaction.on_commit(_RenewAtCommit(sender))


@dataclass(frozen=True)
class _RenewAtCommit:
    """Equal for equal models, so a pending renewal is found among a commit's callbacks."""

    model: type

    def __call__(self):
        _renew(self.model)
        # The commit's other callbacks may have made the next content version first, and a
        # visitor in between kept an old total under it, read under the generation this
        # replaces: that version must not outlive it.
        _forget_and_make_next()


def _generation_key(model):
    return f"live-set:{model._meta.label}"


def _renew(model):
    try:
        call_cache("set", _generation_key(model), uuid.uuid4().hex, None)
    except CacheUnavailable:
        with _owed_lock:
            _owed.add(model)
    else:
        _renewed.set(_renewed.get() | {model})


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
    _renewed.set(frozenset())
    found = call_cache("get_many", [_generation_key(model), STATE_KEY])
    if (generation := found.get(_generation_key(model))) is None:
        # If another worker has just made one, theirs stands, and what is kept under this
        # one is never read.
        generation = uuid.uuid4().hex
        call_cache("add", _generation_key(model), generation, None)
    state = found.get(STATE_KEY)
    if not _fresh(state, timezone.now()):
        # No version since content changed: make it, so that this name and the next ones
        # agree (the next read finds its expiry) and what is kept now is read again.
        content_version()
        state = call_cache("get", STATE_KEY)
    if _fresh(state, timezone.now()) and state["expires"] is not None:
        expires = state["expires"]
    else:
        expires = model.objects.next_change()
    return f"{generation}:{expires.isoformat() if expires else 'never'}"


def cached_for_live_set(model, key, compute):
    """`compute()`, kept until which `model` objects are live changes (or the generation is
    renewed for another reason: see the module's docstring).

    Also kept under the content version, as any content part is, so a render before the
    next change asks nothing more of the shared cache; after a change, one read names the
    live set, and `compute()` runs only if that changed too.
    """
    label = model._meta.label
    return cached_for_content(f"{key}:{label}", lambda: _kept_for_live_set(model, key, compute))


def _kept_for_live_set(model, key, compute):
    # What is kept under a generation never changes, so each worker keeps its own copy too.
    try:
        key = f"{key}:{model._meta.label}:{_live_set(model)}:{release()}"
        if (value := _read([key]).get(key)) is None:
            value = compute()
            _keep({key: value}, KEPT_SECONDS)
        return value
    except CacheUnavailable:
        return compute()
