"""Template tags for the language switcher, hreflang alternates and notices."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from ..navigation import LanguageNavigation, language_navigation, swap_language_prefix
from ..services import offered_languages, translated_language_name

register = template.Library()


@register.simple_tag(takes_context=True)
def get_language_navigation(context):
    """{% get_language_navigation as language_nav %}: computed once per request."""
    if isinstance(context.get("language_nav"), LanguageNavigation):
        return context["language_nav"]
    request = context.get("request")
    if request is None:
        return LanguageNavigation()
    return language_navigation(request, context.get("page"))


@register.simple_tag(takes_context=True)
def localized_pageurl(context, page):
    """The URL of `page` in the visitor's language.

    The page's live translation if there is one; otherwise the page under the
    visitor's language prefix, which shows it with a "not yet translated"
    notice, so the visitor stays in their language. Pages already in the
    visitor's language cost no query; others one query each, once per request.
    """
    if not isinstance(page, Page):
        return ""
    request = context.get("request")
    current = get_language()
    current_locale_id = {language.code: language.locale_id for language in offered_languages()}.get(current)
    if page.locale_id == current_locale_id or current_locale_id is None:
        return page.get_url(request) or ""
    localized = _live_translation(request, page, current_locale_id) or page
    url = localized.get_url(request) or ""
    if localized.locale_id != current_locale_id and url:
        url = swap_language_prefix(url, current)
    return url


def _live_translation(request, page, locale_id):
    """The live translation of `page` into a locale, or None; remembered for the request.

    The header and footer link the same pages on every page, some of them
    twice (logo and navigation); each is looked up once.
    """
    found = getattr(request, "_zib_localized_pages", None)
    if found is None:
        found = {}
        if request is not None:
            request._zib_localized_pages = found
    key = (page.translation_key, locale_id)
    if key not in found:
        found[key] = (
            Page.objects.filter(translation_key=page.translation_key, locale_id=locale_id, live=True)
            .only("id", "path", "depth", "url_path", "locale_id", "translation_key")
            .first()
        )
    return found[key]


@register.filter
def language_name_translated(code):
    """The language's name in the visitor's language (e.g. "Arabisch" on a German page)."""
    return translated_language_name(code)
