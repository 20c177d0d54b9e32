"""Which documents visitors may download as a publication's PDF (added to documents' rules
in PublicationsConfig.ready())."""

from django.db.models import Exists, OuterRef, Q

from .models import Publication, ShareLink


def downloadable(request):
    """The PDF of a live publication, or of the one a valid preview link (`?preview=`) shows."""
    publications = Publication.objects.live()
    share_link = ShareLink.from_token(request.GET.get("preview", ""))
    if share_link is not None:
        publications = Publication.objects.filter(
            Q(pk__in=publications) | Q(pk=share_link.publication_id)
        )
    return Exists(publications.filter(pdf=OuterRef("pk")))
