"""Serve anonymous visitors from the page cache; set sensible Cache-Control headers."""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    get_max_age,
    patch_cache_control,
)
from django.utils.http import parse_http_date_safe

from zib.security.services import is_admin_path

from . import local, services

CACHEABLE_METHODS = ("GET", "HEAD")
MAX_QUERY_STRING = 512
MAX_CONTENT_LENGTH = 2 * 1024 * 1024
# Vary headers that the cache key already covers (language) or that cannot
# differ between the anonymous visitors the cache serves.
HARMLESS_VARY = {"accept-language", "cookie", "accept-encoding"}
CACHE_STATUS_HEADER = "X-Page-Cache"


def is_cacheable_request(request):
    """Anonymous GET/HEAD of a public address, without a session or a byte range."""
    return (
        not getattr(request, "is_dummy", False)  # Wagtail's simulated request for a preview
        and request.method in CACHEABLE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_RANGE" not in request.META
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
        and not is_admin_path(request.path_info)
    )


def is_cacheable_response(request, response):
    """A complete 200 page that is the same for every anonymous visitor."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # holds a per-request CSRF token
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    if not vary <= HARMLESS_VARY:
        return False
    return len(response.content) <= MAX_CONTENT_LENGTH


class GenerationMiddleware:
    """Read the cache generation once per request; the local caches use it for their keys."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.cache_generation = services.current_generation()
        token = local.activate(request.cache_generation)
        local.recall_site(request)
        try:
            response = self.get_response(request)
            local.remember_site(request)
            return response
        finally:
            local.deactivate(token)


class PageCacheMiddleware:
    """The server-side cache of public pages for anonymous visitors.

    Sits right after the locale middleware: a hit is answered before
    sessions, CSRF, authentication or any database query. Signed-in users
    (anyone with a session cookie), the admin, POST and every response that
    sets a cookie, holds a CSRF token or is not a plain 200 bypass it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not services.is_enabled() or not is_cacheable_request(request):
            response = self.get_response(request)
            self._patch_headers(request, response)
            return response

        key = services.entry_key(request)
        generation, entry = services.lookup(key, getattr(request, "cache_generation", None))
        if entry is not None:
            return self._from_entry(request, entry)

        response = self.get_response(request)
        view_max_age = get_max_age(response)  # a view may bound how long its page stays valid
        if is_cacheable_response(request, response) and view_max_age != 0:
            if not response.has_header("ETag"):
                response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
            self._patch_headers(request, response)
            services.store(
                key,
                generation,
                view_max_age,
                response.status_code,
                [(name, value) for name, value in response.items()],
                response.content,
            )
            response[CACHE_STATUS_HEADER] = "miss"
            return self._conditional(request, response)
        self._patch_headers(request, response)
        return response

    def _from_entry(self, request, entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response[CACHE_STATUS_HEADER] = "hit"
        response = self._conditional(request, response)
        if request.method == "HEAD":
            response.content = b""
        return response

    @staticmethod
    def _conditional(request, response):
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )

    @staticmethod
    def _patch_headers(request, response):
        """Cache-Control for browsers and proxies, unless the view set its own."""
        if response.has_header("Cache-Control") or is_admin_path(request.path_info):
            return
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            add_never_cache_headers(response)  # a form with a per-request token
        elif request.method in CACHEABLE_METHODS and response.status_code == 200:
            if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
