"""Which documents visitors may download as a publication's PDF (added to documents' rules
in PublicationsConfig.ready())."""

from django.db.models import Exists, OuterRef

from .models import Publication, ShareLink


def downloadable(request):
    """The PDF of a live publication, or of the one a valid preview link (`?preview=`) shows."""
    publications = ShareLink.with_previewed(request, Publication.objects.live())
    return Exists(publications.filter(pdf=OuterRef("pk")))
