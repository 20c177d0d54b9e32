"""Where a request came from, behind however many trusted reverse proxies."""

from django.conf import settings


def visitor_address(request):
    """The visitor's IP address: the connection's own, or behind `TRUSTED_PROXY_COUNT`
    proxies, the address the outermost of them recorded.

    Each proxy appends the address it was connected from to `X-Forwarded-For`, so with n
    proxies the visitor's is the n-th from the right; anything to its left was written by
    the visitor and is ignored. A header shorter than that did not pass through every
    proxy, and the connection's own address is used.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if count and len(forwarded) >= count and forwarded[-count]:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
