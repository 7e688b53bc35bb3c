"""Factories and helpers for language tests: pages, publishing, translating with wagtail-localize."""

import factory
import wagtail_factories
from django.test import TestCase
from django.utils.text import slugify
from wagtail.models import Locale

from zib.pages.models import ContentPage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Seite {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    teaser = "Das ZIB berät Zugewanderte in Saarbrücken."

    class Meta:
        model = ContentPage


def locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


def publish(page):
    """Publish the page's current state as a new revision (fires page_published)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def edit_and_publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    return publish(page)


def mark(code):
    """A fake translation: the German text with the language code appended."""
    return lambda text: f"{text} [{code}]"


def translate(instance, code, translate_text=None, *, publish=True, skip_paths=(), machine=False):
    """Translate a page or snippet through wagtail-localize, as the admin does.

    Creates (or updates) the TranslationSource and the Translation, fills every
    string segment except those in `skip_paths` (as a machine translation if
    `machine`) and saves the target.
    Slugs stay as they are so URLs are predictable.
    """
    from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

    kind = (
        StringTranslation.TRANSLATION_TYPE_MACHINE if machine else StringTranslation.TRANSLATION_TYPE_MANUAL
    )
    target_locale = locale(code)
    translate_text = translate_text or mark(code)
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=target_locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        if segment.context.path in skip_paths:
            continue
        text = segment.string.data if segment.context.path == "slug" else translate_text(segment.string.data)
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            context=segment.context,
            locale=target_locale,
            defaults={"data": text, "translation_type": kind},
        )
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=publish)
    return translation.get_target_instance()


def sync(instance):
    """The editor's "Übersetzungen synchronisieren": take the source's current content as the new snapshot."""
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.get_for_instance(instance)
    source.update_from_db()
    return source
