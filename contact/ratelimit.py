"""How many enquiries one address has sent lately, counted in the cache (no cookie needed)."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from core.visitors import visitor_address

logger = logging.getLogger(__name__)


def over_limit(request):
    """Count this enquiry against its sender's address; True once it is over the limit.

    The address is found as sign-in throttling finds it (`TRUSTED_PROXY_COUNT`), and kept
    in the cache only as a keyed hash, for the window's length. A cache that is down lets the
    enquiry through: the other defences still apply.
    """
    address = visitor_address(request)
    digest = salted_hmac("contact.ratelimit", address, algorithm="sha256").hexdigest()
    key = f"contact:sent-from:{digest}"
    try:
        cache.add(key, 0, timeout=settings.CONTACT_RATE_WINDOW_MINUTES * 60)
        count = cache.incr(key)
    except Exception as error:  # each cache backend raises its own errors
        logger.warning("Contact form rate limit unavailable: %r", error)
        return False
    return count > settings.CONTACT_RATE_LIMIT
