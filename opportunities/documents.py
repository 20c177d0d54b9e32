"""Which documents visitors may download: an application form is public while the
opportunity that offers it is (added to documents' rules in OpportunitiesConfig.ready())."""

from django.db.models import Exists, OuterRef, Q

from .models import Opportunity, ShareLink


def downloadable(request):
    """Documents offered as how to apply by a live opportunity, or by the one a reviewer
    previews through a valid share link (`?preview=`)."""
    opportunities = Opportunity.objects.live()
    share_link = ShareLink.from_token(request.GET.get("preview", ""))
    if share_link is not None:
        opportunities = Opportunity.objects.filter(
            Q(pk__in=opportunities) | Q(pk=share_link.opportunity_id)
        )
    return Exists(opportunities.filter(apply_document=OuterRef("pk")))
