"""What is kept across content changes that do not touch it: how many objects of a model
are live (the news index's total) and what else is derived from which are live (the news
filters' choices), and parts that show the rows of only a few models (the navigation).

Every save makes a new content version, and every part kept under the old one is then
stale; but most saves change what an article says, not whether it is live, and counting
100,000 live articles again cost more than the rest of the news index. So a model whose
live set is tracked (`track_live_set`, from an app's `AppConfig.ready()`) has a live-set
generation, renewed only when a save makes an object live or not live, or changes when a
live one went live (its year), or an object is deleted. The live set also changes by
itself when a scheduled change falls due, so a total is kept under the generation and the
moment the content version expires (`_name`).

What is kept this way may depend on more than which objects are live: the filters' choices
also depend on what live articles link to and on the names of what they link to. The app
that keeps such a thing renews the generation itself when those change (`renew_live_set`).

The model's manager gives `live()` and `next_change()` (core.publishing), its objects
`is_live`.

A model whose rows are tracked (`track_rows`) has a rows generation, renewed by every save,
delete or change of links of one of its rows, by a staff POST to its admin pages other than
the add and change forms (a bulk action updates rows without signals; those forms save with
them) and by `migrate`. A part kept with the rows of some models
(`cached_for_rows`) is made again only when one of those generations is renewed or a
scheduled change falls due: the people index is not rendered again after an article is
edited. Code that updates such rows without signals (`QuerySet.update()`) must call
`renew_rows` itself.

A model tracked row by row (`track_each_row`) also has a generation for each row, renewed by
that row's saves, delete and links, and one for all its rows, renewed by what changes rows
without saying which (`renew_rows(model)`, the admin's bulk actions, `migrate`). A part that
shows one row and the rows of a few other models (`cached_each_for_rows`: an article's card,
its page's links) is then kept across every other row's changes: editing one article leaves
every other article's card as it was.
"""

import threading
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.template.loader import render_to_string
from django.utils import timezone

from .parts import _keep, _read, _short_key, cached_for_content
from .versions import (
    STATE_KEY,
    CacheUnavailable,
    _forget,
    _forget_and_make_next,
    _fresh,
    call_cache,
    content_version,
    release,
    settle_soon,
)

# The fields whose values decide whether an object is live.
SHOWN_BY = frozenset({"status", "publish_at", "unpublish_at"})
KEPT_SECONDS = 24 * 60 * 60

# The generations (their keys) this thread has renewed and not read since: until it reads one
# (and may keep something counted from rows it has just changed), renewing again changes
# nothing.
_renewed = ContextVar("generations_renewed", default=frozenset())

# The generations (by key) and the content version's state the current request has read; None
# outside a request (`read_once_a_request`).
_read_this_request = ContextVar("generations_read", default=None)

# Generations that could not be renewed while the cache was down: a cache that kept its
# totals through the outage must not serve them again once it is back.
_owed = set()
_owed_lock = threading.Lock()

# Labels of the models whose rows generation is renewed when they change (`track_rows`),
# and of each of their many-to-many through models, with the model whose links it holds.
_tracked_rows = set()
_links_of = {}
LINKS_CHANGED = {"post_add", "post_remove", "post_clear"}

# Labels of the models whose rows also each have a generation (`track_each_row`).
_tracked_each = set()

# Labels of the models whose live set is tracked (`track_live_set`).
_tracked_live_sets = set()


def track_live_set(model):
    label = model._meta.label
    _tracked_live_sets.add(label)
    pre_save.connect(_remember_live, sender=model, dispatch_uid=f"live-set-before:{label}")
    post_save.connect(_compare_live, sender=model, dispatch_uid=f"live-set-after:{label}")
    post_delete.connect(renew_live_set, sender=model, dispatch_uid=f"live-set-delete:{label}")


