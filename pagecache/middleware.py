import hashlib
from contextlib import suppress
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError
from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

from .versions import (
    CacheUnavailable,
    call_cache,
    content_version,
    forget_content_version,
    release,
    settle_owed_version,
    this_request,
)

UNCACHEABLE = {"private", "no-store", "no-cache"}


def _signed_in(request):
    # Only staff have accounts on this site.
    return request.user.is_authenticated


def _page_query(request):
    """The query string of the parameters the page reads, in one order, with each one's
    last value (what `request.GET[name]` gives a view) and none left empty; narrows the
    request to it. None when the view names no parameters and the address has some.
    """
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        view = None
    parameters = getattr(getattr(view, "view_class", view), "query_parameters", None)
    if parameters is None:
        return None if request.META.get("QUERY_STRING") else ""
    query = urlencode(
        sorted((name, value) for name in parameters if (value := request.GET.get(name)))
    )
    request.GET = QueryDict(query)
    request.META["QUERY_STRING"] = query
    return query


class AnonymousPageCacheMiddleware:
    """Serve visitors' GET requests from the cache; see the package docstring for the rules.

    Sits after AuthenticationMiddleware (to know staff) and before everything a cached
    response must still pass through on its way out (CSP, security headers, ETags).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        this_request.version = None
        settle_owed_version()
        try:
            return self._respond(request)
        finally:
            del this_request.version

    def _respond(self, request):
        if request.method not in ("GET", "HEAD"):
            response = self.get_response(request)
            if response.status_code < 400 and _signed_in(request):
                forget_content_version()
            return response
        if not settings.PAGE_CACHE_SECONDS or _signed_in(request):
            return self.get_response(request)
        query = _page_query(request)
        if query is None:
            return self.get_response(request)

        try:
            key = self._key(request, query)
            response = call_cache("get", key)
        except (CacheUnavailable, DatabaseError):
            # Render as if uncached; a database outage then gets the site's 503 page.
            return self.get_response(request)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(response):
            response["X-Page-Cache"] = "miss"
            patch_cache_control(response, no_cache=True)
            with suppress(CacheUnavailable):
                call_cache("set", key, response, settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _key(request, query):
        address = f"{request.get_host()}{request.path}?{query}".encode()
        return f"page:{content_version()}:{release()}:{hashlib.sha256(address).hexdigest()}"

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
