"""The news filters' choices are kept with the set of live articles (pagecache.totals), so a
save that leaves which articles are live as it was does not work them out again. They also
depend on what live articles link to and on the names of what they link to: a change to
either renews the live set's generation here. So does a change to the people live articles
name, as a person's latest news is kept with the live set too (news_about)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from pagecache.totals import renew_live_set

from .forms import NewsFilterForm
from .models import Article

LINKS_CHANGED = {"post_add", "post_remove", "post_clear"}


def links_changed(sender, instance, action, pk_set, **kwargs):
    # A draft's links offer no choice; an article's links seen from the other side might.
    # Nothing linked or unlinked (taggit says so at every save of the admin's form) is no
    # change.
    if (
        action in LINKS_CHANGED
        and pk_set != set()
        and not (isinstance(instance, Article) and not instance.is_live)
    ):
        renew_live_set(Article)


def choice_changed(sender, **kwargs):
    renew_live_set(Article)


def connect():
    for name in ("tag", *NewsFilterForm.RELATIONS):
        relation = NewsFilterForm.RELATIONS.get(name, "tags")
        through = Article._meta.get_field(relation).remote_field.through
        chosen = NewsFilterForm.base_fields[name].queryset.model
        uid = f"news.choices:{name}"
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"{uid}:links")
        post_save.connect(choice_changed, sender=chosen, dispatch_uid=f"{uid}:saved")
        post_delete.connect(choice_changed, sender=chosen, dispatch_uid=f"{uid}:deleted")
    naming = Article._meta.get_field("people")
    through = naming.remote_field.through
    m2m_changed.connect(links_changed, sender=through, dispatch_uid="news.naming:links")
    # A person deleted takes their links with them, without a signal of the links' own.
    post_delete.connect(choice_changed, sender=naming.related_model, dispatch_uid="news.naming")