def _remember_live(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and SHOWN_BY.isdisjoint(update_fields):
        return
    # A restore saves a deserialised copy of an object that may exist: look it up. What
    # decides whether it is live, if it is: a live article moved to another date changes
    # what is counted by year. A scheduled one counts as live: what is kept is named by the
    # live set's generation and the content version's expiry, and a list kept while the
    # version expired at midnight would be named alike again once a version made at the
    # scheduled time expires at midnight too, so scheduling must renew the generation.
    row = sender.objects.filter(pk=instance.pk)
    shown = (row.live() | row.scheduled()).values(*SHOWN_BY)
    instance._live_before_save = (shown.first() if instance.pk is not None else None) or {}


def _compare_live(sender, instance, **kwargs):
    before = instance.__dict__.pop("_live_before_save", None)
    if before is None:
        return
    if bool(before) != (instance.state in {"Live", "Scheduled"}) or (
        before and any(before[name] != getattr(instance, name) for name in SHOWN_BY)
    ):
        renew_live_set(sender)


def renew_live_set(sender, **kwargs):
    """Forget every total of `sender`'s live objects (see `_renew_soon`)."""
    _renew_soon(_live_set_key(sender))


def track_rows(model):
    """Renew `model`'s rows generation whenever one of its rows is saved or deleted (a proxy's
    too, and a historical model's in a data migration) or its many-to-many links change.
    An app calls this in its `AppConfig.ready()` for each model that a part kept with
    `cached_for_rows` shows."""
    label = model._meta.label
    _tracked_rows.add(label)
    for field in model._meta.many_to_many:
        _links_of[field.remote_field.through._meta.label] = label
    # For every sender: a proxy's saves are sent with the proxy as the sender.
    post_save.connect(renew_rows, dispatch_uid="rows-saved")
    post_delete.connect(renew_rows, dispatch_uid="rows-deleted")
    m2m_changed.connect(_links_changed, dispatch_uid="rows-linked")


def track_each_row(model):
    """As `track_rows`, and each row has a generation of its own (see the module's
    docstring), for parts kept with `cached_each_for_rows`."""
    track_rows(model)
    _tracked_each.add(model._meta.concrete_model._meta.label)


def renew_rows(sender, instance=None, *, pks=None, **kwargs):
    """Forget every part kept with `sender`'s rows (see `_renew_soon`); nothing if no part
    is kept with them. Parts kept with one row (`track_each_row`) are forgotten for the row
    changed (`instance`, as a signal gives it) or the rows with these `pks`; given neither,
    for every row, as the change may have been to any of them."""
    label = sender._meta.concrete_model._meta.label
    if label not in _tracked_rows:
        return
    if label not in _tracked_each:
        _renew_soon(_rows_key(sender))
        return
    if pks is None and instance is not None:
        pks = [instance.pk]
    rows = [_every_row_key(sender)] if pks is None else [_row_key(sender, pk) for pk in pks]
    _renew_soon(_rows_key(sender), *rows)


def _links_changed(sender, action, instance, reverse, model, pk_set, **kwargs):
    if action not in LINKS_CHANGED or not (label := _links_of.get(sender._meta.label)):
        return
    if pk_set == set():  # nothing linked or unlinked: taggit says so at every form save
        return
    holder = apps.get_model(label)
    if label not in _tracked_each:
        _renew_soon(_rows_key(holder))
    elif not reverse:
        _renew_soon(_rows_key(holder), _row_key(holder, instance.pk))
    elif pk_set is None:  # cleared from the other side: which rows is not said
        _renew_soon(_rows_key(holder), _every_row_key(holder))
    else:
        _renew_soon(_rows_key(holder), *(_row_key(holder, pk) for pk in pk_set))


def renew_every_generation(**kwargs):
    """Make every total and part kept with a generation again, as a new content version does
    for the rest: after a migration, which may change rows without signals."""
    _renew(
        *(_live_set_key(apps.get_model(label)) for label in _tracked_live_sets),
        *(_rows_key(apps.get_model(label)) for label in _tracked_rows),
        *(_every_row_key(apps.get_model(label)) for label in _tracked_each),
    )


def settle_owed_generations():
    """Renew the generations this process could not renew while the cache was down, each as
    at a commit (forgetting the content version too), so that every process makes what is
    kept with them again, not only this one when it next reads them. The page-cache
    middleware calls this at every request, as `settle_owed_version`; False while the
    cache still cannot be reached."""
    if not _owed:
        return True
    with _owed_lock:
        owed = set(_owed)
        _owed.clear()
    _RenewAtCommit(owed)()
    return not _owed


def _renew_soon(*keys):
    """Renew the generations at `keys` now, and again once the transaction commits (what is
    kept in between was made from the rows as they were). Inside a transaction only the
    first call for a key costs anything until this thread next reads a generation, as for
    the content version (pagecache.versions.forget_content_version); at commit, every key
    is renewed at once."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _RenewAtCommit(keys)()  # committed already: once is enough
        return
    hooks, pending = _at_commit.get()
    # A commit or rollback replaces the list of callbacks; a test that runs them leaves it.
    if hooks is not connection.run_on_commit or pending.done:
        pending = _RenewAtCommit()
        transaction.on_commit(pending)
        _at_commit.set((connection.run_on_commit, pending))
    renewed = _renewed.get()
    if due := [key for key in keys if key not in renewed or key not in pending.keys]:
        _renew(*due)
        pending.keys.update(due)


# The renewals this thread's transaction will make at commit, with the connection's list of
# commit callbacks that holds them: an import saving thousands of rows in one transaction
# makes one callback, which makes the next content version once.
_at_commit = ContextVar("generations_at_commit", default=(None, None))


class _RenewAtCommit:
    def __init__(self, keys=()):
        self.keys = set(keys)
        self.done = False

    def __call__(self):
        self.done = True
        # The version is forgotten first: one made before the commit (from the schedules as
        # they were) and read beside the renewed generations would name what a visitor keeps
        # from the committed rows by the old expiry, and that name comes back once a later
        # version expires then too (after a take-down time the save set, say).
        _forget()
        # The commit's other callbacks may have made the next content version first, and a
        # visitor in between kept an old total under it, read under the generation this
        # replaces: that version must not outlive it.
        if _renew(*self.keys):
            _forget_and_make_next()


def _live_set_key(model):
    return f"live-set:{model._meta.label}"


def _rows_key(model):
    return f"rows:{model._meta.concrete_model._meta.label}"


def _every_row_key(model):
    return f"every-row:{model._meta.concrete_model._meta.label}"


def _row_key(model, pk):
    return f"row:{model._meta.concrete_model._meta.label}:{pk}"


def _lasts(key):
    # A row's generation may be forgotten: another is made, and what was kept under the old
    # one is never read again. Kept for ever, one per row would fill the cache.
    return KEPT_SECONDS if key.startswith("row:") else None


@contextmanager
def read_once_a_request():
    """Inside the block, each generation is read once: every part a request keeps is named
    by the generations as the request first read them (until it renews one itself).

    The page-cache middleware wraps each request in this. So a page's parts agree: markup
    kept with rows, made from rows or choices another part of the request read and kept
    with the same models, is never kept under a newer generation than those rows were (a
    save committed between the two would otherwise be kept under its own generation, stale
    until the next). What a part reads itself is read after the first read, so it is as
    fresh as its name or fresher. And a page that shows the rows of the same models in
    several parts asks the shared cache once.
    """
    started = _read_this_request.set({})
    try:
        yield
    finally:
        _read_this_request.reset(started)


def _renew(*keys):
    """Whether the generations at `keys` were renewed (in a round trip to the cache for
    each lifetime, not one per key); if not, they are owed."""
    if (read := _read_this_request.get()) is not None:
        read.clear()  # what this request keeps next is made from rows it has changed
    lasting = {}
    for key in keys:
        lasting.setdefault(_lasts(key), {})[key] = uuid.uuid4().hex
    try:
        for seconds, generations in lasting.items():
            call_cache("set_many", generations, seconds)
    except CacheUnavailable:
        with _owed_lock:
            _owed.update(keys)
        settle_soon(settle_owed_generations)
        return False
    _renewed.set(_renewed.get() | set(keys))
    return bool(keys)


def _name(keys, next_change):
    """Names the generations at `keys`: the same name, the same generations, so the same
    live objects or rows.

    The generations, and when the content version expires: the first moment after it was
    made at which anything scheduled changes (`next_change()` if no version says), so
    nothing went live or was taken down by itself between that moment and now. None if no
    version says and `next_change` is None: then nothing is kept under a name.
    """
    return _names([keys], next_change)[0]


def _names(key_lists, next_change):
    """`_name` of each list of keys, all read in one round trip to the cache."""
    settle_owed_generations()
    wanted = list(dict.fromkeys(key for keys in key_lists for key in keys))
    with _owed_lock:
        if _owed.intersection(wanted):
            raise CacheUnavailable
    _renewed.set(frozenset())
    read = _read_this_request.get()
    found = {key: read[key] for key in wanted if key in read} if read else {}
    state = read.get(STATE_KEY) if read else None
    missing = [key for key in wanted if key not in found]
    if missing or not _fresh(state, timezone.now()):
        found |= call_cache("get_many", [*missing, STATE_KEY])
        state = found.pop(STATE_KEY, None)
    for key in missing:
        if key not in found:
            # If another worker has just made one, theirs stands, and what is kept under
            # this one is never read.
            found[key] = uuid.uuid4().hex
            call_cache("add", key, found[key], _lasts(key))
    if not _fresh(state, timezone.now()):
        # No version since content changed: make it, so that this name and the next ones
        # agree (the next read finds its expiry) and what is kept now is read again.
        content_version()
        state = call_cache("get", STATE_KEY)
    if read is not None:
        read |= found
        read[STATE_KEY] = state
    if _fresh(state, timezone.now()) and state["expires"] is not None:
        expires = state["expires"]
    elif next_change is None:
        return [None] * len(key_lists)
    else:
        expires = next_change()
    expiry = expires.isoformat() if expires else "never"
    return [":".join([*(found[key] for key in keys), expiry]) for keys in key_lists]


def cached_for_live_set(model, key, compute, *, row=None):
    """`compute()`, kept until which `model` objects are live changes (or the generation is
    renewed for another reason: see the module's docstring); with `row`, an object of a
    model tracked with `track_each_row`, also until that row changes.

    Also kept under the content version, as any content part is, so a render before the
    next change asks nothing more of the shared cache; after a change, one read names the
    live set, and `compute()` runs only if that changed too.
    """
    key = f"{key}:{model._meta.label}"
    keys = [_live_set_key(model)]
    if row is not None:
        if (label := row._meta.concrete_model._meta.label) not in _tracked_each:
            raise ImproperlyConfigured(
                f"A part is kept with a row whose changes nobody tracks (track_each_row): {label}"
            )
        keys += [_row_key(type(row), row.pk), _every_row_key(type(row))]
    return _kept_with(keys, model.objects.next_change, key, compute)


def cached_for_rows(models, key, compute):
    """`compute()`, kept until a row of one of `models` changes (each tracked with
    `track_rows`) or a scheduled change falls due: for a part that shows nothing else, such
    as the navigation, which an article's edit leaves as it was.

    Kept under the content version too, as `cached_for_live_set` is.
    """
    # When the shared cache has lost the version this process still trusts (a copy of it:
    # pagecache.versions._ProcessCopy), asking every schedule when pages next change would
    # cost more than the part: it is made again instead, and kept under the version only.
    return _kept_with(sorted(map(_rows_key, _tracked(models))), None, key, compute)


def _kept_with(generations, next_change, key, compute):
    """`compute()` kept under the name of the `generations` (their keys), and by this worker
    under the content version with the generations it was named by.

    A request uses this worker's copy only if it names what it keeps by the same
    generations (`read_once_a_request`), and from then on names the rest by them too: a
    copy made before a save committed, used beside a part named after it, would make that
    part from the old rows and keep it under the new name. Otherwise it is made again, or
    read, under the request's own name.
    """
    name = partial(_name, generations, next_change)

    def made():
        value = _kept_under(name, key, compute)
        read = _read_this_request.get() or {}
        return value, {
            generation: read[generation] for generation in generations if generation in read
        }

    value, named_by = cached_for_content(key, made, shared=False)
    if (read := _read_this_request.get()) is None:
        return value
    if any(read.get(generation, found) != found for generation, found in named_by.items()):
        return made()[0]
    for generation, found in named_by.items():
        read.setdefault(generation, found)
    return value


def rendered_for_rows(models, key, template_name, context):
    """`template_name` rendered with `context()`, kept as `cached_for_rows` keeps a value: for
    an inclusion tag's markup, which took longer to render again at every request than to
    read, even from kept rows."""
    return cached_for_rows(models, key, lambda: render_to_string(template_name, context()))


def cached_each_for_rows(rows, key, compute, *, shows):
    """A value for each of `rows` (saved objects of models tracked with `track_each_row`),
    each kept until that row changes, a row of one of the models in `shows` changes (each
    tracked with `track_rows`) or a scheduled change falls due; all read in one round trip.

    `key(row)` names a row's value, `compute(rows)` gives the values of the rows not kept
    yet, in their order, as `pagecache.parts.cached_each_for_content` has them. Call it from
    that function's `compute`, so that a page's parts cost one read until content changes.
    """
    shared = sorted(map(_rows_key, _tracked(shows)))
    untracked = {row._meta.concrete_model._meta.label for row in rows} - _tracked_each
    if untracked:
        raise ImproperlyConfigured(
            f"Parts are kept with rows whose changes nobody tracks (track_each_row): {untracked}"
        )
    names = partial(
        _names,
        [[_row_key(type(row), row.pk), _every_row_key(type(row)), *shared] for row in rows],
        None,
    )
    return _kept_each(names, rows, key, compute)


def _tracked(models):
    labels = [model._meta.label for model in models]
    if untracked := [label for label in labels if label not in _tracked_rows]:
        raise ImproperlyConfigured(
            f"A part is kept with rows whose changes nobody tracks (track_rows): {untracked}"
        )
    return models


def _kept_under(name, key, compute):
    return _kept_each(lambda: [name()], [key], str, lambda keys: [compute()])[0]


def _kept_each(names, items, key, compute):
    # What is kept under a name never changes, so each worker keeps its own copy too.
    try:
        named = names()
        if None in named:
            return compute(items)
        keys = [
            _short_key(f"{key(item)}:{name}:{release()}")
            for item, name in zip(items, named, strict=True)
        ]
        found = _read(keys)
    except CacheUnavailable:
        return compute(items)
    if missing := {key: item for key, item in zip(keys, items, strict=True) if key not in found}:
        computed = dict(zip(missing, compute(list(missing.values())), strict=True))
        _keep(computed, KEPT_SECONDS)
        found |= computed
    return [found[key] for key in keys]
