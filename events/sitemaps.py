from core.addresses import LiveSitemap

from .models import Event


class EventSitemap(LiveSitemap):
    model = Event
    changefreq = "weekly"
