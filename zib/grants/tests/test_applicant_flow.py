"""The application in steps, as an applicant does it in the browser."""

import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from zib.grants.models import Attachment, BudgetLine, GrantApplication

from .factories import PDF_BYTES, sign_in_as, upload

BASE = "/de/foerderung/antrag/"

ORGANISATION = {
    "org-name": "Brücke e. V.",
    "org-legal_form": "ev",
    "org-is_nonprofit": "on",
    "org-register_court": "Amtsgericht Saarbrücken",
    "org-register_number": "VR 4711",
    "org-representative": "Vorstand: Amina Yilmaz",
    "org-street": "Beispielweg 3",
    "org-postal_code": "66111",
    "org-city": "Saarbrücken",
    "org-email": "info@bruecke.example",
    "org-account_holder": "Brücke e. V.",
    "org-iban": "DE89 3704 0044 0532 0130 00",
    "contact-name": "Amina Yilmaz",
    "contact-phone": "0681 123456",
}
PROJECT = {
    "project-title": "Erzählcafé in vielen Sprachen",
    "project-summary": "Monatliche Treffen zum Erzählen.",
    "project-description": "Wir laden Nachbarinnen und Nachbarn ein.",
    "project-target_group": "Neu zugewanderte Familien",
    "project-languages": ["de", "ar", "uk"],
    "project-start_date": "2027-03-01",
    "project-end_date": "2027-06-30",
    "project-place": "Bürgerhaus Burbach",
}


def budget(lines, requested, own="0", other="0", source=""):
    data = {
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "50",
        "budget-requested_amount": requested,
        "budget-own_contribution": own,
        "budget-other_funding": other,
        "budget-other_funding_source": source,
    }
    for index, (category, description, amount) in enumerate(lines):
        data[f"lines-{index}-category"] = category
        data[f"lines-{index}-description"] = description
        data[f"lines-{index}-amount"] = amount
    return data


def start(client, call):
    response = client.post(f"{BASE}neu/{call.pk}/")
    assert response.status_code == 302
    return GrantApplication.objects.get(), response["Location"]


def step_url(application, step):
    return f"{BASE}{application.public_id}/schritt/{step}/"


def post_step(client, application, step, data, button="next"):
    application.refresh_from_db()
    return client.post(step_url(application, step), {**data, "version": application.version, button: ""})


