"""Translation status: current, outdated, incomplete — honest, for pages and snippets."""

import pytest
from bs4 import BeautifulSoup

from zib.languages import services
from zib.languages.models import TranslationStatus

from .factories import ContentPageFactory, edit_and_publish, locale, publish, sync, translate


def notice(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    element = html.find(class_="language-notice")
    return element.get_text(" ", strip=True) if element else None


def status(instance, code):
    return services.translation_state(instance, code)


@pytest.mark.django_db
class TestPageTranslation:
    def test_translation_made_in_wagtail_localize_is_served_under_its_language(self, client, about_page):
        translate(about_page, "en")
        response = client.get("/en/ueber-uns/")
        assert response.status_code == 200
        html = BeautifulSoup(response.content, "html.parser")
        assert html.find("h1").get_text() == "Über uns [en]"
        assert html.html["lang"] == "en"
        assert not html.find("main").has_attr("lang")
        assert html.find(class_="language-notice") is None
        assert status(about_page, "en") == services.CURRENT

    def test_changed_german_text_marks_translation_outdated_until_synchronised(self, client, about_page):
        translate(about_page, "ar")
        edit_and_publish(about_page, teaser="Neue Sprechzeiten ab März.")
        assert status(about_page, "ar") == services.OUTDATED
        text = notice(client, "/ar/ueber-uns/")
        assert text is not None
        assert "قد تكون هذه الترجمة قديمة" in text  # "this translation may be out of date"
        # Publishing the translation again without synchronising changes nothing.
        publish(about_page.get_translation(locale("ar")))
        assert status(about_page, "ar") == services.OUTDATED
        # Synchronise and translate the new text: current again.
        sync(about_page)
        translate(about_page, "ar")
        assert status(about_page, "ar") == services.CURRENT
        assert notice(client, "/ar/ueber-uns/") is None

    def test_notice_appears_on_a_page_served_from_the_page_cache(self, client, about_page, settings):
        settings.PAGE_CACHE_ENABLED = True
        translate(about_page, "ar")
        client.get("/ar/ueber-uns/")
        assert notice(client, "/ar/ueber-uns/") is None  # now cached, without notice
        edit_and_publish(about_page, teaser="Neue Sprechzeiten ab März.")
        assert notice(client, "/ar/ueber-uns/") is not None

    def test_republishing_german_without_changes_keeps_translation_current(self, client, about_page):
        translate(about_page, "en")
        publish(about_page)
        edit_and_publish(about_page, show_in_menus=not about_page.show_in_menus)  # not translatable text
        assert status(about_page, "en") == services.CURRENT
        assert notice(client, "/en/ueber-uns/") is None

    def test_synchronised_but_untranslated_new_text_is_incomplete(self, client, about_page):
        translate(about_page, "uk")
        edit_and_publish(about_page, teaser="Ein ganz neuer Anreißer.")
        sync(about_page)
        translate(about_page, "uk", skip_paths=("teaser",))
        assert status(about_page, "uk") == services.INCOMPLETE
        assert notice(client, "/uk/ueber-uns/") is not None

    def test_outdated_notice_dates_the_german_change_in_arabic(self, client, about_page):
        from datetime import datetime
        from zoneinfo import ZoneInfo

        translate(about_page, "ar")
        edit_and_publish(about_page, teaser="Geändert.")
        TranslationStatus.objects.filter(
            locale=locale("de"), translation_key=about_page.translation_key
        ).update(content_changed_at=datetime(2025, 3, 14, 10, 0, tzinfo=ZoneInfo("Europe/Berlin")))
        text = notice(client, "/ar/ueber-uns/")
        assert "مارس" in text  # March, in Arabic
        assert "2025" in text

    def test_hand_edited_translation_counts_from_its_last_publication(self, about_page):
        from wagtail_localize.models import Translation

        translate(about_page, "fr")
        Translation.objects.filter(target_locale=locale("fr")).update(enabled=False)
        edit_and_publish(about_page, teaser="Nouveau en allemand.")
        assert status(about_page, "fr") == services.OUTDATED
        french = about_page.get_translation(locale("fr"))
        edit_and_publish(french, teaser="Traduit à la main.")
        assert status(about_page, "fr") == services.CURRENT

    def test_content_from_before_status_tracking_is_recorded_on_first_view(self, client, home_page):
        page = ContentPageFactory(parent=home_page, title="Alt", slug="alt")
        translate(page, "en")
        TranslationStatus.objects.all().delete()
        assert client.get("/en/alt/").status_code == 200
        assert TranslationStatus.objects.filter(translation_key=page.translation_key).count() == 2


@pytest.mark.django_db
class TestSnippetTranslation:
    def test_person_translation_and_status(self):
        from zib.people.models import Person

        person = Person.objects.create(name="Adele Robart", slug="adele-robart", role="Leiterin des ZIB")
        english = translate(
            person, "en", lambda text: {"Leiterin des ZIB": "Head of the ZIB"}.get(text, text)
        )
        assert english.locale.language_code == "en"
        assert english.role == "Head of the ZIB"
        assert status(person, "en") == services.CURRENT
        person.role = "Leiterin des Zuwanderungs- und Integrationsbüros"
        person.save()
        assert status(person, "en") == services.OUTDATED
