from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"

    def ready(self):
        from core import dashboard
        from core.redirects import keep_addresses
        from pagecache.totals import track_rows
        from pagecache.versions import register_schedule

        from .models import Event

        # Cached pages change by themselves when an event goes live, is taken down or
        # finishes (it is then past, and its page says so).
        register_schedule(Event.objects.next_change)
        track_rows(Event)  # the home page's list, and each subject's, are kept with them
        keep_addresses(Event, Event.objects.live, shown_by=("status", "publish_at", "unpublish_at"))
        dashboard.register(Event, write="Add an event")
