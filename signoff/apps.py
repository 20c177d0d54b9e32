from django.apps import AppConfig
from django.db.models.signals import post_save


class SignOffConfig(AppConfig):
    name = "signoff"
    verbose_name = "Member sign-off"

    def ready(self):
        from news.models import Article
        from pagecache.versions import not_content

        from .models import SignOff

        # Sign-offs never show on a public page: an answer leaves cached pages as they are.
        not_content(SignOff)
        post_save.connect(invalidate_changed, sender=Article, dispatch_uid="signoff-invalidate")


def invalidate_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    """A sign-off holds only for the text it was given for: saving another text ends it."""
    from .models import SIGNED_FIELDS, SignOff

    if raw:  # fixtures: nothing was signed off
        return
    # A save of other fields alone (featuring it, the search words) cannot change the text.
    if update_fields is not None and not set(update_fields) & set(SIGNED_FIELDS):
        return

    SignOff.objects.invalidate_changed(instance)
