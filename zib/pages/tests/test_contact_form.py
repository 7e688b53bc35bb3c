"""The contact form: stored and e-mailed when valid, spam refused, input kept on errors."""

import time

import pytest
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.urls import reverse

from zib.pages.forms import MIN_FILL_SECONDS, TOKEN_SALT, make_form_token
from zib.pages.models import ContactMessage

from .factories import ContactPageFactory, ContentPageFactory


@pytest.fixture
def contact_page(home_page):
    privacy = ContentPageFactory(parent=home_page, title="Datenschutz", slug="datenschutz")
    return ContactPageFactory(parent=home_page, privacy_page=privacy)


def submit_url(page):
    return reverse("pages:contact_submit", kwargs={"page_id": page.pk})


def valid_data(page, **overrides):
    data = {
        "topic": "allgemein",
        "name": "Amina Beispiel",
        "email": "amina@example.org",
        "message": "Wann hat das Büro geöffnet?",
        "privacy": "on",
        "website": "",
        "form_token": make_form_token(page.pk, now=time.time() - MIN_FILL_SECONDS - 5),
    }
    data.update(overrides)
    return data


def test_form_page_sets_no_cookie_and_is_not_cached(client, contact_page):
    response = client.get(contact_page.url)
    assert response.status_code == 200
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", class_="contact-form")
    assert form["action"] == submit_url(contact_page)
    assert not form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    token = form.find("input", attrs={"name": "form_token"})["value"]
    assert signing.loads(token, salt=TOKEN_SALT)["page"] == contact_page.pk
    # Every visible field has a label.
    for field in form.find_all(["input", "textarea", "select"]):
        if field.get("type") in ("hidden", "submit"):
            continue
        assert form.find("label", attrs={"for": field["id"]}), field
    # The honeypot is hidden from people and assistive technology.
    assert (
        soup.find("input", attrs={"name": "website"}).find_parent(class_="hp-field")["aria-hidden"] == "true"
    )
    # Datenschutz is linked.
    assert form.find("a", href="/de/datenschutz/")


def test_valid_submission_is_stored_emailed_and_redirected(
    client, contact_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit_url(contact_page), valid_data(contact_page))
    assert response.status_code == 303
    assert response["Location"] == contact_page.url + "danke/"
    message = ContactMessage.objects.get()
    assert (message.name, message.email, message.topic) == (
        "Amina Beispiel",
        "amina@example.org",
        "allgemein",
    )
    assert message.page_id == contact_page.pk
    assert message.language == "de"
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["zib@saarbruecken.de"]
    assert email.reply_to == ["amina@example.org"]
    assert "Allgemeine Anfrage" in email.subject
    assert "Wann hat das Büro geöffnet?" in email.body

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    soup = BeautifulSoup(thanks.content, "html.parser")
    assert soup.find("h1").get_text(strip=True) == "Nachricht gesendet"
    assert "Vielen Dank" in soup.select_one(".success").get_text()
    trail = [(a.get_text(strip=True), a["href"]) for a in soup.select("nav.breadcrumbs a")]
    assert trail == [("Startseite", contact_page.get_parent().url), (contact_page.title, contact_page.url)]


def test_anonymous_message_without_email_is_accepted(
    client, contact_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit_url(contact_page), valid_data(contact_page, name="", email=""))
    assert response.status_code == 303
    assert mail.outbox[0].reply_to == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"website": "https://spam.example"}, "automatisch erzeugter Werbung"),
        ({"form_token": "__fresh__"}, "fast zu schnell"),
        ({"form_token": "kaputt"}, "Formular war unvollständig"),
        ({"form_token": ""}, "Formular war unvollständig"),
        ({"form_token": "__old__"}, "zu lange geöffnet"),
    ],
)
def test_spam_and_bad_tokens_are_refused_with_a_message(client, contact_page, overrides, expected):
    if overrides.get("form_token") == "__fresh__":
        overrides["form_token"] = make_form_token(contact_page.pk)
    if overrides.get("form_token") == "__old__":
        overrides["form_token"] = make_form_token(contact_page.pk, now=time.time() - 3 * 24 * 3600)
    response = client.post(submit_url(contact_page), valid_data(contact_page, **overrides))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert expected in soup.select_one(".error-summary").get_text()
    assert not ContactMessage.objects.exists()
    assert not mail.outbox
    # What the person typed is still there; the honeypot is emptied.
    assert (
        soup.find("textarea", attrs={"name": "message"}).get_text().strip() == "Wann hat das Büro geöffnet?"
    )
    assert soup.find("input", attrs={"name": "website"})["value"] == ""


def test_token_for_another_page_is_refused(client, contact_page):
    data = valid_data(contact_page, form_token=make_form_token(contact_page.pk + 999, now=time.time() - 60))
    response = client.post(submit_url(contact_page), data)
    assert response.status_code == 200
    assert not ContactMessage.objects.exists()


def test_invalid_input_keeps_values_and_links_errors_to_fields(client, contact_page):
    data = valid_data(contact_page, email="keine-adresse", message="", privacy="")
    response = client.post(submit_url(contact_page), data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.title.get_text().startswith("Fehler")
    summary = soup.select_one(".error-summary")
    assert summary["role"] == "alert"
    targets = [a["href"] for a in summary.find_all("a")]
    assert targets == ["#id_email", "#id_message", "#id_privacy"]
    email = soup.find("input", attrs={"name": "email"})
    assert email["value"] == "keine-adresse"
    assert email["aria-invalid"] == "true"
    assert "id_email_error" in email["aria-describedby"]
    assert soup.find(id="id_email_error")
    assert soup.find("input", attrs={"name": "name"})["value"] == "Amina Beispiel"
    assert not ContactMessage.objects.exists()


def test_overlong_and_null_byte_input_is_refused_cleanly(client, contact_page):
    response = client.post(
        submit_url(contact_page), valid_data(contact_page, message="x" * 6000, name="a\x00b")
    )
    assert response.status_code == 200
    assert not ContactMessage.objects.exists()
    assert "höchstens 5000 Zeichen" in response.content.decode()


def test_topic_can_be_preselected_and_junk_params_are_harmless(client, contact_page):
    soup = BeautifulSoup(client.get(contact_page.url + "?anliegen=barrierefreiheit").content, "html.parser")
    assert soup.find("option", value="barrierefreiheit").has_attr("selected")
    for query in ["?anliegen=" + "x" * 5000, "?anliegen=%00%ff", "?page=abc&anliegen[]=1"]:
        assert client.get(contact_page.url + query).status_code == 200


@pytest.mark.parametrize("method", ["get", "put", "delete", "patch"])
def test_wrong_methods_on_submit_are_405(client, contact_page, method):
    assert getattr(client, method)(submit_url(contact_page)).status_code == 405


def test_unknown_or_unpublished_contact_page_is_404(client, contact_page):
    assert client.post(reverse("pages:contact_submit", kwargs={"page_id": 987654})).status_code == 404
    contact_page.unpublish()
    assert client.post(submit_url(contact_page), valid_data(contact_page)).status_code == 404


def test_messages_are_purged_after_the_retention_period(contact_page):
    from datetime import timedelta

    from django.utils import timezone

    from zib.pages.services import purge_expired_contact_messages

    from .factories import ContactMessageFactory

    old = ContactMessageFactory(page=contact_page)
    recent = ContactMessageFactory(page=contact_page)
    ContactMessage.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=181))
    assert purge_expired_contact_messages() == 1
    assert list(ContactMessage.objects.all()) == [recent]
