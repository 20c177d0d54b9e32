from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"

    def ready(self):
        from core import dashboard
        from core.redirects import keep_addresses
        from documents.models import add_download_rule
        from pagecache.totals import track_each_row, track_live_set, track_rows
        from pagecache.versions import register_schedule

        from . import signals
        from .documents import downloadable
        from .models import Article, linked_models

        # Cached pages expire when a scheduled article goes live or is taken down.
        register_schedule(Article.objects.next_change)
        track_live_set(Article)
        # An article's page and its card are kept with its row and the rows it links to,
        # so editing one article leaves the others' as they were.
        track_each_row(Article)
        for model in linked_models():
            track_rows(model)
        signals.connect()
        add_download_rule(downloadable)
        keep_addresses(
            Article, Article.objects.live, shown_by=("status", "publish_at", "unpublish_at")
        )
        dashboard.register(Article, write="Write an article")
