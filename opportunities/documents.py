"""Which documents visitors may download: an application form is public while the
opportunity that offers it is (added to documents' rules in OpportunitiesConfig.ready())."""

from django.db.models import Exists, OuterRef

from .models import Opportunity, ShareLink


def downloadable(request):
    """Documents offered as how to apply by a live opportunity, or by the one a reviewer
    previews through a valid share link (`?preview=`)."""
    opportunities = ShareLink.with_previewed(request, Opportunity.objects.live())
    return Exists(opportunities.filter(apply_document=OuterRef("pk")))
