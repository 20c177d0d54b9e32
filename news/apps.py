from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"

    def ready(self):
        from pagecache.versions import register_schedule

        from .models import Article

        # Cached pages expire when a scheduled article goes live or is taken down.
        register_schedule(Article.objects.next_change)
