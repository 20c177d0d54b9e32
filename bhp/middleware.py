import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

request_log = logging.getLogger("bhp.request")


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
