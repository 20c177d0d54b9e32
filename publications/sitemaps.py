from core.addresses import LiveSitemap

from .models import Publication


class PublicationSitemap(LiveSitemap):
    model = Publication
    changefreq = "yearly"
