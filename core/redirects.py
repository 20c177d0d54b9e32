"""Addresses that move stay found: when something visitors can see gets a new slug, its old
address redirects to the new one (Django's RedirectFallbackMiddleware serves redirects,
with a 301, for any address nothing else answers).

Kept by signals so every way of saving is covered: the admin, a restore, the shell. Each app
names its models whose address is made from their slug, from its AppConfig.ready(), with
`keep_addresses()`.
"""

import logging

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.db.models.signals import post_save, pre_save

logger = logging.getLogger(__name__)

# Each model whose address is made from its slug: what gives the objects visitors see, and
# the fields a save must touch to move an address, or to show or hide what is at it.
KEPT = {}
ADDRESS_LIMIT = min(Redirect._meta.get_field(name).max_length for name in ("old_path", "new_path"))


def record_move(old_path, new_path):
    """Send visitors from `old_path` to `new_path`, without chains or loops."""
    if max(len(old_path), len(new_path)) > ADDRESS_LIMIT:
        logger.warning("No redirect from %s to %s: too long to record", old_path, new_path)
        return
    redirects = Redirect.objects.filter(site_id=settings.SITE_ID)
    # Redirects to the old address go straight to the new one.
    redirects.filter(new_path=old_path).update(new_path=new_path)
    # One from the new address would loop (it was moved away from and back).
    redirects.filter(old_path=new_path).delete()
    Redirect.objects.update_or_create(
        site_id=settings.SITE_ID, old_path=old_path, defaults={"new_path": new_path}
    )


def _visible(instance):
    visible, _ = KEPT[type(instance)]
    return visible().filter(pk=instance.pk)


def _may_move(instance, update_fields):
    _, fields = KEPT[type(instance)]
    return update_fields is None or not fields.isdisjoint(update_fields)


def remember_address(sender, instance, update_fields=None, **kwargs):
    # A restore saves the object as new (a deserialised copy) but it may exist: look it up.
    if instance.pk is None or not _may_move(instance, update_fields):
        return
    before = _visible(instance).only("slug").first()
    instance._visible_address_before_save = before and before.get_absolute_url()


def redirect_old_address(sender, instance, update_fields=None, **kwargs):
    if not _may_move(instance, update_fields):
        return
    old = instance.__dict__.pop("_visible_address_before_save", None)
    new = instance.get_absolute_url()
    if old and old != new:
        record_move(old, new)
    elif _visible(instance).exists():
        # The page answers at its address again: a redirect from it would come back to
        # life, and lead away from the page, as soon as the page went.
        Redirect.objects.filter(site_id=settings.SITE_ID, old_path=new).delete()


def keep_addresses(model, visible, shown_by=()):
    """Redirect the old address of a `model` object whose slug changes. `visible()` gives
    the objects visitors see (a queryset), the only ones whose address is worth keeping;
    `shown_by` names the fields that show or hide an object (a status, say)."""
    KEPT[model] = (visible, {"slug", *shown_by})
    pre_save.connect(remember_address, sender=model, dispatch_uid=f"remember_address:{model}")
    post_save.connect(redirect_old_address, sender=model, dispatch_uid=f"redirect:{model}")
