"""Language negotiation limited to the languages the site offers.

The URL carries the language (/de/…, /ar/…), so nothing is remembered in a
cookie or session. A visitor arriving without a language prefix (at "/")
gets the best match from the browser's Accept-Language among the offered
languages (those with a Locale), else German. A prefix of a language that
is not offered (any other language Django knows) redirects to German.
"""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

from .services import offered_language_codes


def negotiate_language(accept_language, offered):
    """The best offered language for an Accept-Language header, or None.

    "ar-EG" matches "ar"; "zh-Hant-TW" matches "zh-hant", then "zh".
    """
    offered = set(offered)
    for accepted, _quality in parse_accept_lang_header(accept_language or ""):
        if accepted == "*":
            break
        parts = accepted.lower().split("-")
        for length in range(len(parts), 0, -1):
            candidate = "-".join(parts[:length])
            if candidate in offered:
                return candidate
    return None


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, restricted to offered languages and without the language cookie."""

    def process_request(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_patterns_used, _prefixed_default = is_language_prefix_patterns_used(urlconf)
        offered = offered_language_codes()
        language_from_path = translation.get_language_from_path(request.path_info)
        unoffered = None
        if language_from_path:
            if language_from_path in offered:
                language = language_from_path
            else:
                unoffered = language_from_path
                language = settings.LANGUAGE_CODE
        else:
            language = negotiate_language(request.headers.get("Accept-Language"), offered)
            language = language or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        if unoffered and i18n_patterns_used:
            # /pl/… while Polish is not offered: the same address in German.
            prefix_length = request.path_info.find("/", 1)
            rest = request.path_info[prefix_length:] if prefix_length > 0 else "/"
            target = f"{get_script_prefix()}{settings.LANGUAGE_CODE}{rest}"
            if request.META.get("QUERY_STRING"):
                target += "?" + request.META["QUERY_STRING"]
            redirect = self.response_redirect_class(target)
            patch_vary_headers(redirect, ("Accept-Language",))
            return redirect
        return None

    # Addresses for machines and files live outside the language prefix: a
    # 404 there stays a 404 instead of a redirect to /de/….
    UNPREFIXED_PATHS = ("/admin/", "/documents/", "/podcast/", "/oparl/", "/media/", "/static/")

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(self.UNPREFIXED_PATHS):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
