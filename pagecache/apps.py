from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from .totals import renew_every_generation
        from .versions import connect_signals, forget_content_version

        connect_signals()
        # A deploy runs migrate: the new code then reads nothing the old code cached. Sent
        # for each app with models; this one has none.
        post_migrate.connect(renew_every_generation, dispatch_uid="pagecache.renew")
        post_migrate.connect(forget_content_version, dispatch_uid="pagecache.forget")
