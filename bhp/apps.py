from django.apps import AppConfig


class BhpConfig(AppConfig):
    name = "bhp"
    verbose_name = "Site and staff accounts"

    def ready(self):
        from . import pagecache

        pagecache.connect_signals()
