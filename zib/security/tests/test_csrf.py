"""Public forms are protected against cross-site posts without setting a cookie."""

import pytest
from django.test import Client

from .factories import PASSWORD

pytestmark = [pytest.mark.urls("zib.security.tests.urls"), pytest.mark.django_db]

FORM = "/formular/"


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)


def test_anonymous_form_page_sets_no_cookie_and_is_not_cached(browser):
    response = browser.get(FORM)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]
    assert browser.get(FORM).get("X-Page-Cache") != "hit"


def test_same_origin_post_is_accepted(browser):
    response = browser.post(FORM, {"message": "Hallo"}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_REFERER": "https://evil.example/form"},
    ],
)
def test_cross_site_or_unknown_post_is_refused(browser, headers):
    assert browser.post(FORM, {"message": "Hallo"}, **headers).status_code == 403


@pytest.mark.parametrize(
    "headers", [{"HTTP_SEC_FETCH_SITE": "same-origin"}, {"HTTP_REFERER": "http://testserver/formular/"}]
)
def test_same_site_post_without_origin_is_accepted(browser, headers):
    assert browser.post(FORM, {"message": "Hallo"}, **headers).status_code == 200


def test_signed_in_users_keep_the_token_check(browser):
    from .factories import AdminUserFactory

    user = AdminUserFactory()
    browser.force_login(user)
    response = browser.post(FORM, {"message": "Hallo"}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 403, "the token is checked for signed-in users"


def test_admin_login_keeps_the_token_check(browser):
    from .factories import AdminUserFactory

    user = AdminUserFactory()
    response = browser.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 403
