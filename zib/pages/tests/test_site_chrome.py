"""Header, footer, breadcrumbs, social media section and share links."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from wagtail.models import Site

from zib.pages.models import FooterLink, NavigationItem, OfficeSettings, SocialChannel

from .factories import AccessibilityStatementPageFactory, ContactPageFactory, ContentPageFactory

pytestmark = pytest.mark.usefixtures("no_page_cache")


@pytest.fixture
def office(home_page):
    office = OfficeSettings.load()
    SocialChannel.objects.create(
        settings=office, name="Instagram", handle="@zib", url="https://instagram.example/zib"
    )
    SocialChannel.objects.create(settings=office, name="Facebook", url="https://facebook.example/zib")
    return office


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_footer_shows_legal_links_and_channels_on_every_page(client, home_page, office):
    impressum = ContentPageFactory(parent=home_page, title="Impressum")
    statement = AccessibilityStatementPageFactory(parent=home_page)
    contact = ContactPageFactory(parent=home_page)
    FooterLink.objects.create(settings=office, page=impressum, sort_order=0)
    FooterLink.objects.create(settings=office, page=statement, label="Barrierefreiheit", sort_order=1)
    FooterLink.objects.create(settings=office, page=contact, label="Kontakt und Feedback", sort_order=2)
    for page in (impressum, statement, contact, ContentPageFactory(parent=impressum)):
        footer = soup_of(client, page).find("footer")
        legal = {a.get_text(strip=True): a["href"] for a in footer.select("nav a")}
        assert legal == {
            "Impressum": impressum.url,
            "Barrierefreiheit": statement.url,
            "Kontakt und Feedback": contact.url,
        }
        assert [a["href"] for a in footer.select(".social-links a")] == [
            "https://instagram.example/zib",
            "https://facebook.example/zib",
        ]


def test_unpublished_pages_drop_out_of_footer_and_navigation(client, home_page, office):
    about = ContentPageFactory(parent=home_page, title="Über das ZIB")
    hidden = ContentPageFactory(parent=home_page, title="Noch nicht fertig")
    NavigationItem.objects.create(settings=office, page=about, sort_order=0)
    NavigationItem.objects.create(settings=office, page=hidden, label="Versteckt", sort_order=1)
    FooterLink.objects.create(settings=office, page=hidden, sort_order=0)
    hidden.unpublish()
    soup = soup_of(client, about)
    nav = soup.select("nav.main-nav a")
    assert [a.get_text(strip=True) for a in nav] == ["Über das ZIB"]
    assert nav[0]["aria-current"] == "page"
    assert "Noch nicht fertig" not in soup.find("footer").get_text()


def test_social_media_section_lists_channels(client, home_page, office):
    page = ContentPageFactory(parent=home_page, body__0__social_media__heading="ZIB in den sozialen Medien")
    section = soup_of(client, page).select_one("main section.social-media")
    assert section.find("h2").get_text(strip=True) == "ZIB in den sozialen Medien"
    assert [a.get_text(" ", strip=True) for a in section.find_all("a")] == ["Instagram (@zib)", "Facebook"]


def test_share_links_load_nothing_from_other_hosts():
    html = render_to_string(
        "includes/share_links.html",
        {
            "share_url": "https://zib.example/de/aktuelles/praktikum/?a=1&b=2",
            "share_title": "Praktikum beim ZIB",
        },
    )
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "img", "iframe", "link", "style", "object"])
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert any(href.startswith("mailto:?subject=Praktikum%20beim%20ZIB") for href in hrefs)
    assert (
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fzib.example%2Fde%2Faktuelles%2Fpraktikum%2F%3Fa%3D1%26b%3D2"
        in hrefs
    )
    assert any(href.startswith("https://wa.me/?text=") for href in hrefs)
    assert any(href.startswith("https://t.me/share/url?url=") for href in hrefs)


def test_breadcrumbs_skip_unpublished_ancestors_and_start_at_home(client, home_page):
    about = ContentPageFactory(parent=home_page, title="Über das ZIB")
    middle = ContentPageFactory(parent=about, title="Zwischenebene")
    leaf = ContentPageFactory(parent=middle, title="Integrationsbeirat")
    middle.unpublish()
    leaf.refresh_from_db()
    crumbs = soup_of(client, leaf).select("nav.breadcrumbs li")
    assert [li.get_text(strip=True) for li in crumbs] == ["Startseite", "Über das ZIB", "Integrationsbeirat"]


def _chrome_queries(client, url):
    """Queries for a page, and how many fewer it needs once the chrome is cached."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zib.pages.context_processors import CACHE_KEY

    client.get(url)  # fill the other caches (site root paths, route …)
    language = url.strip("/").split("/")[0]
    caches["local"].delete(
        CACHE_KEY.format(site_id=Site.objects.get(is_default_site=True).pk, language=language)
    )
    with CaptureQueriesContext(connection) as first:
        response = client.get(url)
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    return len(first.captured_queries), len(second.captured_queries), response


