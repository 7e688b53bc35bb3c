"""Offered languages and the translation status of pages and snippets.

German is the source language. Every other language version of a page or a
snippet is *missing*, *outdated*, *incomplete* or *current*:

- the fingerprint of a version is a hash of its translatable content
  (the segments wagtail-localize extracts: texts, rich-text structure, links);
- a translation remembers the fingerprint of the source it reflects: for a
  translation synchronised by wagtail-localize, the source snapshot it was
  made from; for one edited by hand, the source as it was when the
  translation was last published;
- it is outdated as soon as the source's fingerprint differs, i.e. when the
  German text has changed since, and stays outdated until the translation is
  synchronised and published again. Republishing the German page without a
  change in its text changes nothing.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, Locale, Page

from zib.pagecache import local

from .models import TranslationStatus

MISSING = "missing"
OUTDATED = "outdated"
INCOMPLETE = "incomplete"
CURRENT = "current"
STATUSES = (MISSING, OUTDATED, INCOMPLETE, CURRENT)


# --- Offered languages -------------------------------------------------------


@dataclass(frozen=True)
class Language:
    """A language the site offers: its code, Locale id and name in its own script."""

    code: str
    locale_id: int
    name_local: str
    bidi: bool


def _language_order():
    return {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}


def offered_languages():
    """The languages that have a Locale, German first, in the order of settings.LANGUAGES.

    Remembered per process for the page-cache generation: saving or deleting
    a Locale starts a new one (``zib.pagecache``).
    """
    return local.get_or_compute("languages:offered", _query_offered_languages)


def _query_offered_languages():
    order = _language_order()
    names = dict(settings.LANGUAGES)
    languages = []
    for locale_id, code in Locale.objects.values_list("id", "language_code"):
        if code not in names:
            continue
        try:
            bidi = get_language_info(code)["bidi"]
        except KeyError:
            bidi = False
        languages.append(Language(code, locale_id, names[code], bidi))
    languages.sort(key=lambda lang: (lang.code != settings.LANGUAGE_CODE, order.get(lang.code, 999)))
    return languages


def offered_language_codes():
    return [language.code for language in offered_languages()]


class ExtraLanguage(NamedTuple):
    name_translated: str  # lazy: in the active language
    name_local: str  # in the language itself


# Languages spoken by the office's visitors and partners that Django does not
# know by name (Django does know Central Kurdish/Sorani as "ckb"). German Sign
# Language is "gsg", its BCP 47 tag ("DGS" is what people call it); it has no
# written name of its own, so it is named in the active language.
EXTRA_LANGUAGES = {
    "ku": ExtraLanguage(_("Kurdisch"), "Kurdî"),
    "kmr": ExtraLanguage(_("Kurmandschi"), "Kurmancî"),
    "ti": ExtraLanguage(_("Tigrinya"), "ትግርኛ"),
    "so": ExtraLanguage(_("Somali"), "Soomaali"),
    "prs": ExtraLanguage(_("Dari"), "دری"),
    "ps": ExtraLanguage(_("Paschtu"), "پښتو"),
    "am": ExtraLanguage(_("Amharisch"), "አማርኛ"),
    "gsg": ExtraLanguage(_("Deutsche Gebärdensprache"), _("Deutsche Gebärdensprache")),
}


def language_name(code):
    """The language's name in its own script (e.g. "العربية")."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        if code in EXTRA_LANGUAGES:
            return str(EXTRA_LANGUAGES[code].name_local)
        return dict(settings.LANGUAGES).get(code, code)


