"""Every UI string in every offered language: the gettext catalogues are complete and sound."""

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
CATALOGUE_LANGUAGES = [code for code, _name in settings.OFFERED_LANGUAGES if code != settings.LANGUAGE_CODE]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{(\w*)\}")
# Plural forms may leave out the number ("one page" rather than "1 page").
COUNT_VARIABLES = {"counter", "count", "num"}


def catalogue(code, base=LOCALE_DIR):
    return polib.pofile(str(base / code / "LC_MESSAGES" / "django.po"))


def gaps(po):
    """Entries a visitor would see in German: untranslated or fuzzy."""
    return [
        entry.msgid
        for entry in po
        if not entry.obsolete
        and (
            "fuzzy" in entry.flags
            or (entry.msgid_plural and not all(entry.msgstr_plural.values()))
            or (not entry.msgid_plural and not entry.msgstr)
        )
    ]


def describe(missing):
    return f"{len(missing)} strings untranslated or fuzzy, e.g. {missing[:5]}"


def placeholders(text):
    return {match.group(0) for match in PLACEHOLDER.finditer(text)}


@pytest.mark.parametrize("code", CATALOGUE_LANGUAGES)
def test_each_offered_language_has_a_catalogue(code):
    assert (LOCALE_DIR / code / "LC_MESSAGES" / "django.po").is_file()


@pytest.mark.parametrize("code", CATALOGUE_LANGUAGES)
def test_catalogue_translates_every_string(code):
    missing = gaps(catalogue(code))
    assert not missing, f"{code}: {describe(missing)}. Translate them (see docs/languages.md)."


@pytest.mark.parametrize("code", CATALOGUE_LANGUAGES)
def test_translations_keep_their_placeholders(code):
    broken = []
    for entry in catalogue(code).translated_entries():
        if entry.msgid_plural:
            expected = placeholders(entry.msgid_plural)
            translations = entry.msgstr_plural.values()
        else:
            expected = placeholders(entry.msgid)
            translations = [entry.msgstr]
        for text in translations:
            found = placeholders(text)
            allowed_to_drop = {p for p in expected if any(f"({v})" in p for v in COUNT_VARIABLES)}
            if not (expected - allowed_to_drop) <= found or not found <= expected:
                broken.append((entry.msgid, text))
    assert not broken, f"{code}: placeholders differ in {broken[:5]}"


def test_catalogues_contain_every_string_in_the_source(tmp_path, monkeypatch):
    """Extract the strings from the code and templates now and merge them like `make messages` does."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is needed for this test")
        pytest.skip("GNU gettext is not installed")
    # A copy of the sources with a copy of the catalogues: makemessages writes to the
    # catalogues next to the sources it reads, and the project's own must stay untouched.
    source_copy = tmp_path / "zib"
    shutil.copytree(
        settings.PROJECT_DIR,
        source_copy,
        ignore=shutil.ignore_patterns("locale", "static", "tests", "__pycache__"),
    )
    locale_copy = source_copy / "locale"
    for code in CATALOGUE_LANGUAGES:
        target = locale_copy / code / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(LOCALE_DIR / code / "LC_MESSAGES" / "django.po", target / "django.po")
    monkeypatch.chdir(source_copy)
    monkeypatch.setattr(settings, "LOCALE_PATHS", [str(locale_copy)])
    call_command(
        "makemessages",
        locale=CATALOGUE_LANGUAGES,
        no_obsolete=True,
        ignore_patterns=["*/tests/*", "static/*", "locale/*"],
        verbosity=0,
    )
    problems = {code: gaps(catalogue(code, locale_copy)) for code in CATALOGUE_LANGUAGES}
    problems = {code: describe(missing) for code, missing in problems.items() if missing}
    assert not problems, f"Run `make messages` and translate: {problems}"
