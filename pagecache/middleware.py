import functools
import hashlib
from contextlib import suppress
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError
from django.http import QueryDict
from django.middleware.http import ConditionalGetMiddleware
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from .parts import written_at_end
from .totals import read_once_a_request, renew_rows, settle_owed_generations
from .versions import (
    CacheUnavailable,
    content_version_and,
    forget_content_version,
    keep_with_version,
    release,
    settle_owed_version,
    this_request,
)

UNCACHEABLE = {"private", "no-store", "no-cache"}
# The admin views whose POST saves one object through the model, with its signals.
SAVED_WITH_SIGNALS = ("_add", "_change")


def _signed_in(request):
    # Only staff have accounts on this site.
    return request.user.is_authenticated


def _page_query(request):
    """The query string of the parameters the page reads, in one order, with each one's
    last value (what `request.GET[name]` gives a view) and none left empty; narrows the
    request to it. None when the view names no parameters and the address has some.
    """
    if not request.META.get("QUERY_STRING"):
        return ""  # nothing to narrow (most visits), and no need to resolve the path
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    parameters = _query_parameters(request.path_info, urlconf)
    if parameters is None:
        return None
    query = urlencode(
        sorted((name, value) for name in parameters if (value := request.GET.get(name)))
    )
    request.GET = QueryDict(query)
    request.META["QUERY_STRING"] = query
    return query


@functools.lru_cache(maxsize=4096)
def _query_parameters(path, urlconf):
    """The query parameters the view at `path` names (None if it names none). A URLconf
    never changes while the process runs, so each path is resolved once, not at every
    hit: resolving was a tenth of a page served from the cache."""
    try:
        view = resolve(path, urlconf).func
    except Resolver404:
        return None
    return getattr(getattr(view, "view_class", view), "query_parameters", None)


def _page_key(request, query):
    address = f"{request.get_host()}{request.path}?{query}".encode()
    return f"page:{release()}:{hashlib.sha256(address).hexdigest()}"


def _look_up(request):
    """The key this visitor's page is kept under, the content version, and the page kept
    there under that version (None when there is none), or Nones for a page never kept;
    done once a request, by whichever middleware asks first.

    A page is kept with the version it was made under, at a key without it, so that the
    version and the page are read together, in one round trip to the cache at most (see
    `content_version_and`); a page made under an older version is simply not served, and
    is replaced when the page is stored.
    """
    if not hasattr(request, "_page_cache"):
        query = _page_query(request)
        if query is None:
            request._page_cache = None, None, None
        else:
            try:
                key = _page_key(request, query)
                version, page = content_version_and(key)
            except (CacheUnavailable, DatabaseError):
                # Render as if uncached; a database outage then gets the site's 503 page.
                request._page_cache = None, None, None
            else:
                request._page_cache = key, version, page
    return request._page_cache


class _VersionPerRequest:
    """Reads the content version at most once a request (see `this_request`); the outermost
    page-cache middleware sets this up, and a request never carries it over to the next."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if this_request.get() is not None:  # an outer page-cache middleware did it
            return self.respond(request)
        started = this_request.set("")
        settle_owed_version()
        settle_owed_generations()
        try:
            with written_at_end(), read_once_a_request():
                return self.respond(request)
        finally:
            this_request.reset(started)


class VisitorFastPathMiddleware(_VersionPerRequest):
    """Answer a visitor's GET or HEAD from the page cache at once, when the request carries
    no session cookie: nobody without a session can be signed in, so the session,
    CSRF, authentication, two-factor and lockout middlewares (listed after this one) have
    nothing to do for it. Listed after everything that puts headers on every response
    (security headers, CSP), so a page from here carries exactly the headers of a rendered
    one. With a session cookie, AnonymousPageCacheMiddleware decides once the user is known.
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        # The ETag check and 304 of Django's own middleware, which this answer skips.
        self.conditional = ConditionalGetMiddleware(get_response)

    def respond(self, request):
        if (
            request.method in ("GET", "HEAD")
            and settings.PAGE_CACHE_SECONDS
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            response = _look_up(request)[2]
            if response is not None:
                response["X-Page-Cache"] = "hit"
                return self.conditional.process_response(request, response)
        return self.get_response(request)


class AnonymousPageCacheMiddleware(_VersionPerRequest):
    """Serve visitors' GET requests from the cache; see the package docstring for the rules.

    Sits after AuthenticationMiddleware (to know staff) and before everything a cached
    response must still pass through on its way out (CSP, security headers, ETags).
    """

    def respond(self, request):
        if request.method not in ("GET", "HEAD"):
            response = self.get_response(request)
            if response.status_code < 400 and _signed_in(request):
                forget_content_version()
                # An admin action may have updated the model's rows without signals, and not
                # said which. The add and change forms save through the model, which says.
                match = request.resolver_match
                model_admin = match and getattr(match.func, "model_admin", None)
                if model_admin and not (match.url_name or "").endswith(SAVED_WITH_SIGNALS):
                    renew_rows(model_admin.model)
            return response
        if not settings.PAGE_CACHE_SECONDS or _signed_in(request):
            return self.get_response(request)
        key, version, response = _look_up(request)
        if key is None:
            return self.get_response(request)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(response):
            response["X-Page-Cache"] = "miss"
            patch_cache_control(response, no_cache=True)
            # Made once, here, rather than by ConditionalGetMiddleware at every hit; and what
            # the session and common middlewares add on the way out, which a page from the
            # fast path never passes through.
            set_response_etag(response)
            patch_vary_headers(response, ("Cookie",))
            response.headers.setdefault("Content-Length", str(len(response.content)))
            with suppress(CacheUnavailable):
                keep_with_version(key, version, response, settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _storable(response):
        directives = {
            part.split("=")[0].strip().lower()
            for part in response.get("Cache-Control", "").split(",")
        }
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not directives & UNCACHEABLE
        )
