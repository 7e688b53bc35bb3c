"""Security middleware: response headers, CSRF for anonymous forms, two-factor sign-in."""

from dataclasses import asdict
from urllib.parse import urlsplit

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.middleware.csrf import CsrfViewMiddleware as DjangoCsrfViewMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import services

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class SecurityHeadersMiddleware(CSPMiddleware):
    """Content-Security-Policy and Permissions-Policy on every response.

    Public pages get the strict policy from ``CONTENT_SECURITY_POLICY``. Under
    the admin prefix the directives in ``CONTENT_SECURITY_POLICY_ADMIN``
    replace theirs: the Wagtail admin needs a few relaxations that public
    pages must never get.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and services.is_admin_path(request.path_info):
            admin = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", {})
            parts = PolicyParts(
                config=parts.config,
                update=parts.update,
                replace={**admin, **(parts.replace or {})},
                nonce=parts.nonce,
            )
        return parts

    # Set by django-csp's view decorators (csp_update, csp_exempt …).
    PER_VIEW_ATTRIBUTES = (
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_exempt",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
        "_csp_exempt_ro",
    )

    def __init__(self, get_response):
        super().__init__(get_response)
        # Building the header costs more than serving a page from the cache;
        # without per-view changes it is the same string every time.
        self._fixed_policies = {}

    def _fixed_policy(self, request):
        admin = services.is_admin_path(request.path_info)
        if admin not in self._fixed_policies:
            parts = self.get_policy_parts(request, HttpResponse())
            self._fixed_policies[admin] = build_policy(**asdict(parts))
        return self._fixed_policies[admin]

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            # Wagtail renders previews through the middleware with a simulated
            # request for the page's public URL; the real admin request
            # around it sets the headers.
            return response
        nonce_used = getattr(request, "_csp_nonce", None) is not None
        per_view = any(hasattr(response, name) for name in self.PER_VIEW_ATTRIBUTES)
        no_report_only = not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        if nonce_used or per_view or not no_report_only or settings.DEBUG:
            response = super().process_response(request, response)
        elif HEADER not in response:
            response[HEADER] = self._fixed_policy(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response


class CsrfViewMiddleware(DjangoCsrfViewMiddleware):
    """Django's CSRF protection, without a cookie for anonymous visitors of public pages.

    Public pages must not set cookies, yet the contact form and other public
    forms need protection against cross-site submissions. For a visitor who
    is not signed in (and outside the admin) a POST is accepted when the
    browser says it comes from this site: the ``Origin`` header, or failing
    that ``Sec-Fetch-Site``/``Referer``. Signed-in users and the admin keep
    Django's cookie-and-token check unchanged.
    """

    def _is_cookieless(self, request):
        if services.is_admin_path(request.path_info):
            return False
        user = getattr(request, "user", None)
        return user is None or not user.is_authenticated

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if (
            request.method in SAFE_METHODS
            or getattr(request, "csrf_processing_done", False)
            or getattr(callback, "csrf_exempt", False)
            or getattr(request, "_dont_enforce_csrf_checks", False)
            or not self._is_cookieless(request)
        ):
            return super().process_view(request, callback, callback_args, callback_kwargs)

        if "HTTP_ORIGIN" in request.META:
            if not self._origin_verified(request):
                return self._reject(request, f"Origin {request.META['HTTP_ORIGIN']!r} is not this site.")
            return self._accept(request)
        fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
        if fetch_site:
            if fetch_site in ("same-origin", "none"):
                return self._accept(request)
            return self._reject(request, f"Sec-Fetch-Site is {fetch_site!r}.")
        if self._referer_is_this_site(request):
            return self._accept(request)
        return self._reject(request, "Neither Origin nor Referer names this site.")

    def _referer_is_this_site(self, request):
        referer = request.META.get("HTTP_REFERER", "")
        try:
            netloc = urlsplit(referer).netloc
            return bool(netloc) and netloc == request.get_host()
        except (ValueError, DisallowedHost):
            return False

    def process_response(self, request, response):
        if self._is_cookieless(request):
            # The token rendered into the form is not checked for these
            # visitors; setting its cookie would break the no-cookie promise.
            # CSRF_COOKIE_NEEDS_UPDATE stays set so the page cache can see
            # that the page holds a per-request token.
            return response
        return super().process_response(request, response)


class TwoFactorMiddleware:
    """Staff confirm a one-time code after their password before they reach the admin.

    Must come after ``django_otp.middleware.OTPMiddleware``. A signed-in user
    with a confirmed device whose session is not yet verified is sent to the
    code page. With ``REQUIRE_2FA_FOR_STAFF`` a user without a device is sent
    to the set-up page first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if services.is_admin_path(path) and not services.is_two_factor_exempt_path(path):
            user = request.user
            if user.is_authenticated and not user.is_verified():
                if services.has_two_factor_device(user):
                    return self._redirect("security_two_factor_verify", request)
                required = getattr(settings, "REQUIRE_2FA_FOR_STAFF", False)
                if required and not services.is_two_factor_setup_path(path):
                    return self._redirect("security_two_factor_setup", request)
        return self.get_response(request)

    @staticmethod
    def _redirect(url_name, request):
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        url = reverse(url_name)
        return redirect(f"{url}?{query}" if query else url)


class PublicRequestGuardMiddleware:
    """Requests no public view can serve get a 4xx before they reach one.

    * PUT, PATCH and DELETE: the public site only reads and takes form
      posts, so outside the admin these methods get 405.
    * Integer URL parameters that no database id can reach get 404:
      Django's ``<int:…>`` accepts any number of digits, and SQLite refuses
      integers beyond 64 bits with an OverflowError in the middle of a view.
    """

    MAX_ID = 2**63 - 1
    REFUSED_METHODS = ("PUT", "PATCH", "DELETE")
    ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.REFUSED_METHODS and not services.is_admin_path(request.path_info):
            return HttpResponseNotAllowed(self.ALLOWED_METHODS)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > self.MAX_ID:
                raise Http404
        return None
