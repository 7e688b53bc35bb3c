"""Language names: Django's, plus the site's own for languages Django does not know."""

from django.conf.locale import LANG_INFO
from django.utils import translation

from zib.languages.services import EXTRA_LANGUAGES, language_name, translated_language_name


def test_extra_languages_are_only_those_django_does_not_know():
    assert EXTRA_LANGUAGES
    assert not set(EXTRA_LANGUAGES) & set(LANG_INFO)
    assert "dgs" not in EXTRA_LANGUAGES  # German Sign Language is "gsg"


def test_extra_languages_are_named_in_the_visitors_language_and_their_own():
    assert translated_language_name("ku") == "Kurdisch"
    assert translated_language_name("gsg") == "Deutsche Gebärdensprache"
    assert language_name("ku") == "Kurdî"
    assert language_name("ti") == "ትግርኛ"
    with translation.override("en"):
        assert translated_language_name("ku") == "Kurdish"
        assert translated_language_name("gsg") == "German Sign Language"
        assert language_name("ku") == "Kurdî"


def test_django_names_come_first_and_unknown_codes_stay_codes():
    assert translated_language_name("ckb") == "Zentralkurdisch (Sorani)"
    assert language_name("fr") == "français"
    assert translated_language_name("xx") == "xx"
    assert language_name("xx") == "xx"
