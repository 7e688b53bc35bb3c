"""What the pages app remembers per cache generation: query counts cold and warm, and that it follows changes.

Rich-text links, the images, documents and pages a stream refers to, a
content page's subpages, the accessibility statement's gaps and the empty
contact form are remembered in ``zib.pagecache.local``; any visible change
starts a new generation, so every test here also changes something and
checks that the page shows it at once.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zib.pages import models

from .factories import (
    AccessibilityGapFactory,
    AccessibilityStatementPageFactory,
    ContactPageFactory,
    ContentPageFactory,
    DocumentFactory,
    DocumentsPageFactory,
    EasyLanguagePageFactory,
)

pytestmark = pytest.mark.usefixtures("no_page_cache")


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def queries_cold_and_warm(client, url, forget_local_caches):
    """(queries with empty in-process caches, queries of the next request).

    A cold request also loads what every page needs (chrome, route, breadcrumbs).
    """
    client.get(url)  # renditions, the document's size, the cache generation: made once
    counts = []
    forget_local_caches()
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    return tuple(counts)


def publish(page):
    page.save_revision().publish()


# --- Rich-text links ---------------------------------------------------------------


@pytest.fixture
def linking_page(home_page):
    target = ContentPageFactory(parent=home_page, title="Team", slug="team")
    document = DocumentFactory(title="Flyer")
    page = EasyLanguagePageFactory(
        parent=home_page,
        slug="leichte-sprache",
        body__0__paragraph__value=(
            f'<p><a linktype="page" id="{target.pk}">Zum Team</a> und '
            f'<a linktype="document" id="{document.pk}">der Flyer</a></p>'
        ),
    )
    return page, target, document


def links_of(client, page):
    return [a.get("href") for a in soup_of(client.get(page.url)).select("main article a")]


def test_rich_text_links_cost_no_query_when_warm(client, linking_page, forget_local_caches):
    page, target, document = linking_page
    assert links_of(client, page) == [target.url, document.url]
    # Cold: every page's chrome, route and breadcrumbs, then the linked pages (2),
    # the locale of `localized` and the document; warm: none of these.
    assert queries_cold_and_warm(client, page.url, forget_local_caches) == (16, 0)


def test_rich_text_page_link_follows_a_new_slug(client, linking_page):
    page, target, _ = linking_page
    assert links_of(client, page)[0] == "/de/team/"
    target.slug = "unser-team"
    publish(target)
    assert links_of(client, page)[0] == "/de/unser-team/"


def test_rich_text_document_link_of_a_deleted_document_has_no_address(client, linking_page):
    page, _, document = linking_page
    assert links_of(client, page)[1] == document.url
    document.delete()
    assert links_of(client, page)[1] is None  # Wagtail's plain <a> for a missing target


def test_rich_text_page_link_leads_to_the_translation_in_the_visitors_language(client, home_page):
    from wagtail.models import Locale

    arabic = Locale.objects.get_or_create(language_code="ar")[0]
    target = ContentPageFactory(parent=home_page, title="Team", slug="team")
    target.copy_for_translation(arabic, copy_parents=True).save_revision().publish()
    page = ContentPageFactory(
        parent=home_page,
        slug="ueber-uns",
        body__0__paragraph__value=f'<p><a linktype="page" id="{target.pk}">Team</a></p>',
    )
    page.copy_for_translation(arabic, copy_parents=True).save_revision().publish()
    german = soup_of(client.get(page.url)).select_one("main .prose p a")["href"]
    arabic_href = soup_of(client.get("/ar/ueber-uns/")).select_one("main .prose p a")["href"]
    assert (german, arabic_href) == ("/de/team/", target.get_translation(arabic).url)


# --- Documents, images and pages chosen in a stream --------------------------------------


@pytest.fixture
def documents_page(home_page):
    return DocumentsPageFactory(
        parent=home_page,
        slug="dokumente",
        documents__0__document_list__heading="Integrationskonzepte",
        documents__0__document_list__documents__0__title="",
        documents__0__document_list__documents__0__document__document__title="Konzept 2011",
        documents__0__document_list__documents__1__title="",
        documents__0__document_list__documents__1__document__document__title="Konzept 2020",
    )


def download_titles(client, page):
    return [a.get_text(strip=True) for a in soup_of(client.get(page.url)).select(".download a")]


def test_documents_page_loads_its_documents_once(client, documents_page, forget_local_caches):
    assert download_titles(client, documents_page) == ["Konzept 2011", "Konzept 2020"]
    assert queries_cold_and_warm(client, documents_page.url, forget_local_caches) == (13, 0)


def test_documents_page_shows_an_edited_document_at_once(client, documents_page):
    assert download_titles(client, documents_page) == ["Konzept 2011", "Konzept 2020"]
    document = models.DocumentsPage.objects.get(pk=documents_page.pk).documents[0].value["documents"][0]
    document = document["document"]
    document.title = "Integrationskonzept 2011"
    document.save()
    assert download_titles(client, documents_page) == ["Integrationskonzept 2011", "Konzept 2020"]


def test_document_size_is_read_once_and_a_missing_file_shows_none(client, home_page):
    from wagtail.documents import get_document_model

    from zib.pagecache.services import invalidate

    page = DocumentsPageFactory(parent=home_page, documents__0__document__title="Flyer")
    document = get_document_model().objects.get()
    size = document.file.size
    get_document_model().objects.filter(pk=document.pk).update(file_size=None)
    invalidate()  # what an editor's change would do
    meta = soup_of(client.get(page.url)).select_one(".download .meta").get_text()
    assert "PDF" in meta and f"{size}" in meta
    assert get_document_model().objects.get().file_size == size  # stored once, as Wagtail does

    get_document_model().objects.filter(pk=document.pk).update(file="documents/fehlt.pdf", file_size=None)
    invalidate()
    for _ in range(2):
        meta = soup_of(client.get(page.url)).select_one(".download .meta").get_text(strip=True)
        assert meta == "(PDF)"


def test_content_page_images_follow_a_new_credit(client, home_page, forget_local_caches):
    from zib.images.tests.factories import CustomImageFactory

    image = CustomImageFactory(credit="Christian Bart")
    page = ContentPageFactory(parent=home_page, slug="bilder", body__0__image__image__image=image)
    credit = soup_of(client.get(page.url)).select_one("main .credit").get_text(strip=True)
    assert credit == "Bild: Christian Bart"
    _cold, warm = queries_cold_and_warm(client, page.url, forget_local_caches)
    assert warm == 0
    image.credit = "Sandra Steinmetz"
    image.save()
    credit = soup_of(client.get(page.url)).select_one("main .credit").get_text(strip=True)
    assert credit == "Bild: Sandra Steinmetz"


def test_remembered_image_blocks_keep_each_caption(client, home_page):
    from zib.images.tests.factories import CustomImageFactory

    image = CustomImageFactory(credit="ZIB")
    page = ContentPageFactory(
        parent=home_page,
        slug="bilder",
        body__0__image__image__image=image,
        body__0__image__caption="Erste",
        body__1__image__image__image=image,
        body__1__image__caption="Zweite",
    )
    for _ in range(2):
        captions = [
            c.get_text(" ", strip=True) for c in soup_of(client.get(page.url)).select("main figcaption")
        ]
        assert captions == ["Erste – Bild: ZIB", "Zweite – Bild: ZIB"]


def test_chooser_blocks_keep_their_definition_for_migrations():
    from zib.pages.blocks import BodyBlock

    paths = {
        name: BodyBlock().child_blocks[name].child_blocks[field].deconstruct()[0]
        for name, field in [("image", "image"), ("document", "document"), ("more_box", "page")]
    }
    assert paths == {
        "image": "wagtail.images.blocks.ImageChooserBlock",
        "document": "wagtail.documents.blocks.DocumentChooserBlock",
        "more_box": "wagtail.blocks.PageChooserBlock",
    }
    assert BodyBlock().child_blocks["paragraph"].deconstruct()[0] == "wagtail.blocks.RichTextBlock"


@pytest.mark.parametrize(
    "source",
    ["", "<p>Text</p>", '<h2>Über uns</h2><ul><li>a &amp; b</li></ul><p><a href="https://zib.de">x</a></p>'],
)
def test_paragraphs_render_as_wagtails_rich_text_block(home_page, source):
    from wagtail import blocks
    from wagtail.rich_text import RichText

    from zib.pages.blocks import BodyBlock

    target = ContentPageFactory(parent=home_page, slug="ziel")
    source += f'<p><a linktype="page" id="{target.pk}">Ziel</a></p>' if source else ""
    ours = BodyBlock().child_blocks["paragraph"]
    wagtails = blocks.RichTextBlock()
    assert str(ours.render(RichText(source))) == str(wagtails.render(RichText(source)))


def test_a_repeated_document_gives_separate_objects(home_page):
    from zib.pages.blocks import DocumentChooserBlock

    document = DocumentFactory()
    first, second, missing = DocumentChooserBlock().bulk_to_python([document.pk, document.pk, None])
    assert first == second and first is not second and missing is None


# --- Content pages' subpages -------------------------------------------------------


@pytest.fixture
def about(home_page):
    about = ContentPageFactory(parent=home_page, title="Über das ZIB", slug="ueber-das-zib", body=[])
    for title in ("Strategien", "Netzwerk"):
        ContentPageFactory(parent=about, title=title, teaser=f"Über {title}.", body=[])
    return about


def subpages_of(client, page):
    nav = soup_of(client.get(page.url)).select_one("nav.subpages")
    return [(a.get_text(strip=True), a["href"]) for a in nav.select("a")] if nav else []


def test_subpages_cost_no_query_when_warm(client, about, forget_local_caches):
    assert subpages_of(client, about) == [
        ("Strategien", "/de/ueber-das-zib/strategien/"),
        ("Netzwerk", "/de/ueber-das-zib/netzwerk/"),
    ]
    # Cold: 2 for the subpages (their rows, their specific types); warm: none.
    assert queries_cold_and_warm(client, about.url, forget_local_caches) == (15, 0)


def test_subpages_follow_publishing_unpublishing_and_edits(client, about):
    assert [title for title, _ in subpages_of(client, about)] == ["Strategien", "Netzwerk"]
    strategies = about.get_children().get(title="Strategien").specific
    strategies.unpublish()
    assert [title for title, _ in subpages_of(client, about)] == ["Netzwerk"]
    ContentPageFactory(parent=about, title="Veranstaltungen", body=[])
    assert [title for title, _ in subpages_of(client, about)] == ["Netzwerk", "Veranstaltungen"]
    network = about.get_children().get(title="Netzwerk").specific
    network.teaser = "Wer mit uns arbeitet."
    publish(network)
    assert "Wer mit uns arbeitet." in soup_of(client.get(about.url)).select_one("nav.subpages").get_text()


# --- Accessibility statement -------------------------------------------------------


@pytest.fixture
def statement(home_page):
    contact = ContactPageFactory(parent=home_page)
    page = AccessibilityStatementPageFactory(parent=home_page, feedback_page=contact)
    AccessibilityGapFactory(page=page, title="PDF-Dokumente")
    return page


def gap_titles(client, page):
    return [h3.get_text(strip=True) for h3 in soup_of(client.get(page.url)).select(".accessibility-gaps h3")]


def test_statement_costs_no_query_when_warm(client, statement, forget_local_caches):
    assert gap_titles(client, statement) == ["PDF-Dokumente"]
    assert queries_cold_and_warm(client, statement.url, forget_local_caches) == (14, 0)


def test_statement_follows_edits_and_the_contact_page(client, statement):
    assert gap_titles(client, statement) == ["PDF-Dokumente"]
    gap = statement.known_gaps.get()
    gap.title = "Ältere PDF-Dokumente"
    gap.save()
    AccessibilityGapFactory(
        page=statement,
        title="Videos",
        reason=models.AccessibilityGap.Reason.NOT_YET,
        planned_fix=datetime.date(2027, 3, 31),
    )
    assert gap_titles(client, statement) == ["Ältere PDF-Dokumente", "Videos"]
    videos = soup_of(client.get(statement.url)).select(".accessibility-gaps li")[1].get_text(" ", strip=True)
    assert "Noch nicht umgesetzt" in videos and "31. März 2027" in videos
    contact = statement.feedback_page.specific
    assert soup_of(client.get(statement.url)).find("a", href="/de/kontakt/?anliegen=barrierefreiheit")
    contact.unpublish()
    assert not soup_of(client.get(statement.url)).find("a", href="/de/kontakt/?anliegen=barrierefreiheit")


def test_statement_preview_shows_the_draft_and_is_not_remembered(client, statement):
    assert gap_titles(client, statement) == ["PDF-Dokumente"]
    draft = models.AccessibilityStatementPage.objects.get(pk=statement.pk)
    draft.known_gaps = [models.AccessibilityGap(title="Entwurf", description="Noch nicht veröffentlicht.")]
    preview = draft.make_preview_request()
    assert "Entwurf" in preview.content.decode()
    assert gap_titles(client, statement) == ["PDF-Dokumente"]


# --- Contact form ------------------------------------------------------------------


@pytest.fixture
def contact_page(home_page):
    return ContactPageFactory(parent=home_page)


def selected_topic(client, url):
    option = soup_of(client.get(url)).select_one("select[name=topic] option[selected]")
    return option["value"] if option else None


def test_contact_form_costs_no_query_when_warm(client, contact_page, forget_local_caches):
    assert queries_cold_and_warm(client, contact_page.url, forget_local_caches) == (12, 0)


def test_remembered_contact_form_keeps_the_preselected_topic(client, contact_page):
    url = contact_page.url
    assert selected_topic(client, url + "?anliegen=barrierefreiheit") == "barrierefreiheit"
    assert selected_topic(client, url) is None
    assert selected_topic(client, url + "?anliegen=website") == "website"
    assert selected_topic(client, url + "?anliegen=barrierefreiheit") == "barrierefreiheit"
    assert selected_topic(client, url + "?anliegen=unbekannt") is None


def test_remembered_contact_form_gets_a_fresh_token_each_time(client, contact_page, monkeypatch):
    import time

    from django.core import signing

    from zib.pages.forms import TOKEN_SALT

    def token():
        field = soup_of(client.get(contact_page.url)).find("input", attrs={"name": "form_token"})
        return signing.loads(field["value"], salt=TOKEN_SALT)

    first = token()
    later = time.time() + 100
    monkeypatch.setattr(time, "time", lambda: later)
    assert token() == {"page": contact_page.pk, "shown": int(later)} != first


def test_remembered_contact_form_follows_the_privacy_page(client, home_page, contact_page):
    privacy = ContentPageFactory(parent=home_page, title="Datenschutz", slug="datenschutz", body=[])
    assert not soup_of(client.get(contact_page.url)).find("a", href="/de/datenschutz/")
    contact_page.privacy_page = privacy
    publish(contact_page)
    assert soup_of(client.get(contact_page.url)).find("a", href="/de/datenschutz/")
