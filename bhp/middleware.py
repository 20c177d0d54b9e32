import logging
import time

logger = logging.getLogger("bhp.request")


class PermissionsPolicyMiddleware:
    """Deny powerful browser features the site never uses; Django has no setting for this."""

    header = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class RequestLogMiddleware:
    """One log line per request: method, path, status and how long the site took.

    First in the chain, so the time includes every other middleware. The query string is
    left out: it can carry what a visitor searched for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        logger.info(
            "%s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response
