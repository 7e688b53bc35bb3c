"""hreflang alternates with x-default on every page, og:locale, the sitemap with alternates."""

import pytest
from bs4 import BeautifulSoup

from .factories import translate


def head(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser").head


def alternates(client, url):
    return {
        link["hreflang"]: link["href"]
        for link in head(client, url).find_all("link", rel="alternate")
        if link.get("hreflang")
    }


@pytest.mark.django_db
class TestAlternates:
    def test_every_translation_and_x_default(self, client, about_page):
        translate(about_page, "en")
        translate(about_page, "ar")
        expected = {
            "de": "http://testserver/de/ueber-uns/",
            "en": "http://testserver/en/ueber-uns/",
            "ar": "http://testserver/ar/ueber-uns/",
            "x-default": "http://testserver/de/ueber-uns/",
        }
        assert alternates(client, "/de/ueber-uns/") == expected
        assert alternates(client, "/ar/ueber-uns/") == expected

    def test_fallback_pages_are_not_announced_as_translations(self, client, about_page):
        # /fa/ueber-uns/ shows German: no hreflang="fa", canonical to German.
        result = alternates(client, "/fa/ueber-uns/")
        assert "fa" not in result
        assert result["x-default"] == "http://testserver/de/ueber-uns/"

    def test_og_locale(self, client, about_page):
        translate(about_page, "uk")
        page_head = head(client, "/uk/ueber-uns/")
        assert page_head.find("meta", property="og:locale")["content"] == "uk_UA"
        assert [m["content"] for m in page_head.find_all("meta", property="og:locale:alternate")] == ["de_DE"]
        # German content shown to a Persian visitor is German content.
        assert head(client, "/fa/ueber-uns/").find("meta", property="og:locale")["content"] == "de_DE"

    def test_views_have_alternates_too(self, client, home_page):
        result = alternates(client, "/de/suche/")
        assert result["ar"] == "http://testserver/ar/suche/"
        assert result["x-default"] == "http://testserver/de/suche/"


@pytest.mark.django_db
class TestSitemap:
    def test_lists_every_language_with_alternates(self, client, about_page):
        translate(about_page, "en")
        response = client.get("/sitemap.xml")
        assert response.status_code == 200
        xml = BeautifulSoup(response.content, "xml")
        urls = {url.loc.get_text(): url for url in xml.find_all("url")}
        assert "http://testserver/de/ueber-uns/" in urls
        assert "http://testserver/en/ueber-uns/" in urls
        # The English start page is only an alias of the German one: not listed.
        assert "http://testserver/en/" not in urls
        links = {
            link["hreflang"]: link["href"]
            for link in urls["http://testserver/en/ueber-uns/"].find_all("link")
        }
        assert links == {
            "de": "http://testserver/de/ueber-uns/",
            "en": "http://testserver/en/ueber-uns/",
            "x-default": "http://testserver/de/ueber-uns/",
        }
