"""Site-wide data for the page chrome (header, navigation, footer).

The chrome is the same on every page of a site in one language, so it is
computed once per process, site and language: office address, navigation,
footer links and social channels with their URLs and labels in the
visitor's language. It is kept for the page cache's generation
(``zib.pagecache.local``), which starts afresh whenever a page is published,
unpublished or moved and whenever a setting or snippet is saved, so a changed
navigation or a new translation shows at once. Computing it costs a constant
handful of queries, however many links there are.
"""

from dataclasses import dataclass
from uuid import UUID

from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Page, Site

from zib.languages.navigation import swap_language_prefix
from zib.languages.services import offered_languages
from zib.pagecache import local

from .models import FooterLink, NavigationItem, OfficeSettings

CACHE_KEY = "pages:chrome:{site_id}:{language}"
PAGE_FIELDS = ("id", "title", "path", "depth", "url_path", "locale_id", "translation_key")


@dataclass(frozen=True)
class ChromeLink:
    """A link to a page of the site, in the visitor's language."""

    url: str
    label: str
    translation_key: UUID


def _office_data(office):
    """The office's address fields as a plain dict (cached, unlike the model instance)."""
    return {field.attname: getattr(office, field.attname) for field in office._meta.concrete_fields}


def _localized_links(request, language, entries):
    """ChromeLinks for (page, label) pairs in the visitor's language, in one query.

    Like the ``localized_pageurl`` tag: the page's live translation if there
    is one (with the translation's title); otherwise the page under the
    visitor's language prefix with its own label or title.
    """
    locale_id = {lang.code: lang.locale_id for lang in offered_languages()}.get(language)
    foreign = {page.translation_key for page, _label in entries if locale_id and page.locale_id != locale_id}
    translations = {}
    if foreign:
        translations = {
            page.translation_key: page
            for page in Page.objects.filter(translation_key__in=foreign, locale_id=locale_id, live=True).only(
                *PAGE_FIELDS
            )
        }
    links = []
    for page, label in entries:
        translation = translations.get(page.translation_key) if page.locale_id != locale_id else None
        if translation is not None:
            url, label = translation.get_url(request) or "", translation.title
        else:
            url, label = page.get_url(request) or "", label or page.title
            if locale_id and page.locale_id != locale_id and url:
                url = swap_language_prefix(url, language)
        links.append(ChromeLink(url=url, label=label, translation_key=page.translation_key))
    return links


def _page_links(model, office):
    """(page, label) of the office's navigation items or footer links to live pages."""
    if office.pk is None:
        return []
    return [
        (item.page, item.label)
        for item in model.objects.filter(settings=office, page__live=True)
        .select_related("page")
        .only("label", *(f"page__{name}" for name in PAGE_FIELDS))
    ]


def _compute_chrome(request, site, language):
    # Not OfficeSettings.load(): a visitor's request never writes; until an
    # editor saves the settings, their defaults are shown.
    office = OfficeSettings.base_queryset().first() or OfficeSettings()
    navigation = _page_links(NavigationItem, office)
    footer = _page_links(FooterLink, office)
    entries = [*navigation, *footer]
    if site is not None:
        entries.append((Page.objects.only(*PAGE_FIELDS).get(pk=site.root_page_id), ""))
    links = _localized_links(request, language, entries)
    return {
        "office": _office_data(office),
        "home_url": links[-1].url if site is not None else "/",
        "navigation": links[: len(navigation)],
        "footer_links": links[len(navigation) : len(navigation) + len(footer)],
        "social_channels": list(office.social_channels.values("name", "handle", "url")) if office.pk else [],
    }


def load_chrome(request):
    """The chrome for the request's site and language, from the cache when still current."""
    site = Site.find_for_request(request)
    language = get_language()
    key = CACHE_KEY.format(site_id=site.pk if site else 0, language=language)
    return local.get_or_compute(key, lambda: _compute_chrome(request, site, language))


def site_chrome(request):
    """Header and footer data, loaded only when a template uses it."""
    return {"chrome": SimpleLazyObject(lambda: load_chrome(request))}
