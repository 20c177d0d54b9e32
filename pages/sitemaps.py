from core.addresses import LiveSitemap

from .models import Page


class PageTreeSitemap(LiveSitemap):
    model = Page
    fields = ("path",)
    changefreq = "monthly"