@pytest.mark.parametrize(("language", "chrome_queries"), [("de", 5), ("ar", 6)])
def test_chrome_costs_the_same_queries_for_few_and_many_links(
    client, home_page, office, language, chrome_queries
):
    from wagtail.models import Locale

    arabic = Locale.objects.get_or_create(language_code="ar")[0]
    about = ContentPageFactory(parent=home_page, title="Über das ZIB")
    translated_about = about.copy_for_translation(arabic, copy_parents=True)
    translated_about.save_revision().publish()

    def add_links(count):
        for n in range(count):
            page = ContentPageFactory(parent=home_page)
            NavigationItem.objects.create(settings=office, page=page, sort_order=n)
            FooterLink.objects.create(settings=office, page=page, sort_order=n)
            page.copy_for_translation(arabic).save_revision().publish()

    url = (about if language == "de" else translated_about).url
    add_links(2)
    few_uncached, few_cached, response = _chrome_queries(client, url)
    assert len(BeautifulSoup(response.content, "html.parser").select("nav.main-nav a")) == 2
    add_links(10)
    many_uncached, many_cached, response = _chrome_queries(client, url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select("nav.main-nav a")) == 12
    assert all(a["href"].startswith(f"/{language}/") for a in soup.select("nav.main-nav a, footer nav a"))
    assert many_uncached == few_uncached
    assert many_cached == few_cached
    # Office, navigation, footer links, social channels, start page (+ their translations).
    assert many_uncached - many_cached == chrome_queries


def test_chrome_shows_changes_at_once(client, home_page, office):
    about = ContentPageFactory(parent=home_page, title="Über das ZIB")
    news = ContentPageFactory(parent=home_page, title="Aktuelles")
    NavigationItem.objects.create(settings=office, page=news, sort_order=0)

    def navigation():
        return [a.get_text(strip=True) for a in soup_of(client, about).select("nav.main-nav a")]

    assert navigation() == ["Aktuelles"]
    NavigationItem.objects.create(settings=office, page=about, sort_order=1)
    assert navigation() == ["Aktuelles", "Über das ZIB"]
    news.unpublish()
    assert navigation() == ["Über das ZIB"]
    about.title = "Über uns"
    about.save_revision().publish()
    assert navigation() == ["Über uns"]
    office.office_name = "Integrationsbüro"
    office.save()
    assert (
        soup_of(client, about)
        .select_one(".site-logo__name")
        .get_text(" ", strip=True)
        .startswith("Integrationsbüro")
    )


def test_navigation_shows_titles_of_translations(client, home_page, office):
    from wagtail.models import Locale

    arabic = Locale.objects.get_or_create(language_code="ar")[0]
    about = ContentPageFactory(parent=home_page, title="Über das ZIB")
    team = ContentPageFactory(parent=home_page, title="Team")
    NavigationItem.objects.create(settings=office, page=about, label="Über uns", sort_order=0)
    NavigationItem.objects.create(settings=office, page=team, label="Das Team", sort_order=1)
    translation = about.copy_for_translation(arabic, copy_parents=True)
    translation.title = "عن المكتب"
    translation.save_revision().publish()

    german = [(a.get_text(strip=True), a["href"]) for a in soup_of(client, about).select("nav.main-nav a")]
    assert german == [("Über uns", about.url), ("Das Team", team.url)]
    response = client.get(translation.url)
    arabic_nav = BeautifulSoup(response.content, "html.parser").select("nav.main-nav a")
    assert [(a.get_text(strip=True), a["href"]) for a in arabic_nav] == [
        ("عن المكتب", translation.url),
        ("Das Team", team.url.replace("/de/", "/ar/")),
    ]
    assert arabic_nav[0]["aria-current"] == "page"


def test_the_userbar_is_for_signed_in_editors_only(client, home_page, django_user_model):
    assert b"<wagtail-userbar" not in client.get("/de/").content
    editor = django_user_model.objects.create_superuser("redaktion", "r@example.org", "x")
    client.force_login(editor)
    assert b"<wagtail-userbar" in client.get("/de/").content