@pytest.mark.django_db
def test_whole_path_as_applicant(signed_in, call, applicant, django_capture_on_commit_callbacks):
    application, location = start(signed_in, call)
    assert location == step_url(application, "organisation")
    assert signed_in.get(location).status_code == 200

    response = post_step(signed_in, application, "organisation", ORGANISATION)
    assert response["Location"] == step_url(application, "projekt")
    application.organisation.refresh_from_db()
    assert application.organisation.iban == "DE89370400440532013000"

    response = post_step(signed_in, application, "projekt", PROJECT)
    assert response["Location"] == step_url(application, "finanzierung")

    lines = [("fees", "Honorar Moderation", "600"), ("catering", "Tee und Gebäck", "1.250,50")]
    response = post_step(signed_in, application, "finanzierung", budget(lines, "1400,50", own="450"))
    assert response["Location"] == step_url(application, "unterlagen")
    assert BudgetLine.objects.filter(application=application).count() == 2
    application.refresh_from_db()
    assert application.requested_amount == Decimal("1400.50")
    assert application.total_costs == Decimal("1850.50")

    response = signed_in.post(
        step_url(application, "unterlagen"),
        {"document_label": "Satzung", "file": upload("satzung.pdf", PDF_BYTES)},
    )
    assert response.status_code == 302

    response = signed_in.get(step_url(application, "absenden"))
    assert "Das fehlt noch" in response.content.decode()  # declarations not yet confirmed
    application.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            step_url(application, "absenden"),
            {
                "decl-confirms_accuracy": "on",
                "decl-consents_data_processing": "on",
                "version": application.version,
                "submit": "",
            },
        )
    application.refresh_from_db()
    assert response["Location"] == f"{BASE}{application.public_id}/"
    assert application.status == GrantApplication.Status.SUBMITTED
    assert application.organisation_snapshot["name"] == "Brücke e. V."
    assert any("Eingangsbestätigung" in message.subject for message in mail.outbox)

    page = signed_in.get(response["Location"]).content.decode()
    assert "Eingereicht" in page
    receipt = signed_in.get(f"{BASE}{application.public_id}/eingangsbestaetigung.pdf")
    assert receipt["Content-Type"] == "application/pdf"
    # Submitted applications cannot be edited any more.
    response = signed_in.get(step_url(application, "projekt"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_each_step_saves_a_draft_and_resumes_after_sign_in(client, signed_in, call, applicant):
    application, _location = start(signed_in, call)
    post_step(signed_in, application, "organisation", ORGANISATION, button="save_draft")
    post_step(signed_in, application, "projekt", {**PROJECT, "project-title": "Nähcafé"}, button="save_draft")
    signed_in.post(f"{BASE}abmelden/")
    # Sign in again through a fresh link.
    signed_in.post(f"{BASE}anmelden/", {"email": applicant.email})
    link = re.search(r"http://testserver(/\S+)", mail.outbox[-1].body).group(1)
    signed_in.post(link)
    dashboard = signed_in.get(BASE).content.decode()
    assert "Nähcafé" in dashboard
    soup = BeautifulSoup(signed_in.get(step_url(application, "projekt")).content, "html.parser")
    assert soup.find("input", {"name": "project-title"})["value"] == "Nähcafé"
    assert soup.find("input", {"name": "project-place"})["value"] == "Bürgerhaus Burbach"


@pytest.mark.django_db
def test_errors_keep_everything_typed_even_after_leaving(signed_in, call):
    application, _location = start(signed_in, call)
    data = {**ORGANISATION, "org-iban": "DE00 1234", "org-name": "Brücke e. V. (Entwurf)"}
    response = post_step(signed_in, application, "organisation", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "IBAN ist nicht gültig" in html
    assert 'value="DE00 1234"' in html
    soup = BeautifulSoup(html, "html.parser")
    iban = soup.find("input", {"name": "org-iban"})
    assert iban["aria-invalid"] == "true"
    assert "id_org-iban_error" in iban["aria-describedby"]
    assert soup.find(class_="error-summary").find("a", href="#id_org-iban")
    # The raw input survives a page reload: the draft keeps it.
    html = signed_in.get(step_url(application, "organisation")).content.decode()
    assert 'value="DE00 1234"' in html
    assert 'value="Brücke e. V. (Entwurf)"' in html
    assert "IBAN ist nicht gültig" in html
    # Fixing it clears the kept input.
    post_step(signed_in, application, "organisation", ORGANISATION)
    application.refresh_from_db()
    assert application.draft_data == {}


@pytest.mark.django_db
def test_budget_that_does_not_add_up_is_explained_and_kept(signed_in, call):
    application, _location = start(signed_in, call)
    lines = [("fees", "Honorar", "800"), ("rooms", "Raummiete", "400")]
    response = post_step(signed_in, application, "finanzierung", budget(lines, "1000", own="100"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Die Finanzierung geht nicht auf" in html
    assert "1.200,00" in html and "1.100,00" in html and "Differenz 100,00" in html
    assert 'value="Raummiete"' in html
    assert not BudgetLine.objects.exists()
    assert "finanzierung" in GrantApplication.objects.get().draft_data


@pytest.mark.django_db
def test_requested_amount_above_the_maximum_is_refused(signed_in, call):
    application, _location = start(signed_in, call)
    lines = [("fees", "Honorar", "3000")]
    response = post_step(signed_in, application, "finanzierung", budget(lines, "3000"))
    assert "höchstens 1.500,00 €" in response.content.decode()


@pytest.mark.django_db
def test_adding_lines_does_not_need_matching_sums(signed_in, call):
    application, _location = start(signed_in, call)
    response = post_step(
        signed_in, application, "finanzierung", budget([("fees", "Honorar", "300")], "100"), button="add_line"
    )
    assert response.status_code == 302
    assert "zeilen=1" in response["Location"]
    html = signed_in.get(response["Location"]).content.decode()
    assert html.count('name="lines-') > 8


@pytest.mark.django_db
def test_two_people_editing_the_same_draft_are_warned(signed_in, call):
    application, _location = start(signed_in, call)
    stale_version = application.version
    post_step(signed_in, application, "projekt", PROJECT)
    response = signed_in.post(
        step_url(application, "projekt"),
        {**PROJECT, "project-title": "Andere Fassung", "version": stale_version},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "inzwischen von jemand anderem geändert" in html
    assert 'value="Andere Fassung"' in html
    application.refresh_from_db()
    assert application.title == PROJECT["project-title"]


@pytest.mark.django_db
def test_answering_a_question_in_the_same_place(
    signed_in, call, staff_user, django_capture_on_commit_callbacks
):
    from zib.grants import services

    from .factories import GrantApplicationFactory

    application = GrantApplicationFactory(call=call, status=GrantApplication.Status.IN_REVIEW)
    sign_in_as(signed_in, application.created_by_id)
    services.change_status(
        application,
        GrantApplication.Status.INFO_REQUESTED,
        expected_version=application.version,
        user=staff_user,
        note="Bitte den Flyer nachreichen.",
    )
    url = f"{BASE}{application.public_id}/"
    html = signed_in.get(url).content.decode()
    assert "Bitte den Flyer nachreichen." in html
    application.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            url,
            {
                "body": "Der Flyer hängt an.",
                "file": upload("flyer.pdf", PDF_BYTES),
                "version": application.version,
            },
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == GrantApplication.Status.ANSWERED
    answer = application.messages.get(kind="answer")
    assert answer.attachments.get().purpose == Attachment.Purpose.ANSWER
    assert "Der Flyer hängt an." in signed_in.get(url).content.decode()


@pytest.mark.django_db
def test_usage_report_is_handed_in_by_the_applicant(signed_in, call):
    from .factories import GrantApplicationFactory

    application = GrantApplicationFactory(
        call=call, status=GrantApplication.Status.REPORT_DUE, approved_amount=Decimal("900")
    )
    sign_in_as(signed_in, application.created_by_id)
    url = f"{BASE}{application.public_id}/verwendungsnachweis/"
    response = signed_in.post(url, {"body": "", "version": application.version})
    assert response.status_code == 200
    response = signed_in.post(
        url,
        {
            "body": "40 Personen kamen.",
            "file": upload("belege.pdf", PDF_BYTES),
            "version": application.version,
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == GrantApplication.Status.REPORT_RECEIVED
    assert application.attachments.filter(purpose=Attachment.Purpose.USAGE_REPORT).exists()


@pytest.mark.django_db
def test_review_names_every_project_language_as_the_form_offered_it(signed_in, applicant, call):
    from .factories import GrantApplicationFactory

    application = GrantApplicationFactory(
        call=call, organisation=applicant.organisation, languages=["ar", "ku", "ti", "gsg"]
    )
    html = signed_in.get(step_url(application, "absenden")).content.decode()
    assert "العربية, Kurdî, ትግርኛ, Deutsche Gebärdensprache" in html


@pytest.mark.django_db
def test_project_languages_are_a_labelled_group_and_errors_are_linked(signed_in, applicant, call):
    from .factories import GrantApplicationFactory

    application = GrantApplicationFactory(call=call, organisation=applicant.organisation)
    data = {"project-languages": ["xx"], "project-title": ""}
    response = post_step(signed_in, application, "projekt", data)
    soup = BeautifulSoup(response.content, "html.parser")
    group = soup.find("fieldset", class_="form-field--error")
    assert group.legend.get_text(strip=True).startswith("Sprachen im Projekt")
    assert "id_project-languages_error" in group["aria-describedby"]
    title = soup.find(id="id_project-title")
    assert "id_project-title_error" in title["aria-describedby"]
    assert soup.find(class_="error-summary").find("a", href="#id_project-title")
