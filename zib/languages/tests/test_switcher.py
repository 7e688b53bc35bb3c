"""The language switcher: every offered language in its own script, leading to the same page."""

import pytest
from bs4 import BeautifulSoup

from .factories import translate

OWN_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "fr": "Français",
    "ar": "العربية",
    "tr": "Türkçe",
    "ru": "Русский",
    "uk": "Українська",
    "ro": "Română",
    "fa": "فارسی",
}


def switcher(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return html.find("nav", class_="language-switcher")


@pytest.mark.django_db
class TestSwitcher:
    def test_names_each_language_in_its_own_script_accessibly(self, client, about_page):
        nav = switcher(client, "/ar/ueber-uns/")
        assert nav["aria-label"]
        links = nav.find_all("a")
        assert {link["lang"]: link.get_text() for link in links} == OWN_NAMES
        for link in links:
            assert link["hreflang"] == link["lang"]
        current = [link for link in links if link.has_attr("aria-current")]
        assert [link["lang"] for link in current] == ["ar"]
        assert next(link for link in links if link["lang"] == "ar")["dir"] == "rtl"
        assert next(link for link in links if link["lang"] == "uk")["dir"] == "ltr"

    def test_leads_to_the_same_page_in_each_language(self, client, about_page):
        english = translate(about_page, "en")
        english.slug = "about-us"
        english.save_revision().publish()
        links = {a["lang"]: a["href"] for a in switcher(client, "/de/ueber-uns/").find_all("a")}
        assert links["de"] == "/de/ueber-uns/"
        assert links["en"] == "/en/about-us/"
        # Not translated yet: the German page under the language's prefix (shown with a notice).
        assert links["ar"] == "/ar/ueber-uns/"
        assert links["fa"] == "/fa/ueber-uns/"
        for code in ("ar", "fa"):
            assert client.get(links[code]).status_code == 200
        # From the English page back to the German one.
        links = {a["lang"]: a["href"] for a in switcher(client, "/en/about-us/").find_all("a")}
        assert links["de"] == "/de/ueber-uns/"

    def test_on_a_view_the_language_prefix_is_swapped_and_the_query_kept(self, client, home_page):
        links = {a["lang"]: a["href"] for a in switcher(client, "/de/suche/?q=Beratung").find_all("a")}
        assert links["uk"] == "/uk/suche/?q=Beratung"
        assert links["de"] == "/de/suche/?q=Beratung"
        # The paths are remembered per path; each request keeps its own query.
        links = {a["lang"]: a["href"] for a in switcher(client, "/de/suche/?q=Kita&page=2").find_all("a")}
        assert links["uk"] == "/uk/suche/?q=Kita&page=2"
        links = {a["lang"]: a["href"] for a in switcher(client, "/de/suche/").find_all("a")}
        assert links["uk"] == "/uk/suche/"

    def test_offers_a_language_an_editor_added(self, client, about_page):
        from wagtail.models import Locale

        Locale.objects.create(language_code="es")
        links = {a["lang"]: a for a in switcher(client, "/de/ueber-uns/").find_all("a")}
        assert links["es"].get_text() == "español"
        assert links["es"]["href"] == "/es/ueber-uns/"

    def test_query_count_does_not_grow_with_the_number_of_translations(self, client, home_page, settings):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from .factories import ContentPageFactory, publish

        settings.PAGE_CACHE_ENABLED = False  # measure the page itself, not the page cache

        def queries_for(page, codes):
            for code in codes:
                translate(page, code)
            url = f"/ar/{page.slug}/"
            client.get(url)  # warm the caches (site root paths, offered languages, status records)
            with CaptureQueriesContext(connection) as context:
                assert client.get(url).status_code == 200
            return len(context.captured_queries)

        few = publish(ContentPageFactory(parent=home_page, title="Wenige", slug="wenige"))
        many = publish(ContentPageFactory(parent=home_page, title="Viele", slug="viele"))
        assert queries_for(few, ["ar"]) == queries_for(many, ["ar", "en", "fr", "tr", "ru", "uk", "ro", "fa"])


@pytest.mark.django_db
class TestLocalizedPageUrl:
    def render(self, rf, page, language):
        from django.template import Context, Template
        from django.utils import translation

        with translation.override(language):
            request = rf.get(f"/{language}/")
            return Template("{% load languages %}{% localized_pageurl page %}").render(
                Context({"page": page, "request": request})
            )

    def test_links_a_german_page_in_the_visitors_language(self, rf, about_page):
        assert self.render(rf, about_page, "de") == "/de/ueber-uns/"
        # Not translated: the German page under the visitor's prefix, so the visitor stays in Arabic.
        assert self.render(rf, about_page, "ar") == "/ar/ueber-uns/"
        english = translate(about_page, "en")
        english.slug = "about-us"
        english.save_revision().publish()
        assert self.render(rf, about_page, "en") == "/en/about-us/"

    def test_a_page_linked_twice_is_looked_up_once(self, rf, about_page):
        from django.db import connection
        from django.template import Context, Template
        from django.test.utils import CaptureQueriesContext
        from django.utils import translation

        from zib.languages.services import offered_languages

        offered_languages()  # cached for every request

        def queries_for(links):
            template = Template("{% load languages %}" + " ".join(["{% localized_pageurl page %}"] * links))
            with translation.override("ar"), CaptureQueriesContext(connection) as context:
                html = template.render(Context({"page": about_page, "request": rf.get("/ar/")}))
            assert html.split() == ["/ar/ueber-uns/"] * links
            return len(context.captured_queries)

        assert queries_for(1) == queries_for(2)


@pytest.mark.django_db
def test_navigation_keeps_the_visitor_in_their_language(client, about_page):
    from zib.pages.models import NavigationItem, OfficeSettings

    office = OfficeSettings.load()
    NavigationItem.objects.create(settings=office, page=about_page, sort_order=0)
    html = BeautifulSoup(client.get("/ar/ueber-uns/").content, "html.parser")
    link = html.find("nav", class_="main-nav").find("a")
    assert link["href"] == "/ar/ueber-uns/"
    assert link["aria-current"] == "page"
    assert html.find("a", class_="site-logo")["href"] == "/ar/"


@pytest.mark.django_db
def test_breadcrumbs_of_a_fallback_page_keep_the_visitors_language(client, about_page):
    from .factories import ContentPageFactory, publish

    child = publish(ContentPageFactory(parent=about_page, title="Geschichte", slug="geschichte"))
    assert child.pk
    html = BeautifulSoup(client.get("/uk/ueber-uns/geschichte/").content, "html.parser")
    hrefs = [a["href"] for a in html.find("nav", class_="breadcrumbs").find_all("a")]
    assert "/uk/ueber-uns/" in hrefs
    assert not [href for href in hrefs if href.startswith("/de/")]


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
class TestRemembered:
    """The navigation of a page is remembered per cache generation, never past a change."""

    def test_a_new_translation_appears_in_the_switcher_and_alternates(self, client, about_page):
        links = {a["lang"]: a["href"] for a in switcher(client, "/de/ueber-uns/").find_all("a")}
        assert links["en"] == "/en/ueber-uns/"
        english = translate(about_page, "en")
        english.slug = "about-us"
        english.save_revision().publish()
        html = BeautifulSoup(client.get("/de/ueber-uns/").content, "html.parser")
        links = {a["lang"]: a["href"] for a in html.find("nav", class_="language-switcher").find_all("a")}
        assert links["en"] == "/en/about-us/"
        alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate")}
        assert alternates["en"] == "http://testserver/en/about-us/"

    def test_the_current_language_is_marked_per_language(self, client, about_page):
        client.get("/de/ueber-uns/")
        current = switcher(client, "/fr/ueber-uns/").find_all("a", attrs={"aria-current": "true"})
        assert [link["lang"] for link in current] == ["fr"]
