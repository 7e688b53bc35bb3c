"""The admin login locks a user name after five failed attempts (django-axes)."""

from django.test import RequestFactory

from zib.security.services import client_ip

from .factories import PASSWORD

LOGIN = "/admin/login/"


def test_five_failures_lock_the_login_with_a_german_message(client, editor):
    for _attempt in range(4):
        response = client.post(LOGIN, {"username": editor.username, "password": "falsch"})
        assert response.status_code == 200  # the login form with its error
    response = client.post(LOGIN, {"username": editor.username, "password": "falsch"})
    assert response.status_code == 429
    text = response.content.decode()
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in text
    assert "1 Stunde gesperrt" in text

    # Even the right password does not get in during the lock-out.
    response = client.post(LOGIN, {"username": editor.username, "password": PASSWORD})
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302


def test_successful_login_before_the_limit_resets_the_count(client, editor):
    for _attempt in range(4):
        client.post(LOGIN, {"username": editor.username, "password": "falsch"})
    response = client.post(LOGIN, {"username": editor.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_lock_out_is_per_user_name(client, editor):
    for _attempt in range(5):
        client.post(LOGIN, {"username": "jemand-anderes", "password": "falsch"})
    response = client.post(LOGIN, {"username": editor.username, "password": PASSWORD})
    assert response.status_code == 302


def test_client_login_in_tests_still_works(client, editor):
    # Sign-ins without a request (shell, tests) are not throttled, and not refused.
    assert client.login(username=editor.username, password=PASSWORD)


def test_client_address_ignores_forged_forwarded_for_without_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.2.3.4", REMOTE_ADDR="10.0.0.9")
    assert client_ip(request) == "10.0.0.9"


def test_client_address_behind_one_proxy_is_the_one_nginx_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "203.0.113.7"


def test_a_very_long_user_name_is_refused_without_a_server_error(client, db):
    # AccessAttempt.username holds 255 characters; PostgreSQL refuses longer values.
    response = client.post(LOGIN, {"username": "x" * 100_000, "password": "falsch"})
    assert response.status_code == 200


def test_the_recorded_user_name_fits_the_attempts_table():
    from zib.security.services import login_username

    request = RequestFactory().post(LOGIN, {"username": "y" * 1000})
    assert login_username(request, {"username": "x" * 1000}) == "x" * 150
    assert login_username(request) == "y" * 150
