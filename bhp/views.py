import functools
import sys
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.views import defaults, static
from django.views.generic import TemplateView
from health_check.views import HealthCheckView

from core.storage import shown_inline
from members.models import Organisation
from news.models import Article
from pagecache.parts import cached_for_content
from strategy.models import Priority, ResearchTheme

HOME_FEATURED = 3
HOME_LATEST = 6


class HomeView(TemplateView):
    template_name = "home.html"
    query_parameters = ()

    def get_context_data(self, **kwargs):
        # The news the home page lists is the same for every visitor until content changes.
        # Members, themes and priorities appear only in parts of the page kept with their
        # rows (home.html), so they are passed uncalled: the template reads them only when
        # it renders such a part again.
        return super().get_context_data(
            **cached_for_content("home", self.news),
            members=self.members,
            themes=self.themes,
            # Two parts show the priorities (key figures, then the list): one query for both.
            priorities=functools.cache(self.priorities),
            **kwargs,
        )

    @staticmethod
    def news():
        # Only which articles: their cards read the rest (news' article_cards).
        live = Article.objects.live().only("pk")
        featured = list(live.filter(featured=True)[:HOME_FEATURED])
        latest = list(live.exclude(pk__in=[a.pk for a in featured])[:HOME_LATEST])
        return {"featured": featured, "latest": latest}

    @staticmethod
    def members():
        return Organisation.objects.current_members().only("name", "slug", "summary")

    @staticmethod
    def themes():
        return ResearchTheme.objects.only("title", "slug", "summary")

    @staticmethod
    def priorities():
        return Priority.objects.only("title", "slug", "summary").with_headline_figure()


class HealthView(HealthCheckView):
    """Readiness for load balancers: 200 when the database and the cache answer, else 503.

    The public sees only that; which check failed, and why, goes to the log.
    """

    checks = ("health_check.checks.Database", "health_check.checks.Cache")

    async def get(self, request, *args, **kwargs):
        checked = await super().get(request, *args, **kwargs)
        if checked.status_code == 200:
            return HttpResponse("ok\n", content_type="text/plain")
        return HttpResponse("unavailable\n", content_type="text/plain", status=503)


DATABASE_RETRY_AFTER_SECONDS = 30


def server_error(request):
    """The 500 page, or, when the database cannot be reached, a 503 page saying so plainly.

    Django's handler500 sees every exception nothing else answered, wherever it was raised:
    in a view, in reading a signed-in person's session, or in looking an unknown address up
    among the old site's redirects after the 404. Nothing is kept from the failed attempt:
    Django replaces a broken connection at the start of the next request, so the site
    recovers by itself once the database is back.
    """
    if not isinstance(sys.exception(), OperationalError | InterfaceError):
        return defaults.server_error(request)
    response = render(request, "503.html", status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


DOCUMENTS_FOLDER = "documents/"

# Uploads are other people's files: they must never run as part of this site.
MEDIA_POLICY = "default-src 'none'; sandbox"


def media(request, path):
    """Serve an upload from MEDIA_ROOT so that it cannot run script in a visitor's browser.

    Used when uploads are on local disk; object storage applies the same rules itself.
    Documents are only ever downloaded through `documents:download`, which checks that an
    article showing them is live.
    """
    if path.startswith(DOCUMENTS_FOLDER):
        raise Http404("Documents are downloaded from their own page.")
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Security-Policy"] = MEDIA_POLICY
    if not shown_inline(path):
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=Path(path).name
        )
    return response
