from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "opportunities"
    verbose_name = "Opportunities"

    def ready(self):
        from core import dashboard
        from core.redirects import keep_addresses
        from documents.models import Document, add_download_rule
        from pagecache.totals import track_rows
        from pagecache.versions import register_schedule

        from .documents import downloadable
        from .models import Opportunity

        # Cached pages expire when an opportunity opens, starts closing soon or closes, and
        # when a scheduled one goes live or is taken down: no job needs to run.
        register_schedule(Opportunity.objects.next_change)
        # The home page's list, each subject's and each opportunity's page are kept with them.
        track_rows(Opportunity)
        track_rows(Document)
        add_download_rule(downloadable)
        keep_addresses(
            Opportunity,
            Opportunity.objects.live,
            shown_by=("status", "publish_at", "unpublish_at"),
        )
        dashboard.register(Opportunity, write="Add an opportunity")
