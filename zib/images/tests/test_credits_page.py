"""The generated "Bildnachweise" page lists every image on a live page with its credit."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zib.images.models import ImageCreditsPage
from zib.pages.tests.factories import ContentPageFactory
from zib.people.tests.factories import PersonFactory, TeamMembershipFactory, TeamPageFactory

from .factories import CustomImageFactory, ImageCreditsPageFactory

pytestmark = pytest.mark.usefixtures("no_page_cache")


@pytest.fixture
def credits_page(home_page):
    return ImageCreditsPageFactory(parent=home_page)


def listed(client, page, query=""):
    response = client.get(page.url + query)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        item.find("strong").get_text(strip=True): {
            "credit": item.select_one(".credit").get_text(strip=True),
            "pages": [a.get_text(strip=True) for a in item.select(".meta a")],
        }
        for item in soup.select(".credit-list__item")
    }


def page_with_image(parent, image, **kwargs):
    return ContentPageFactory(parent=parent, body__0__image__image__image=image, **kwargs)


def test_lists_images_on_live_pages_with_credit_and_pages(client, home_page, credits_page):
    collage = CustomImageFactory(title="Collage Impfung Umarmung", credit="Christian Bart")
    page_with_image(home_page, collage, title="Aktionswoche")
    page_with_image(home_page, collage, title="Impfen")
    assert listed(client, credits_page) == {
        "Collage Impfung Umarmung": {"credit": "Bild: Christian Bart", "pages": ["Aktionswoche", "Impfen"]}
    }


def test_images_only_on_drafts_unpublished_or_private_pages_are_not_listed(client, home_page, credits_page):
    from wagtail.models import PageViewRestriction

    page_with_image(home_page, CustomImageFactory(title="Nur im Entwurf"), live=False)
    unpublished = page_with_image(home_page, CustomImageFactory(title="Zurückgezogen"))
    unpublished.unpublish()
    private = page_with_image(home_page, CustomImageFactory(title="Geschützt"))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    CustomImageFactory(title="Nie verwendet")
    assert listed(client, credits_page) == {}


def test_draft_changes_do_not_count_until_published(client, home_page, credits_page):
    live_image = CustomImageFactory(title="Veröffentlicht")
    draft_image = CustomImageFactory(title="Nur in neuer Fassung")
    page = page_with_image(home_page, live_image)
    page.body[0].value["image"] = draft_image
    page.save_revision()
    assert set(listed(client, credits_page)) == {"Veröffentlicht"}
    page.get_latest_revision().publish()
    assert set(listed(client, credits_page)) == {"Nur in neuer Fassung"}


def test_team_photos_are_listed_under_the_team_page(client, home_page, credits_page):
    team = TeamPageFactory(parent=home_page)
    TeamMembershipFactory(person__photo=CustomImageFactory(title="Adèle Robart", credit="ZIB"))
    PersonFactory(photo=CustomImageFactory(title="Nicht im Team"))
    assert listed(client, credits_page) == {"Adèle Robart": {"credit": "Bild: ZIB", "pages": [team.title]}}


def test_credits_page_is_unique_below_the_start_page(home_page, credits_page):
    from zib.home.models import HomePage

    assert ImageCreditsPage.allowed_parent_page_models() == [HomePage]
    assert ImageCreditsPage.allowed_subpage_models() == []
    assert not ImageCreditsPage.can_create_at(home_page)


@pytest.mark.parametrize("query", ["?page=abc", "?page=99999", "?page=-1", "?page=" + "9" * 500])
def test_bad_page_numbers_are_harmless(client, credits_page, query):
    assert client.get(credits_page.url + query).status_code == 200


def count_queries(client, url):
    client.get(url)  # first visit makes the thumbnails
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_images_and_pages(client, home_page, credits_page):
    TeamPageFactory(parent=home_page)
    for _ in range(5):
        page_with_image(home_page, CustomImageFactory())
        TeamMembershipFactory()
    few = count_queries(client, credits_page.url)
    for _ in range(40):
        page_with_image(home_page, CustomImageFactory())
        TeamMembershipFactory()
    many = count_queries(client, credits_page.url)
    assert few == many
    assert many <= 26  # chrome (settings, navigation, footer) included