def translated_language_name(code):
    """The language's name in the active language (e.g. "Arabisch" on a German page), else the code."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        if code in EXTRA_LANGUAGES:
            return str(EXTRA_LANGUAGES[code].name_translated)
        return code


# --- Fingerprints --------------------------------------------------------------


def _segment_key(segment):
    from wagtail_localize.segments import (
        OverridableSegmentValue,
        RelatedObjectSegmentValue,
        StringSegmentValue,
        TemplateSegmentValue,
    )

    if isinstance(segment, StringSegmentValue):
        return ["s", segment.path, segment.string.data, segment.attrs or {}]
    if isinstance(segment, TemplateSegmentValue):
        return ["t", segment.path, segment.format, segment.template]
    if isinstance(segment, RelatedObjectSegmentValue):
        return ["r", segment.path, segment.content_type.pk, str(segment.translation_key)]
    if isinstance(segment, OverridableSegmentValue):
        return ["o", segment.path, segment.data]
    return ["?", segment.path]


def fingerprint(instance):
    """A hash of the translatable content of a page or snippet instance."""
    from wagtail_localize.segments.extract import extract_segments

    keys = [_segment_key(segment) for segment in extract_segments(instance)]
    payload = json.dumps(keys, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


# --- Status records --------------------------------------------------------------


def _content_type_for(instance):
    return ContentType.objects.get_for_model(instance.get_translation_model())


def _enabled_translation(instance):
    """The wagtail-localize Translation that synchronises this instance, if any."""
    from wagtail_localize.models import Translation

    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=True
        )
        .exclude(source__locale_id=instance.locale_id)
        .select_related("source")
        .first()
    )


def _source_status(content_type, translation_key, locale_id):
    return TranslationStatus.objects.filter(
        content_type=content_type, translation_key=translation_key, locale_id=locale_id
    ).first()


def _default_locale_id():
    return Locale.get_default().pk


@transaction.atomic
def record_published(instance, *, synchronised_with=None):
    """Record the fingerprint of a page or snippet that has just been published or saved.

    For a translation, also record which source content it now reflects:
    the source snapshot of its wagtail-localize translation, or, when it is
    edited by hand, the source as it is now.
    """
    if isinstance(instance, Page):
        instance = instance.specific
    content_type = _content_type_for(instance)
    now = timezone.now()
    content_hash = fingerprint(instance)
    status, created = TranslationStatus.objects.select_for_update().get_or_create(
        content_type=content_type,
        translation_key=instance.translation_key,
        locale_id=instance.locale_id,
        defaults={"content_hash": content_hash, "content_changed_at": now},
    )
    if not created and status.content_hash != content_hash:
        status.content_hash = content_hash
        status.content_changed_at = now

    translation = synchronised_with or _enabled_translation(instance)
    if translation is not None:
        source = translation.source
        status.source_locale_id = source.locale_id
        try:
            status.source_hash = fingerprint(source.as_instance())
        except Exception:  # the source page was deleted: nothing left to compare with
            status.source_hash = ""
        total, translated = translation.get_progress()
        status.complete = translated >= total
        status.machine_translated = _machine_strings(source, instance.locale_id).exists()
    elif instance.locale_id != _default_locale_id():
        source_locale_id = _default_locale_id()
        source_status = _source_status(content_type, instance.translation_key, source_locale_id)
        if source_status is None and _source_instance(instance, source_locale_id) is not None:
            source_status = record_published(_source_instance(instance, source_locale_id))
        if source_status is not None:
            status.source_locale_id = source_locale_id
            status.source_hash = source_status.content_hash
            status.complete = True
            status.machine_translated = False
        else:
            # Original content in this language: nothing to be translated from.
            status.source_locale_id = None
            status.source_hash = ""
            status.complete = True
    status.save()
    return status


def _machine_strings(source, locale_id):
    """The unreviewed machine translations of a TranslationSource's texts into a locale."""
    from wagtail_localize.models import StringSegment, StringTranslation

    segments = StringSegment.objects.filter(source=source)
    return StringTranslation.objects.filter(
        locale_id=locale_id,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        translation_of_id__in=segments.values("string_id"),
        context_id__in=segments.values("context_id"),
    )


@transaction.atomic
def mark_machine_translation_reviewed(status, user):
    """An editor has read the machine translation and vouches for it: no more notice.

    Its texts count as translated by a person from now on (as if edited in
    wagtail-localize's editor); the translation's status is recorded again.
    """
    from wagtail_localize.models import StringTranslation, TranslationSource

    model = status.content_type.model_class()
    instance = model.objects.get(translation_key=status.translation_key, locale_id=status.locale_id)
    source = TranslationSource.objects.filter(
        object_id=status.translation_key, locale_id=status.source_locale_id
    ).first()
    if source is not None:
        _machine_strings(source, status.locale_id).update(
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL, last_translated_by=user
        )
    status.machine_translated = False
    status.save(update_fields=["machine_translated", "updated_at"])  # a save, so cached pages are dropped
    return instance


def _source_instance(instance, locale_id):
    model = instance.get_translation_model()
    source = model.objects.filter(translation_key=instance.translation_key, locale_id=locale_id).first()
    if source is None:
        return None
    if isinstance(source, Page):
        return source.specific if source.live else None
    if isinstance(source, DraftStateMixin) and not source.live:
        return None
    return source


def status_of(target, source, *, is_alias=False):
    """MISSING, OUTDATED, INCOMPLETE or CURRENT for a translation's status record.

    `target` is the translation's TranslationStatus (None if never recorded),
    `source` the TranslationStatus of the version it was translated from.
    """
    if target is None or is_alias:
        return MISSING
    if target.source_locale_id is None or source is None:
        # Original content in this language, or its source is gone.
        return CURRENT
    if target.source_hash != source.content_hash:
        return OUTDATED
    if not target.complete:
        return INCOMPLETE
    return CURRENT


def ensure_recorded(instances):
    """Record the status of instances that have none yet (content from before this app).

    A translation recorded this way counts as current only if it was
    published after its German source; otherwise as outdated.
    """
    created = []
    for instance in instances:
        content_type = _content_type_for(instance)
        if TranslationStatus.objects.filter(
            content_type=content_type, translation_key=instance.translation_key, locale_id=instance.locale_id
        ).exists():
            continue
        status = record_published(instance)
        default_locale_id = _default_locale_id()
        if instance.locale_id != default_locale_id and isinstance(instance, Page) and status.source_hash:
            source = _source_instance(instance, default_locale_id)
            if (
                source is not None
                and _enabled_translation(instance) is None
                and (instance.last_published_at or timezone.now())
                < (source.last_published_at or timezone.now())
            ):
                status.source_hash = ""
                status.save(update_fields=["source_hash"])
        created.append(status)
    return created


def translation_state(instance, language_code):
    """MISSING, OUTDATED, INCOMPLETE or CURRENT: the translation of `instance` into a language."""
    model = instance.get_translation_model()
    content_type = ContentType.objects.get_for_model(model)
    target = model.objects.filter(
        translation_key=instance.translation_key, locale__language_code=language_code
    ).first()
    if target is None:
        return MISSING
    is_alias = isinstance(target, Page) and bool(target.alias_of_id)
    if isinstance(target, DraftStateMixin) and not target.live:
        return MISSING
    rows = {
        row.locale_id: row
        for row in TranslationStatus.objects.filter(
            content_type=content_type, translation_key=instance.translation_key
        )
    }
    target_status = rows.get(target.locale_id)
    source_status = rows.get(target_status.source_locale_id) if target_status else None
    return status_of(target_status, source_status, is_alias=is_alias)
