"""Per request: the same page in every offered language, hreflang alternates, notices.

Computed once per request (`language_navigation`) and used by base.html for
the language switcher, the <link rel="alternate" hreflang> tags, og:locale,
and the notice above content that is not (or not fully) in the visitor's
language.
"""

import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import Resolver404, resolve, translate_url
from django.utils.encoding import escape_uri_path
from django.utils.translation import get_language
from wagtail.models import Page

from zib.pagecache import local

from . import services
from .models import TranslationStatus

# Open Graph wants language_TERRITORY; these are the usual ones for the offered languages.
OG_LOCALES = {
    "de": "de_DE",
    "en": "en_GB",
    "fr": "fr_FR",
    "ar": "ar_AR",
    "tr": "tr_TR",
    "ru": "ru_RU",
    "uk": "uk_UA",
    "ro": "ro_RO",
    "fa": "fa_IR",
}


def og_locale(code):
    if code in OG_LOCALES:
        return OG_LOCALES[code]
    language, _sep, region = code.partition("-")
    return f"{language}_{(region or language).upper()}"


@dataclass
class LanguageLink:
    """One entry of the language switcher."""

    code: str
    name_local: str
    url: str
    is_current: bool
    bidi: bool


@dataclass
class LanguageNavigation:
    """What base.html needs to show the page's languages honestly."""

    links: list = field(default_factory=list)
    # (hreflang, absolute URL) of the real translations, then ("x-default", German URL).
    alternates: list = field(default_factory=list)
    # Set when the content is in another language than the visitor's: its code.
    content_language: str | None = None
    notice: str | None = None  # services.MISSING, OUTDATED or INCOMPLETE
    # Machine-translated and not yet reviewed by an editor.
    machine_translated: bool = False
    source_url: str | None = None
    source_language: str | None = None
    source_changed_at: object = None
    og_locale: str = ""
    og_locale_alternates: list = field(default_factory=list)
    # Names this navigation within the cache generation (pages only), for {% fragment %}.
    key: str | None = None

    @property
    def content_language_bidi(self):
        from django.utils.translation import get_language_info

        return bool(self.content_language) and get_language_info(self.content_language)["bidi"]


def swap_language_prefix(url, language_code):
    """/de/foo/?q=1 → /ar/foo/?q=1 for any URL under the language prefix."""
    parts = urlsplit(url)
    segments = parts.path.split("/", 2)  # ["", "de", "foo/"]
    if len(segments) < 2:
        return url
    rest = segments[2] if len(segments) > 2 else ""
    path = f"/{language_code}/{rest}"
    return path + (f"?{parts.query}" if parts.query else "")


def _without_language(path):
    """/ar/foo/bar/ → /foo/bar/"""
    position = path.find("/", 1)
    return path[position:] if position > 0 else "/"


def _versions(page):
    """The page in every language (one query per page and cache generation)."""
    return local.get_or_compute(f"languages:versions:{page.translation_key}", lambda: _query_versions(page))


def _query_versions(page):
    return list(
        Page.objects.filter(translation_key=page.translation_key)
        .select_related("locale")
        .only(
            "id",
            "url_path",
            "path",
            "depth",
            "live",
            "alias_of_id",
            "translation_key",
            "last_published_at",
            "locale__language_code",
        )
    )


def _relative_url(page, request):
    url = page.get_url(request)
    return urlsplit(url).path if url else None


def _statuses(page):
    """Translation status records of the page's versions, per locale (remembered per generation)."""
    return local.get_or_compute(f"languages:statuses:{page.translation_key}", lambda: _query_statuses(page))


def _query_statuses(page):
    content_type = ContentType.objects.get_for_model(Page)
    return {
        status.locale_id: status
        for status in TranslationStatus.objects.filter(
            content_type=content_type, translation_key=page.translation_key
        )
    }


