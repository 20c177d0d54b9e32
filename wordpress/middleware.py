from django.db import DatabaseError
from django.http import HttpResponsePermanentRedirect

from .addresses import new_address


class OldAddressMiddleware:
    """Sends visitors on the old WordPress site's addresses to the new ones, permanently.

    Cheap for every other request: it acts only on the home page's address with a query
    string (`/?p=8077`, which the home page would otherwise answer, from the page cache) and
    on pages nothing else found (404s). Listed before the page cache's fast path for the
    first, and outside every other middleware so that it sees the 404s of both chains.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reading = request.method in ("GET", "HEAD")
        query = request.META.get("QUERY_STRING", "")
        if (
            reading
            and query
            and request.path_info == "/"
            and (redirect := self.redirect(request, query))
        ):
            return redirect
        response = self.get_response(request)
        if reading and response.status_code == 404:
            return self.redirect(request, query) or response
        return response

    @staticmethod
    def redirect(request, query):
        try:
            url = new_address(request.path_info, query)
        except DatabaseError:
            return None  # the database is away: the page answers as it would have
        if url and url != request.path:
            return HttpResponsePermanentRedirect(url)
        return None
