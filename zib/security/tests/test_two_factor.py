"""Two-factor sign-in for staff: enrolment, the code after the password, wrong codes."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from .factories import PASSWORD, TOTPDeviceFactory, current_token, wrong_token

SETUP = "/admin/two-factor/"
VERIFY = "/admin/two-factor/verify/"


def sign_in(client, user):
    return client.post("/admin/login/", {"username": user.username, "password": PASSWORD})


def test_account_page_links_to_two_factor_setup(signed_in):
    response = signed_in.get("/admin/account/")
    assert response.status_code == 200
    assert SETUP in response.content.decode()


def test_setup_page_shows_qr_code_as_inline_svg_and_the_secret(signed_in, editor):
    response = signed_in.get(SETUP)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("svg"), "QR code is drawn on the server as SVG"
    assert not soup.find("img", src=lambda src: src and src.startswith("http")), "no external QR service"
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    secret = soup.find("code").get_text().replace(" ", "")
    assert len(secret) == 32
    # Reloading keeps the same secret: a QR code already scanned stays valid.
    signed_in.get(SETUP)
    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_enrolment_with_wrong_code_is_refused(signed_in, editor):
    signed_in.get(SETUP)
    device = TOTPDevice.objects.get(user=editor)
    response = signed_in.post(SETUP, {"token": wrong_token(device)})
    assert response.status_code == 200
    assert "Der Code ist falsch oder abgelaufen" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_enrolment_with_current_code_confirms_device_logs_and_notifies(
    signed_in, editor, django_capture_on_commit_callbacks
):
    signed_in.get(SETUP)
    device = TOTPDevice.objects.get(user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(SETUP, {"token": current_token(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert ModelLogEntry.objects.filter(action="zib.two_factor.enable", object_id=str(editor.pk)).exists()
    assert [message.to for message in mail.outbox] == [[editor.email]]
    # The session that enrolled counts as verified: the admin opens directly.
    assert signed_in.get("/admin/").status_code == 200


def test_code_is_required_after_password_once_enrolled(client, editor):
    device = TOTPDeviceFactory(user=editor)
    response = sign_in(client, editor)
    assert response.status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    # Every admin page is closed, not only the dashboard.
    assert client.get("/admin/pages/").status_code == 302
    assert client.get(SETUP)["Location"].startswith(VERIFY), "no second device without the first"

    page = client.get(response["Location"])
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    field = soup.find("input", attrs={"name": "token"})
    assert field["autocomplete"] == "one-time-code"
    assert soup.find("label", attrs={"for": field["id"]})

    response = client.post(VERIFY, {"token": current_token(device), "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_wrong_code_is_refused(client, editor):
    device = TOTPDeviceFactory(user=editor)
    sign_in(client, editor)
    response = client.post(VERIFY, {"token": wrong_token(device)})
    assert response.status_code == 200
    assert "Der Code ist falsch oder abgelaufen" in response.content.decode()
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("token", ["", "abcdef", "12345", "1" * 5000, "12\x0034"])
def test_malformed_codes_get_a_message(client, editor, token):
    TOTPDeviceFactory(user=editor)
    sign_in(client, editor)
    response = client.post(VERIFY, {"token": token})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_next_must_stay_on_this_site(client, editor):
    device = TOTPDeviceFactory(user=editor)
    sign_in(client, editor)
    response = client.post(VERIFY, {"token": current_token(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_required_two_factor_sends_staff_without_device_to_setup(client, editor, settings):
    settings.REQUIRE_2FA_FOR_STAFF = True
    sign_in(client, editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    assert "vorgeschrieben" in client.get(SETUP).content.decode()
    # The dashboard stays closed until an app is set up.
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_removing_two_factor_needs_a_current_code(client, editor):
    device = TOTPDeviceFactory(user=editor)
    sign_in(client, editor)
    client.post(VERIFY, {"token": current_token(device)})
    # The code just used cannot be replayed.
    response = client.post(SETUP, {"token": current_token(device)})
    assert "Der Code ist falsch" in response.content.decode()
    assert TOTPDevice.objects.filter(user=editor).exists()
    device.refresh_from_db()
    device.last_t -= 1  # pretend the next time step has come …
    device.throttle_reset(commit=False)  # … and the wait after the wrong code is over
    device.save()
    response = client.post(SETUP, {"token": current_token(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert ModelLogEntry.objects.filter(action="zib.two_factor.disable").exists()


def test_administrator_can_reset_a_lost_device(editor):
    from django.core.management import call_command

    TOTPDeviceFactory(user=editor)
    call_command("reset_two_factor", editor.username)
    assert not TOTPDevice.objects.filter(user=editor).exists()
