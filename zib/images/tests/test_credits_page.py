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


def test_queries_cold_and_warm(client, home_page, credits_page, forget_local_caches):
    TeamPageFactory(parent=home_page)
    for _ in range(5):
        page_with_image(home_page, CustomImageFactory())
        TeamMembershipFactory()
    client.get(credits_page.url)  # the thumbnails are made on the first visit
    forget_local_caches()
    cold = count_queries_once(client, credits_page.url)
    warm = count_queries_once(client, credits_page.url)
    assert (cold, warm) == (CREDITS_COLD_QUERIES, CREDITS_WARM_QUERIES)


def count_queries_once(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Cold: the chrome, the route, restrictions and breadcrumbs, the usage (references, snippets'
# images, team photos), the ordered ids, the page's images, their thumbnails, the titles of the
# pages they are used on and the pages named.
# Warm: nothing (before: the usage and the page's images on every request).
CREDITS_COLD_QUERIES = 23
CREDITS_WARM_QUERIES = 0


def test_remembered_credits_follow_publish_unpublish_and_edits(client, home_page, credits_page):
    collage = CustomImageFactory(title="Collage", credit="Christian Bart")
    first = page_with_image(home_page, collage, title="Aktionswoche")
    assert listed(client, credits_page) == {
        "Collage": {"credit": "Bild: Christian Bart", "pages": ["Aktionswoche"]}
    }
    page_with_image(home_page, collage, title="Impfen")
    assert listed(client, credits_page)["Collage"]["pages"] == ["Aktionswoche", "Impfen"]
    first.unpublish()
    assert listed(client, credits_page)["Collage"]["pages"] == ["Impfen"]
    collage.credit = "ZIB"
    collage.save()
    assert listed(client, credits_page)["Collage"]["credit"] == "Bild: ZIB"
    other = CustomImageFactory(title="Anderes Bild")
    page_with_image(home_page, other, title="Neu")
    assert list(listed(client, credits_page)) == ["Anderes Bild", "Collage"]


def test_the_page_lists_the_translation_in_its_language(client, home_page, credits_page):
    """The entries are remembered per credits page's locale: each lists the pages in its language."""
    from wagtail.models import Locale

    collage = CustomImageFactory(title="Collage")
    german = page_with_image(home_page, collage, title="Deutsch")
    english_locale = Locale.objects.get_or_create(language_code="en")[0]
    english = german.copy_for_translation(english_locale, copy_parents=True)
    english.title = "English"
    english.save_revision().publish()
    english_credits = credits_page.copy_for_translation(english_locale)
    english_credits.save_revision().publish()
    assert listed(client, credits_page)["Collage"]["pages"] == ["Deutsch"]
    assert listed(client, english_credits)["Collage"]["pages"] == ["English"]


def test_an_image_on_many_pages_names_ten_and_counts_the_rest(client, home_page, credits_page):
    from django.utils import translation

    header = CustomImageFactory(title="Kopfbild", credit="ZIB")
    for number in range(13):
        page_with_image(home_page, header, title=f"Seite {number:02d}", slug=f"seite-{number:02d}")
    entry = listed(client, credits_page)["Kopfbild"]
    assert len(entry["pages"]) == 10
    html = client.get(credits_page.url).content.decode()
    assert "und 3 weitere Seiten" in html
    with translation.override("en"):
        english = client.get(credits_page.url.replace("/de/", "/en/", 1)).content.decode()
    assert "and 3 more pages" in english
