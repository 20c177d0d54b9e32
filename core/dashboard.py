"""The admin home page as a dashboard: what each person is working on and what is due.

Kinds of content with a publishing workflow (a QuerySet with `drafts()`, `scheduled()` and
`live()`, a `publish_at` time and the `created_by`/`updated_by` stamps) join it with one
line, usually in their app's `ready()`:

    dashboard.register(Article, write="Write an article")

Content due for review comes from every model with a review date (`core.reviews`), so it
needs no registration. "Waiting for you" lists items due for review that the person last
changed, until a review workflow adds its own requests with `register_waiting`.

Every list is cut to `LIMIT` items and costs one query per kind of content, however much
content there is.

Each list takes its items from the admin's own list for this person (`get_queryset`), so
it shows only what the admin shows them and links only to pages that open for them. Those
who may not publish a kind (Contributors) see only their own items of it there: another's
draft may be under embargo. The site-wide lists, what is due for review and the reports,
are for those who see everyone's (`sees_whole_site`).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format

from .reviews import items_to_review, reviewable_admins

LIMIT = 5


@dataclass(frozen=True)
class Kind:
    model: type
    write: str  # the label of the button that starts a new one, e.g. "Write an article"


@dataclass(frozen=True)
class Entry:
    """One line of a dashboard list: the item, what it is, where to edit it, and when."""

    item: object
    kind: str
    url: str
    when: datetime | None = None
    note: str = ""


_kinds = []
_waiting = []


def register(model, *, write):
    """Show `model`'s drafts, schedule and recent publications on the dashboard."""
    if model not in [kind.model for kind in _kinds]:
        _kinds.append(Kind(model, write))


def register_waiting(source):
    """Add what waits for someone: `source(request)` returns a list of `Entry`."""
    if source not in _waiting:
        _waiting.append(source)


def _entry(item, when=None, note=""):
    opts = item._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
    return Entry(item, str(opts.verbose_name).capitalize(), url, when, note)


def _first(entries, latest=False):
    """The first `LIMIT` of several kinds' entries, by time (the latest first if asked)."""
    return sorted(entries, key=lambda entry: entry.when, reverse=latest)[:LIMIT]


def review_due_last_changed_by_you(request):
    """Until reviews arrive: content due for review that this person changed last."""
    entries = []
    for model_admin in reviewable_admins(request):
        model = model_admin.model
        if not any(field.name == "updated_by" for field in model._meta.fields):
            continue
        items = model_admin.get_queryset(request).review_needed()
        items = items.filter(updated_by=request.user)[:LIMIT]
        entries += [_entry(item, note=f"Review by {date_format(item.review_by)}") for item in items]
    return sorted(entries, key=lambda entry: entry.item.review_by)[:LIMIT]


register_waiting(review_due_last_changed_by_you)


@dataclass
class Dashboard:
    write: list  # (label, address) of the kinds this person may add
    drafts: list
    scheduled: list
    published: list
    review: list
    waiting: list
    whole_site: bool  # whether to show what is due for review across the site


def _admins(request, site):
    """The admins of the registered kinds whose items this person may see."""
    for kind in _kinds:
        model_admin = site.get_model_admin(kind.model) if site.is_registered(kind.model) else None
        if model_admin is not None and model_admin.has_view_permission(request):
            yield kind, model_admin


def sees_whole_site(request, site=admin.site):
    """Whether this person may publish every kind of content they may see, and so sees
    everyone's items, drafts too, in the admin (as in `core.previews`). The site-wide
    review list and reports name everyone's items; those who may not publish (Contributors)
    see only their own in the admin, and another's draft may be under embargo."""
    return all(
        request.user.has_perm(f"{kind.model._meta.app_label}.publish_{kind.model._meta.model_name}")
        for kind, _ in _admins(request, site)
    )


def build(request, site=admin.site):
    """The dashboard for this person: only the kinds of content they may see, and of each
    only the items the admin lists for them."""
    user = request.user
    write, drafts, scheduled, published = [], [], [], []
    for kind, model_admin in _admins(request, site):
        opts = kind.model._meta
        if model_admin.has_add_permission(request):
            write.append((kind.write, reverse(f"admin:{opts.app_label}_{opts.model_name}_add")))
        # Not `objects`: the change pages find items in the admin's list only, and another's
        # item outside it answers "doesn't exist" (its title is not theirs to read either).
        objects = model_admin.get_queryset(request)
        mine = Q(created_by=user) | Q(updated_by=user)
        drafts += [
            _entry(item, item.updated_at)
            for item in objects.drafts().filter(mine).order_by("-updated_at")[:LIMIT]
        ]
        scheduled += [
            _entry(item, item.publish_at)
            for item in objects.scheduled().order_by("publish_at", "pk")[:LIMIT]
        ]
        published += [
            _entry(item, item.publish_at)
            for item in objects.live().order_by("-publish_at", "-pk")[:LIMIT]
        ]
    # Contributors get no review list: much of it (members, themes) they may only view;
    # their own items due for review wait for them in "Waiting for you".
    whole_site = sees_whole_site(request, site)
    review = items_to_review(request, reviewable_admins(request, site), LIMIT) if whole_site else []
    return Dashboard(
        write=write,
        drafts=_first(drafts, latest=True),
        scheduled=_first(scheduled),
        published=_first(published, latest=True),
        review=[Entry(e.item, e.kind, e.url, note=e.status) for e in review[:LIMIT]],
        waiting=[entry for source in _waiting for entry in source(request)][:LIMIT],
        whole_site=whole_site,
    )
