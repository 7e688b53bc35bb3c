"""Every public address of the site, found from the URL configuration and the page tree.

The quality gates (malformed input, browser checks, headers) run over what
these functions return, so a new feature is covered as soon as its URL
patterns, page types or demo content exist — nobody has to add it to a list.
"""

import itertools
import re
import uuid
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import IntConverter, PathConverter, SlugConverter, UUIDConverter
from django.urls.exceptions import Resolver404
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils.regex_helper import normalize
from django.utils.translation import override

# Parts of the URL configuration that are not public pages.
NOT_PUBLIC_PREFIXES = ("admin/", "static/", "media/", "__debug__/")

# Values tried for a URL parameter: a plausible one and an absurd one.
SAMPLE_VALUES = {
    IntConverter: ["1", "99999999999999999999"],
    SlugConverter: ["beispiel"],
    UUIDConverter: [str(uuid.UUID(int=1))],
    PathConverter: ["beispiel/datei.pdf"],
}
DEFAULT_SAMPLES = ["beispiel"]
# For regular-expression patterns: candidates until one matches.
REGEX_CANDIDATES = [
    "beispiel",
    "1",
    "0123456789abcdef/beispiel.mp3",
    "beispiel/",
    "beispiel/unterseite/",
    str(uuid.UUID(int=1)),
    "",
]
MAX_SAMPLES_PER_PATTERN = 4


@dataclass(frozen=True)
class PublicURL:
    """A public address and what it is (for readable failure reports)."""

    path: str
    kind: str  # "pattern" or "page"
    label: str  # URL name or page type


def _level_samples(pattern):
    """Strings one level of a URL pattern can match, with sample parameter values."""
    if isinstance(pattern, LocalePrefixPattern):
        return [pattern.language_prefix]
    if isinstance(pattern, RoutePattern):
        route = str(pattern._route)
        pieces = re.split(r"<(?:[^>:]+:)?([^>]+)>", route)
        # pieces: literal, name, literal, name, …
        options = []
        for index, piece in enumerate(pieces):
            if index % 2 == 0:
                options.append([piece])
            else:
                converter = pattern.converters.get(piece)
                options.append(SAMPLE_VALUES.get(type(converter), DEFAULT_SAMPLES))
        return ["".join(combo) for combo in itertools.product(*options)]
    if isinstance(pattern, RegexPattern):
        results = []
        regex = pattern.regex
        for format_string, params in normalize(regex.pattern):
            for values in itertools.product(REGEX_CANDIDATES, repeat=len(params)):
                candidate = format_string % dict(zip(params, values, strict=True))
                match = regex.match(candidate)
                if match and match.end() == len(candidate):
                    results.append(candidate)
                    break
        return results
    return []


def _walk(patterns, levels=()):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, (*levels, entry.pattern))
        elif isinstance(entry, URLPattern):
            yield (*levels, entry.pattern), entry


def pattern_urls(language="de"):
    """One or a few sample addresses per public URL pattern of the URL configuration."""
    urls = {}
    with override(language):
        for levels, endpoint in _walk(get_resolver().url_patterns):
            samples = [_level_samples(level) for level in levels]
            if not all(samples):
                continue
            for combo in itertools.islice(itertools.product(*samples), MAX_SAMPLES_PER_PATTERN):
                path = "/" + "".join(combo)
                if path.lstrip("/").startswith(NOT_PUBLIC_PREFIXES):
                    continue
                try:
                    resolve(path)
                except Resolver404:
                    continue
                label = endpoint.name or getattr(endpoint.callback, "__name__", "view")
                urls.setdefault(path, PublicURL(path, "pattern", label))
    return list(urls.values())


def page_urls(one_per_type=False):
    """Every live, public page (in every language), with the sub-routes of routable pages."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page

    urls = {}
    seen_types = set()
    pages = Page.objects.live().public().specific().order_by("locale_id", "path")
    for page in pages:
        page_type = page.specific_class._meta.label
        if one_per_type and page_type in seen_types:
            continue
        url = page.get_url()
        if not url or not url.startswith("/"):
            continue
        seen_types.add(page_type)
        urls.setdefault(url, PublicURL(url, "page", page_type))
        if isinstance(page, RoutablePageMixin):
            for levels, endpoint in _walk(page.get_resolver().url_patterns):
                samples = [_level_samples(level) for level in levels]
                if not all(samples):
                    continue
                for combo in itertools.islice(itertools.product(*samples), MAX_SAMPLES_PER_PATTERN):
                    sub = "".join(combo)
                    if sub:
                        path = url.rstrip("/") + "/" + sub
                        urls.setdefault(path, PublicURL(path, "page", f"{page_type}:{endpoint.name}"))
    return list(urls.values())


def page_types_with_pages():
    """One live page per page type (the specific page), for checks that need one of each."""
    from wagtail.models import Page

    chosen = {}
    for page in Page.objects.live().public().specific().order_by("locale_id", "-depth", "path"):
        chosen.setdefault(page.specific_class._meta.label, page)
    return chosen
