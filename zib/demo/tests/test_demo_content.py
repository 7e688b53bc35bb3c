"""The demo loads twice without duplicates and publishes the office's own pages."""

import io

import pypdf
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision, WorkflowPage

from zib.demo.services import load_demo
from zib.images.models import CustomImage
from zib.pages.models import AccessibilityGap, FooterLink, NavigationItem
from zib.people.models import Person, TeamMembership

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": Page.objects.count(),
        "people": Person.objects.count(),
        "memberships": TeamMembership.objects.count(),
        "images": CustomImage.objects.count(),
        "documents": get_document_model().objects.count(),
        "navigation": NavigationItem.objects.count(),
        "footer": FooterLink.objects.count(),
        "gaps": AccessibilityGap.objects.count(),
        "groups": Group.objects.count(),
        "workflow pages": WorkflowPage.objects.count(),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded twice, with the counts after each run; rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        ctx = load_demo()
        first = snapshot()
        revisions = {
            page: set(Revision.page_revisions.filter(object_id=str(page.pk))) for page in ctx.pages.values()
        }
        ctx = load_demo()
        second = snapshot()
        yield {"ctx": ctx, "first": first, "second": second, "revisions": revisions}
        transaction.set_rollback(True)


def test_loading_twice_makes_no_duplicates(demo):
    assert demo["first"] == demo["second"]


def test_own_pages_are_not_republished_without_changes(demo):
    own = ["about", "team", "impressum", "datenschutz", "barrierefreiheit", "leichte-sprache", "kontakt"]
    for key in own:
        page = demo["ctx"].pages[key]
        assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == len(
            demo["revisions"][page]
        ), key


def test_shared_keys_are_set(demo):
    ctx = demo["ctx"]
    for key in [
        "home", "about", "team", "impressum", "datenschutz", "barrierefreiheit",
        "leichte-sprache", "kontakt", "bildnachweise", "documents",
    ]:  # fmt: skip
        assert ctx.pages[key].live, key
    assert set(ctx.people) >= {
        "adele-robart",
        "rodica-petcu",
        "veronika-kabis",
        "uwe-conradt",
        "peter-gillo",
        "sbs",
    }
    credits = {key: ctx.images[key].credit for key in ctx.images}
    assert credits["collage-1"] == credits["collage-2"] == credits["collage-3"] == "Christian Bart"
    assert credits["rodica-petcu"] == "Privat"
    assert credits["adele-robart"] == "ZIB"
    assert credits["was-macht-zib"] == "Sandra Steinmetz"
    for image in ctx.images.values():
        assert image.description and image.description != image.title


def test_people_from_the_seed(demo):
    people = demo["ctx"].people
    assert people["sbs"].initials == "sbs"
    assert people["uwe-conradt"].role == "Oberbürgermeister der Landeshauptstadt Saarbrücken"
    internship = people["adele-robart"].memberships.get()
    assert internship.kind == TeamMembership.Kind.INTERN
    assert (internship.end_date - internship.start_date).days in range(58, 62)
    assert "Border Studies" in people["adele-robart"].short_bio


def page_text(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return BeautifulSoup(response.content, "html.parser")


OWN_PAGES = [
    "about", "documents", "team", "impressum", "datenschutz", "barrierefreiheit",
    "leichte-sprache", "dgs", "kontakt", "bildnachweise",
]  # fmt: skip


def test_every_page_of_this_part_renders(client, demo, settings):
    settings.PAGE_CACHE_ENABLED = False
    pages = [demo["ctx"].pages[key] for key in OWN_PAGES] + list(demo["ctx"].extra["task_pages"].values())
    for page in pages:
        assert client.get(page.url).status_code == 200, page.url


def test_about_page_quotes_the_seed_and_lists_task_areas(client, demo):
    soup = page_text(client, demo["ctx"].pages["about"])
    text = soup.get_text(" ", strip=True)
    assert (
        "Das Zuwanderungs- und Integrationsbüro wurde 2003 eingerichtet. Es ist als Stabsstelle im Dezernat "
        "für Finanzen und Nachhaltigkeit angesiedelt. Zum ZIB gehört auch die Geschäftsstelle des "
        "Integrationsbeirats."
    ) in text
    assert "Bild: Sandra Steinmetz" in text
    tasks = [a.get_text(strip=True) for a in soup.select("nav.subpages a")]
    assert len(tasks) == 7
    assert "Geschäftsstelle des Integrationsbeirats" in tasks


def test_documents_are_valid_pdfs_with_type_and_size(client, demo):
    soup = page_text(client, demo["ctx"].pages["documents"])
    downloads = soup.select(".download")
    assert len(downloads) == 2
    assert (
        "Internationales Saarbrücken. Strategien für den Umgang mit Migration und Vielfalt"
        in downloads[0].get_text()
    )
    for download in downloads:
        assert "PDF" in download.select_one(".meta").get_text()
        response = client.get(download.find("a")["href"])
        assert response.status_code == 200
        content = b"".join(response.streaming_content) if response.streaming else response.content
        reader = pypdf.PdfReader(io.BytesIO(content), strict=True)
        assert "Integrationskonzept" in reader.pages[0].extract_text()


def test_footer_links_legal_pages_and_workflow_exists(client, demo):
    ctx = demo["ctx"]
    footer = page_text(client, ctx.pages["team"]).find("footer")
    hrefs = {a["href"] for a in footer.select("nav a")}
    for key in [
        "impressum",
        "datenschutz",
        "barrierefreiheit",
        "leichte-sprache",
        "kontakt",
        "bildnachweise",
    ]:
        assert ctx.pages[key].url in hrefs, key
    workflow_page = WorkflowPage.objects.get(workflow__name="Redaktionelle Freigabe")
    assert workflow_page.page_id == (ctx.pages.get("news") or ctx.pages["home"]).pk
