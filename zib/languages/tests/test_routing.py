"""URLs carry the language; "/" follows Accept-Language; no cookie; untranslated pages fall back to German."""

import pytest
from bs4 import BeautifulSoup

from .factories import ContentPageFactory, publish, translate


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
class TestFirstVisit:
    @pytest.mark.parametrize(
        ("accept_language", "expected"),
        [
            ("ar-EG,ar;q=0.9,en;q=0.5", "/ar/"),
            ("uk", "/uk/"),
            ("fa-IR", "/fa/"),
            ("pl,en;q=0.8", "/en/"),  # Polish is not offered: the next preference wins
            ("pl", "/de/"),  # nothing offered: German
            ("", "/de/"),
        ],
    )
    def test_root_redirects_to_the_browsers_language(self, client, home_page, accept_language, expected):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
        assert response.status_code == 302
        assert response["Location"] == expected
        assert "Accept-Language" in response["Vary"]

    def test_language_added_by_an_editor_becomes_reachable(self, client, home_page):
        from wagtail.models import Locale

        assert client.get("/", HTTP_ACCEPT_LANGUAGE="es")["Location"] == "/de/"
        Locale.objects.create(language_code="es")
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="es")["Location"] == "/es/"
        assert client.get("/es/").status_code == 200

    def test_prefix_of_a_language_not_offered_redirects_to_german(self, client, home_page):
        response = client.get("/pl/ueber-uns/?q=1")
        assert response.status_code == 302
        assert response["Location"] == "/de/ueber-uns/?q=1"


@pytest.mark.django_db
class TestNoCookie:
    def test_public_pages_set_no_cookie(self, client, about_page):
        for url, headers in [
            ("/", {"HTTP_ACCEPT_LANGUAGE": "ar"}),
            ("/ar/", {}),
            ("/ar/ueber-uns/", {}),
            ("/de/ueber-uns/", {}),
            ("/en/suche/?q=ZIB", {}),
        ]:
            response = client.get(url, follow=True, **headers)
            assert response.status_code == 200, url
            assert not response.cookies, (url, list(response.cookies))
        assert "zib_language" not in client.cookies
        assert "django_language" not in client.cookies

    def test_language_comes_from_the_url_not_from_earlier_visits(self, client, about_page):
        client.get("/ar/ueber-uns/")
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
        assert response["Location"] == "/fr/"
        assert soup(client.get("/de/ueber-uns/")).html["lang"] == "de"


@pytest.mark.django_db
class TestFallbackToGerman:
    def test_untranslated_page_shows_german_content_with_notice(self, client, about_page):
        translate(about_page.get_parent().specific, "ar")  # an Arabic start page exists
        response = client.get("/ar/ueber-uns/")
        assert response.status_code == 200
        html = soup(response)
        assert html.html["lang"] == "ar"
        assert html.html["dir"] == "rtl"
        main = html.find("main")
        assert main["lang"] == "de"
        assert main["dir"] == "ltr"
        assert html.find("h1").get_text() == "Über uns"
        notice = main.find(class_="language-notice")
        assert notice["lang"] == "ar"
        assert notice["dir"] == "rtl"
        assert html.find("link", rel="canonical")["href"] == "http://testserver/de/ueber-uns/"

    def test_notice_is_in_the_visitors_language(self, client, about_page):
        notice = soup(client.get("/en/ueber-uns/")).find(class_="language-notice").get_text(" ", strip=True)
        assert "This page is not yet available in English" in notice

    def test_german_notice_text(self, client, about_page, settings):
        from django.utils import translation

        with translation.override("de"):
            from django.template.loader import render_to_string

            from zib.languages.navigation import LanguageNavigation

            html = render_to_string(
                "languages/notice.html",
                {"language_nav": LanguageNavigation(notice="missing", content_language="de")},
            )
        assert "Diese Seite gibt es noch nicht auf" in html
        assert "Hier ist die deutsche Fassung." in html

    def test_translated_page_at_another_address_redirects(self, client, about_page):
        english = translate(about_page, "en")
        english.slug = "about-us"
        publish(english)
        response = client.get("/en/ueber-uns/")
        assert response.status_code == 302
        assert response["Location"] == "/en/about-us/"

    def test_missing_everywhere_is_still_a_404(self, client, about_page):
        assert client.get("/ar/gibt-es-nicht/").status_code == 404
        assert client.get("/de/gibt-es-nicht/").status_code == 404

    def test_unpublished_german_page_is_not_revealed(self, client, about_page):
        draft = ContentPageFactory(
            parent=about_page.get_parent(), title="Entwurf", slug="entwurf", live=False
        )
        assert draft.pk
        assert client.get("/ar/entwurf/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/oparl/v1/nichts/", "/podcast/audio/0000/x.mp3", "/admin/nichts/"])
def test_unknown_machine_addresses_answer_404_not_a_redirect(client, path):
    response = client.get(path)
    if path.startswith("/admin/"):
        # The admin sends anonymous visitors to its login, never to /de/admin/….
        assert response.status_code in (302, 404)
        assert not response.get("Location", "").startswith("/de/")
    else:
        assert response.status_code == 404
