"""Every page type of the pages app renders and stays where it belongs in the tree."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from zib.home.models import HomePage
from zib.images.tests.factories import CustomImageFactory
from zib.pages import models

from .factories import (
    AccessibilityGapFactory,
    AccessibilityStatementPageFactory,
    ContactPageFactory,
    ContentPageFactory,
    DocumentsPageFactory,
    EasyLanguagePageFactory,
    SignLanguagePageFactory,
)


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory",
    [
        ContentPageFactory,
        DocumentsPageFactory,
        EasyLanguagePageFactory,
        SignLanguagePageFactory,
        AccessibilityStatementPageFactory,
        ContactPageFactory,
    ],
)
def test_page_renders_with_one_h1_and_breadcrumbs(client, home_page, factory):
    page = factory(parent=home_page)
    soup = soup_of(client.get(page.url))
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == [page.title]
    crumbs = soup.find("nav", class_="breadcrumbs")
    assert crumbs.find("a")["href"] == home_page.url
    assert crumbs.find(attrs={"aria-current": "page"}).get_text(strip=True) == page.title


def test_nested_content_page_breadcrumbs_and_subpage_list(client, home_page):
    about = ContentPageFactory(parent=home_page, title="Über das ZIB")
    task = ContentPageFactory(parent=about, title="Integrationsbeirat", teaser="Die Geschäftsstelle.")
    draft = ContentPageFactory(parent=about, title="Entwurf", live=False)

    soup = soup_of(client.get(task.url))
    crumb_links = [a["href"] for a in soup.select("nav.breadcrumbs a")]
    assert crumb_links == [home_page.url, about.url]

    about_soup = soup_of(client.get(about.url))
    listed = [a.get_text(strip=True) for a in about_soup.select("nav.subpages a")]
    assert listed == ["Integrationsbeirat"]
    assert "Die Geschäftsstelle." in about_soup.select_one("nav.subpages").get_text()
    assert draft.title not in listed


@pytest.mark.parametrize(
    ("model", "parents"),
    [
        (models.ContentPage, {HomePage, models.ContentPage}),
        (models.DocumentsPage, {HomePage, models.ContentPage}),
        (models.EasyLanguagePage, {HomePage, models.ContentPage, models.EasyLanguagePage}),
        (models.SignLanguagePage, {HomePage, models.ContentPage}),
        (models.AccessibilityStatementPage, {HomePage}),
        (models.ContactPage, {HomePage}),
    ],
)
def test_allowed_parents(model, parents):
    assert set(model.allowed_parent_page_models()) == parents


@pytest.mark.parametrize("model", [models.AccessibilityStatementPage, models.ContactPage])
def test_singletons_can_be_created_only_once(home_page, model):
    factory = {
        models.AccessibilityStatementPage: AccessibilityStatementPageFactory,
        models.ContactPage: ContactPageFactory,
    }[model]
    assert model.can_create_at(home_page)
    factory(parent=home_page)
    assert not model.can_create_at(home_page)


def test_leaf_pages_take_no_children(home_page):
    for factory in (
        DocumentsPageFactory,
        SignLanguagePageFactory,
        AccessibilityStatementPageFactory,
        ContactPageFactory,
    ):
        page = factory(parent=home_page)
        assert page.specific_class.allowed_subpage_models() == []
    assert not models.ContentPage.can_create_at(Page.get_first_root_node())


def test_content_page_shows_images_with_credit(client, home_page):
    page = ContentPageFactory(
        parent=home_page,
        body__0__image__image__image=CustomImageFactory(credit="Christian Bart"),
        body__0__image__caption="Die Collage",
        body__1__gallery__images__0__image=CustomImageFactory(credit="Sandra Steinmetz"),
        body__1__gallery__images__1__image=CustomImageFactory(credit="Privat"),
    )
    soup = soup_of(client.get(page.url))
    credits = [credit.get_text(" ", strip=True) for credit in soup.select(".credit")]
    assert credits == ["Bild: Christian Bart", "Bild: Sandra Steinmetz", "Bild: Privat"]
    image = soup.select_one("main figure img")
    assert image["alt"].startswith("Menschen bei einer Veranstaltung")


def test_documents_page_shows_type_and_size(client, home_page):
    page = DocumentsPageFactory(
        parent=home_page,
        documents__0__document_list__heading="Integrationskonzepte",
        documents__0__document_list__documents__0__title="Integrationskonzept 2011",
        documents__0__document_list__documents__1__title="Internationales Saarbrücken (2020)",
    )
    soup = soup_of(client.get(page.url))
    downloads = soup.select(".download")
    assert [d.find("a").get_text(strip=True) for d in downloads] == [
        "Integrationskonzept 2011",
        "Internationales Saarbrücken (2020)",
    ]
    meta = downloads[0].select_one(".meta").get_text()
    assert "PDF" in meta
    assert "Bytes" in meta or "KB" in meta
    link = downloads[0].find("a")["href"]
    assert client.get(link).status_code == 200


def test_download_in_a_body_shows_type_and_size(client, home_page):
    page = ContentPageFactory(parent=home_page, body__0__document__title="Flyer")
    download = soup_of(client.get(page.url)).select_one("main .download")
    assert download.find("a").get_text(strip=True) == "Flyer"
    assert download.find("a").has_attr("download")
    assert "PDF" in download.select_one(".meta").get_text()


def test_easy_language_page_is_marked(client, home_page):
    page = EasyLanguagePageFactory(parent=home_page)
    soup = soup_of(client.get(page.url))
    assert "easy-language" in soup.body["class"]
    assert soup.select_one(".easy-language__badge").get_text(strip=True) == "Leichte Sprache"


def test_sign_language_page_links_videos_without_loading_them(client, home_page):
    page = SignLanguagePageFactory(parent=home_page, videos__0__video__title="Das ZIB stellt sich vor")
    soup = soup_of(client.get(page.url))
    assert soup.find("h2", string="Das ZIB stellt sich vor")
    assert soup.select_one(".sign-language-video a.button")["href"] == "https://video.example.org/dgs-zib"
    assert not soup.find("iframe")
    assert not soup.find("video")
    assert "Wir sind das ZIB." in soup.select_one("details.transcript").get_text()


def test_sign_language_page_without_videos_says_so(client, home_page):
    page = SignLanguagePageFactory(parent=home_page, videos=[])
    soup = soup_of(client.get(page.url))
    assert "noch keine Videos" in soup.select_one(".notice").get_text()


def test_accessibility_statement_shows_required_parts(client, home_page):
    contact = ContactPageFactory(parent=home_page)
    page = AccessibilityStatementPageFactory(parent=home_page, feedback_page=contact)
    AccessibilityGapFactory(page=page, reason_details="Sie werden bei der nächsten Überarbeitung ersetzt.")
    text = soup_of(client.get(page.url)).get_text(" ", strip=True)
    assert "teilweise vereinbar" in text
    assert "Ältere PDF-Dokumente sind nicht vollständig barrierefrei." in text
    assert "Unverhältnismäßige Belastung" in text
    assert "1. November 2026" in text
    assert "zib@saarbruecken.de" in text
    soup = soup_of(client.get(page.url))
    assert soup.find("a", href="https://www.schlichtungsstelle-bgg.de")
    assert soup.find("a", href=contact.url + "?anliegen=barrierefreiheit")


@pytest.mark.django_db
def test_more_box_links_keep_the_visitors_language(client, home_page):
    """A German page shown under /ar/ links on to the Arabic version, or stays under /ar/."""
    from wagtail.models import Locale

    arabic = Locale.objects.get_or_create(language_code="ar")[0]
    team = ContentPageFactory(parent=home_page, title="Team", slug="team")
    contact = ContentPageFactory(parent=home_page, title="Kontakt", slug="kontakt")
    team.copy_for_translation(arabic, copy_parents=True).save_revision().publish()
    team_ar = team.get_translation(arabic)
    page = ContentPageFactory(
        parent=home_page,
        slug="ueber-uns",
        body__0__more_box__page=team,
        body__1__more_box__page=contact,
    )
    german = [a["href"] for a in soup_of(client.get(page.url)).select(".more-box a")]
    assert german == [team.url, contact.url]
    arabic_links = [a["href"] for a in soup_of(client.get("/ar/ueber-uns/")).select(".more-box a")]
    assert arabic_links == [team_ar.url, "/ar/kontakt/"]
    assert team_ar.url.startswith("/ar/")
