"""Editors can open the create form of every page type of this part and save a page."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw-1234-abcd")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model",
    [
        "pages.contentpage",
        "pages.documentspage",
        "pages.easylanguagepage",
        "pages.signlanguagepage",
        "pages.accessibilitystatementpage",
        "pages.contactpage",
        "people.teampage",
        "images.imagecreditspage",
    ],
)
def test_create_form_renders(admin_client, home_page, model):
    app_label, model_name = model.split(".")
    url = reverse("wagtailadmin_pages:add", args=[app_label, model_name, home_page.pk])
    response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert "Veröffentlichen" in response.content.decode()


def test_content_page_is_created_through_the_admin(admin_client, home_page):
    from zib.pages.models import ContentPage

    url = reverse("wagtailadmin_pages:add", args=["pages", "contentpage", home_page.pk])
    data = {
        "title": "Integrationsbeirat",
        "slug": "integrationsbeirat",
        "teaser": "Die Geschäftsstelle gehört zum ZIB.",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ContentPage.objects.get(slug="integrationsbeirat")
    assert page.get_parent().pk == home_page.pk
