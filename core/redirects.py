"""Addresses that move stay found: when something visitors can see gets a new slug, its old
address redirects to the new one (Django's RedirectFallbackMiddleware serves redirects,
with a 301, for any address nothing else answers).

Kept by signals so every way of saving is covered: the admin, a restore, the shell.
"""

import logging

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.db.models.signals import post_save, pre_save

from members.models import Organisation
from news.models import Article
from strategy.models import Priority, ResearchTheme

logger = logging.getLogger(__name__)

# Models whose address is made from their slug, and the ones of each that visitors see.
VISIBLE = {
    Article: Article.objects.live,
    Organisation: Organisation.objects.all,
    ResearchTheme: ResearchTheme.objects.all,
    Priority: Priority.objects.all,
}
# What a save must touch to move an address, or to show or hide what is at it.
ADDRESS_FIELDS = {"slug", "status", "publish_at", "unpublish_at"}
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
    return VISIBLE[type(instance)]().filter(pk=instance.pk)


def _may_move(update_fields):
    return update_fields is None or not ADDRESS_FIELDS.isdisjoint(update_fields)


def remember_address(sender, instance, update_fields=None, **kwargs):
    # A restore saves the object as new (a deserialised copy) but it may exist: look it up.
    if instance.pk is None or not _may_move(update_fields):
        return
    before = _visible(instance).only("slug").first()
    instance._visible_address_before_save = before and before.get_absolute_url()


def redirect_old_address(sender, instance, update_fields=None, **kwargs):
    if not _may_move(update_fields):
        return
    old = instance.__dict__.pop("_visible_address_before_save", None)
    new = instance.get_absolute_url()
    if old and old != new:
        record_move(old, new)
    elif _visible(instance).exists():
        # The page answers at its address again: a redirect from it would come back to
        # life, and lead away from the page, as soon as the page went.
        Redirect.objects.filter(site_id=settings.SITE_ID, old_path=new).delete()


for model in VISIBLE:
    pre_save.connect(remember_address, sender=model, dispatch_uid=f"remember_address:{model}")
    post_save.connect(redirect_old_address, sender=model, dispatch_uid=f"redirect:{model}")
