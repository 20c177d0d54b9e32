from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from core import dashboard
        from pagecache.totals import track_rows
        from pagecache.versions import register_schedule

        from .models import Page

        # Cached pages (and the navigation) change when a scheduled page goes live or down.
        register_schedule(Page.objects.next_change)
        track_rows(Page)  # the navigation is kept with them
        dashboard.register(Page, write="Add a page")
