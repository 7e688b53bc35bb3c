"""Editors translate pages and snippets in the admin with wagtail-localize, and the dashboard sees it."""

import pytest
from bs4 import BeautifulSoup
from wagtail_localize.models import Translation

from zib.languages import services

from .factories import locale


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("redaktion", "r@example.org", "geheim-123"))
    return client


@pytest.mark.django_db
def test_translate_a_content_page_in_the_admin(editor_client, about_page):
    response = editor_client.post(
        f"/admin/localize/submit/page/{about_page.pk}/", {"locales": [locale("ar").pk, locale("uk").pk]}
    )
    assert response.status_code == 302
    translations = Translation.objects.filter(source__object_id=about_page.translation_key)
    assert {t.target_locale.language_code for t in translations} == {"ar", "uk"}
    arabic = about_page.get_translation(locale("ar"))
    # The translation editor opens for the new draft.
    assert editor_client.get(f"/admin/pages/{arabic.pk}/edit/").status_code == 200
    # Until the translation is published it counts as missing.
    assert services.translation_state(about_page, "ar") == services.MISSING


@pytest.mark.django_db
def test_translate_a_person_snippet_in_the_admin(editor_client, home_page):
    from zib.people.models import Person

    person = Person.objects.create(name="Rodica Petcu", slug="rodica-petcu", role="Projektkoordination")
    response = editor_client.post(
        f"/admin/localize/submit/snippet/people/person/{person.pk}/", {"locales": [locale("ro").pk]}
    )
    assert response.status_code == 302
    romanian = Person.objects.get(translation_key=person.translation_key, locale=locale("ro"))
    assert romanian.name == "Rodica Petcu"
    # Its texts are still German until someone translates them: honest status "incomplete".
    assert services.translation_state(person, "ro") == services.INCOMPLETE
    response = editor_client.get("/admin/uebersetzungen/?sprache=ro&stand=incomplete")
    html = BeautifulSoup(response.content, "html.parser")
    rows = html.select("table[aria-labelledby=translation-items] tbody tr")
    assert "Rodica Petcu" in [row.td.get_text(strip=True) for row in rows]
