"""Which documents visitors may download: news decides, since documents are attached to
articles (added to documents' rules in NewsConfig.ready())."""

from django.db.models import Exists, OuterRef

from .models import Article, ShareLink


def downloadable(request):
    """Documents attached to a live article: the only ones visitors may download.

    A report attached to a draft or scheduled article stays private until it goes live,
    except to a reviewer previewing that article through a valid share link (`?preview=`).
    """
    articles = ShareLink.with_previewed(request, Article.objects.live())
    return Exists(articles.filter(documents=OuterRef("pk")))
