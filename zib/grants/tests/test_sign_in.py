"""Sign-in by e-mail link: valid, expired, reused, tampered; no cookie before sign-in."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from zib.grants import services
from zib.grants.models import Applicant, SignInToken

SIGN_IN = "/de/foerderung/antrag/anmelden/"


def link_from(message):
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


@pytest.mark.django_db
def test_sign_in_page_sets_no_cookie(client, home_page):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    assert response.cookies == {}
    response = client.post(SIGN_IN, {"email": "neu@example.org"})
    assert response.status_code == 200
    assert response.cookies == {}


@pytest.mark.django_db
def test_requesting_a_link_creates_the_account_and_mails_the_link(client, home_page, locale_en):
    response = client.post("/en/foerderung/antrag/anmelden/", {"email": " Neu@Example.org "})
    assert "Neu@Example.org" in response.content.decode()
    applicant = Applicant.objects.get(email="neu@example.org")
    assert applicant.language == "en"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@example.org"]
    assert link_from(mail.outbox[0]).startswith("/en/foerderung/antrag/anmelden/")
    # Only a hash of the secret is stored.
    token = SignInToken.objects.get()
    assert token.token_hash not in mail.outbox[0].body


@pytest.mark.django_db
def test_the_link_signs_in_once(client, home_page):
    client.post(SIGN_IN, {"email": "verein@example.org"})
    link = link_from(mail.outbox[0])
    # Mail scanners may open the link: GET only shows a button and uses nothing up.
    assert client.get(link).status_code == 200
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == "/de/foerderung/antrag/"
    assert client.get("/de/foerderung/antrag/").status_code == 200
    # Used once: refused the second time, also in another browser.
    other = client.__class__()
    response = other.post(link)
    assert response.status_code == 400
    assert "schon benutzt" in response.content.decode()
    assert Applicant.objects.get().last_login_at is not None


@pytest.mark.django_db
def test_an_expired_link_is_refused(client, home_page):
    client.post(SIGN_IN, {"email": "verein@example.org"})
    SignInToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(link_from(mail.outbox[0]))
    assert response.status_code == 400
    assert "abgelaufen" in response.content.decode()
    assert client.get("/de/foerderung/antrag/").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["kaputt", "a" * 300, "x:y:z", "%00"])
def test_a_tampered_link_is_refused(client, home_page, token):
    response = client.post(f"/de/foerderung/antrag/anmelden/{token}/")
    assert response.status_code in (400, 404)


@pytest.mark.django_db
def test_signature_is_checked_before_the_database(applicant):
    signed = services.issue_sign_in_token(applicant)
    raw, _, signature = signed.rpartition(":")
    with pytest.raises(services.TokenError) as error:
        services.check_sign_in_token(f"{raw}:{'A' * len(signature)}")
    assert error.value.reason == "invalid"


@pytest.mark.django_db
def test_requests_are_rate_limited_per_address(client, home_page):
    for _ in range(services.RATE_LIMIT_PER_ADDRESS + 3):
        client.post(SIGN_IN, {"email": "viel@example.org"})
    assert len(mail.outbox) == services.RATE_LIMIT_PER_ADDRESS


@pytest.mark.django_db
def test_bots_filling_the_hidden_field_get_no_mail(client, home_page):
    response = client.post(SIGN_IN, {"email": "bot@example.org", "website": "http://spam.example"})
    assert response.status_code == 200
    assert mail.outbox == []


@pytest.mark.django_db
def test_invalid_address_keeps_input_and_explains(client, home_page):
    response = client.post(SIGN_IN, {"email": "kein-at-zeichen"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="kein-at-zeichen"' in html
    assert "error-summary" in html
    assert mail.outbox == []


@pytest.mark.django_db
def test_next_url_must_stay_on_the_site(client, home_page):
    client.post(SIGN_IN + "?next=https://evil.example/", {"email": "verein@example.org"})
    assert SignInToken.objects.get().next_url == ""


@pytest.mark.django_db
def test_sign_out_ends_the_applicant_session(signed_in, home_page):
    assert signed_in.get("/de/foerderung/antrag/").status_code == 200
    assert signed_in.get("/de/foerderung/antrag/abmelden/").status_code == 405
    signed_in.post("/de/foerderung/antrag/abmelden/")
    assert signed_in.get("/de/foerderung/antrag/").status_code == 302


@pytest.mark.django_db
def test_invitation_adds_a_colleague_to_the_organisation(signed_in, applicant, home_page):
    response = signed_in.post(
        "/de/foerderung/antrag/organisation/", {"email": "kollegin@example.org", "name": "Eva"}
    )
    assert response.status_code == 302
    colleague = Applicant.objects.get(email="kollegin@example.org")
    assert colleague.organisation == applicant.organisation
    assert colleague.invited_by == applicant
    assert "Einladung" in mail.outbox[0].subject
    token = SignInToken.objects.get(applicant=colleague)
    assert token.expires_at > timezone.now() + timedelta(days=6)


@pytest.mark.django_db
def test_cannot_invite_a_member_of_another_organisation(signed_in, home_page):
    from .factories import ApplicantFactory

    ApplicantFactory(email="fremd@example.org")
    response = signed_in.post("/de/foerderung/antrag/organisation/", {"email": "fremd@example.org"})
    assert response.status_code == 200
    assert "kann nicht eingeladen werden" in response.content.decode()
