import logging
import time
from functools import partial

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.handlers.base import BaseHandler
from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device
from django_otp.middleware import is_verified

request_log = logging.getLogger("bhp.request")


class RequestLogMiddleware:
    """One log line per request: method, path, status and how long the site took.

    First in the chain, so the time includes every other middleware. The query string is
    left out: it can carry what a visitor searched for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_log.isEnabledFor(logging.INFO):  # production logs warnings only
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        request_log.info(
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


class StaffTwoFactorMiddleware:
    """With `STAFF_REQUIRE_2FA` on, the admin is only for staff signed in with a code.

    Staff without an authenticator app are sent to set one up; staff who have one but whose
    session began without a code (it was signed in before they set it up elsewhere) are
    signed out, to sign in again with it. Only the admin's addresses are checked, so
    visitors' pages never read the session.
    """

    allowed = {"admin:login", "admin:logout", "two-factor"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            not settings.STAFF_REQUIRE_2FA
            or not request.path.startswith(reverse("admin:index"))
            or request.resolver_match.view_name in self.allowed
        ):
            return None
        user = request.user
        if not user.is_authenticated or not user.is_staff or user.is_verified():
            return None
        if user_has_device(user):
            logout(request)
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return redirect("two-factor")


class CachedPolicyMiddleware(ContentSecurityPolicyMiddleware):
    """Django's CSP middleware, with the header of a page that used no nonce (nearly every
    page) built once rather than on every response; and a Permissions-Policy denying
    powerful browser features the site never uses, which Django has no setting for (here
    rather than in a middleware of its own: each one costs every request a layer of calls).
    """

    permissions_policy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

    def __init__(self, get_response):
        super().__init__(get_response)
        self.policies = {}

    def process_response(self, request, response):
        nonce = getattr(request, "_csp_nonce", None)
        if nonce or hasattr(response, "_csp_config") or hasattr(response, "_csp_ro_config"):
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
            return super().process_response(request, response)
        # Settings may change under tests; the key keeps one policy per configuration.
        key = (id(settings.SECURE_CSP), id(settings.SECURE_CSP_REPORT_ONLY))
        if (headers := self.policies.get(key)) is None:
            # What Django's own middleware puts on an empty response, without a nonce.
            empty = super().process_response(request, HttpResponse(headers={}))
            headers = self.policies[key] = dict(empty.headers)
            headers.pop("Content-Type", None)
            headers["Permissions-Policy"] = self.permissions_policy
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response


class VisitorChainMiddleware:
    """A visitor's GET or HEAD with no session cookie goes on through a shorter chain: the
    middlewares listed after this one, less those that only matter to a session
    (`SESSION_ONLY_MIDDLEWARE`: sessions, authentication, two-factor, messages, lockouts).
    Nobody without a session can be signed in, so `request.user` is simply anonymous.
    Everything else (CSRF, the page cache, redirects) runs as it would, and the headers
    middlewares, listed before this one, see every response.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        here = f"{type(self).__module__}.{type(self).__qualname__}"
        middleware = settings.MIDDLEWARE
        following = middleware[middleware.index(here) + 1 :]
        # Django builds a chain only from the setting; it is swapped for the shorter list for
        # as long as that takes, once, at start-up.
        settings.MIDDLEWARE = [m for m in following if m not in settings.SESSION_ONLY_MIDDLEWARE]
        try:
            self.visitor_chain = BaseHandler()
            self.visitor_chain.load_middleware()
        finally:
            settings.MIDDLEWARE = middleware

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or CookieStorage.cookie_name in request.COOKIES
        ):
            return self.get_response(request)
        user = request.user = AnonymousUser()
        user.otp_device = None
        user.is_verified = partial(is_verified, user)
        request.auser = partial(_anonymous, user)
        return self.visitor_chain._middleware_chain(request)


async def _anonymous(user):
    return user