def for_page(request, page):
    """The language navigation for a Wagtail page (served directly or as a fallback)."""
    current = get_language()
    default = settings.LANGUAGE_CODE
    languages = services.offered_languages()
    versions = _versions(page)
    live = {version.locale.language_code: version for version in versions if version.live}
    page_code = next((v.locale.language_code for v in versions if v.pk == page.pk), current)
    source = live.get(default)

    # A sub-route of a routable page (e.g. /de/veranstaltungen/2025/) keeps its suffix.
    page_rest = _without_language(_relative_url(page, request) or "")
    request_rest = _without_language(request.path)
    suffix = request_rest[len(page_rest) :] if page_rest and request_rest.startswith(page_rest) else ""
    base_url = _relative_url(source or page, request)

    nav = LanguageNavigation()
    for language in languages:
        version = live.get(language.code)
        if version is not None:
            url = (_relative_url(version, request) or "") + suffix
        elif base_url:
            # Not translated: the German page under this language's prefix, which
            # shows the German content with a notice (see views.serve).
            url = swap_language_prefix(base_url, language.code) + suffix
        else:
            url = f"/{language.code}/"
        nav.links.append(
            LanguageLink(language.code, language.name_local, url, language.code == current, language.bidi)
        )

    offered_codes = {language.code for language in languages}
    translated = [
        (code, version) for code, version in live.items() if code in offered_codes and not version.alias_of_id
    ]
    for code, version in translated:
        full_url = version.get_full_url(request)
        if full_url:
            nav.alternates.append((code, full_url + suffix))
    if source is not None and not source.alias_of_id:
        full_url = source.get_full_url(request)
        if full_url:
            nav.alternates.append(("x-default", full_url + suffix))

    content_code = page_code
    if page.alias_of_id:
        original = next((v for v in versions if v.pk == page.alias_of_id), None)
        content_code = original.locale.language_code if original else default
    if content_code != current:
        nav.content_language = content_code
        nav.notice = services.MISSING
    elif page_code != default and source is not None:
        statuses = _statuses(page)
        if page.locale_id not in statuses or source.locale_id not in statuses:
            # Content from before the status was tracked: record it once.
            services.ensure_recorded([page, source])
            statuses = _query_statuses(page)
        target_status = statuses.get(page.locale_id)
        source_status = statuses.get(target_status.source_locale_id) if target_status else None
        state = services.status_of(target_status, source_status)
        if state in (services.OUTDATED, services.INCOMPLETE):
            nav.notice = state
            nav.source_changed_at = source_status.content_changed_at if source_status else None
        nav.machine_translated = bool(target_status and target_status.machine_translated)
    if nav.notice or nav.machine_translated:
        nav.source_language = default if source is not None else content_code
        source_for_link = source if source is not None else page
        nav.source_url = _relative_url(source_for_link, request)

    nav.og_locale = og_locale(content_code)
    nav.og_locale_alternates = [og_locale(code) for code, _v in translated if code != content_code]
    return nav


def remembered_for_page(request, page):
    """``for_page``, remembered per cache generation for the page, language, host and path.

    Everything it reads (the page's versions, offered languages, translation
    statuses) belongs to the generation; the links depend on the address
    (a sub-route keeps its suffix) and the host and scheme (absolute URLs).
    """
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    key = f"languages:nav:{page.pk}:{get_language()}:{digest}"

    def compute():
        nav = for_page(request, page)
        nav.key = key
        return nav

    return local.get_or_compute(key, compute)


def _translated_paths(request, path):
    """``{language code: path}``: ``path`` in every offered language; None if it leads nowhere.

    A path that has no version in a language is given as it is.
    """
    try:
        resolve(request.path_info)
    except Resolver404:
        return None
    return {language.code: translate_url(path, language.code) for language in services.offered_languages()}


def for_view(request):
    """The language navigation for a view that is not a Wagtail page (search, forms …).

    The links keep the query string (a search stays the same search in
    another language). The paths in the other languages are remembered per
    cache generation, language and path, in the ``typed`` in-process cache
    (the path is the visitor's, so a flood of made-up ones only pushes out
    its own kind); the query string is added per request.
    """
    current = get_language()
    nav = LanguageNavigation(og_locale=og_locale(current))
    path = escape_uri_path(request.path)
    query = request.get_full_path()[len(path) :]
    digest = hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()
    paths = local.get_or_compute(
        f"languages:view-paths:{current}:{digest}", lambda: _translated_paths(request, path), alias="typed"
    )
    for language in services.offered_languages():
        translated = paths.get(language.code) if paths is not None else None
        if translated is None or (language.code != current and translated == path):
            url = f"/{language.code}/"
        else:
            url = translated + query
        nav.links.append(
            LanguageLink(language.code, language.name_local, url, language.code == current, language.bidi)
        )
        if paths is not None:
            nav.alternates.append((language.code, request.build_absolute_uri(url)))
    if paths is not None:
        default_url = next((link.url for link in nav.links if link.code == settings.LANGUAGE_CODE), None)
        if default_url:
            nav.alternates.append(("x-default", request.build_absolute_uri(default_url)))
    return nav


def language_navigation(request, page=None):
    """The navigation for this request, computed once and kept on the request."""
    cache_key = page.pk if isinstance(page, Page) else None
    cached = getattr(request, "_zib_language_navigation", None)
    if cached is not None and cached[0] == cache_key:
        return cached[1]
    nav = remembered_for_page(request, page) if isinstance(page, Page) and page.pk else for_view(request)
    request._zib_language_navigation = (cache_key, nav)
    return nav
