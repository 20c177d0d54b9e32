from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "publications"

    def ready(self):
        from core import dashboard
        from core.redirects import keep_addresses
        from documents.models import Document, add_download_rule
        from pagecache.totals import track_rows
        from pagecache.versions import register_schedule

        from .documents import downloadable
        from .models import Author, Publication

        # Cached pages expire when a scheduled publication goes live or is taken down.
        register_schedule(Publication.objects.next_change)
        # Members', strategy's and people's pages keep their lists with them, and each
        # publication's page is kept with them and its PDF's.
        track_rows(Publication)
        track_rows(Author)
        track_rows(Document)
        add_download_rule(downloadable)
        keep_addresses(
            Publication,
            Publication.objects.live,
            shown_by=("status", "publish_at", "unpublish_at"),
        )
        dashboard.register(Publication, write="Add a publication")
