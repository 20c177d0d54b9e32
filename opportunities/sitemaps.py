from core.addresses import LiveSitemap

from .models import Opportunity


class OpportunitySitemap(LiveSitemap):
    """Closed ones too: their pages stay, saying they have closed."""

    model = Opportunity
    changefreq = "weekly"
