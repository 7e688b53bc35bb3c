"""Partners propose entries and changes; staff review; nothing is published unreviewed."""

import re
import time
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from zib.organizations import services
from zib.organizations.models import Organization, OrganizationProposal

from .factories import OrganizationFactory, ProposalFactory, TopicFactory, proposal_data

pytestmark = pytest.mark.django_db


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def path_of(url):
    return "/" + url.split("/", 3)[3]


def test_new_proposal_needs_email_confirmation_then_review(
    client, directory, django_capture_on_commit_callbacks
):
    TopicFactory(slug="beratung", name="Beratung")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("organizations:propose"), proposal_data(topics=["beratung"]))
    assert response.status_code == 302
    proposal = OrganizationProposal.objects.get()
    assert proposal.status == OrganizationProposal.Status.UNCONFIRMED
    assert proposal.data["topics"] == ["beratung"]
    assert proposal.data["social_links"] == ["https://www.instagram.com/verein.example/"]
    # Nothing appears in the directory.
    assert "Neuer Verein" not in client.get(directory.url).content.decode()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["einreicherin@example.org"]
    confirm_path = path_of(link_in(mail.outbox[0]))
    # Opening the link (as mail scanners do) confirms nothing.
    assert client.get(confirm_path).status_code == 200
    proposal.refresh_from_db()
    assert proposal.status == OrganizationProposal.Status.UNCONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(confirm_path).status_code == 200
    proposal.refresh_from_db()
    assert proposal.status == OrganizationProposal.Status.SUBMITTED
    assert proposal.email_confirmed_at is not None
    assert mail.outbox[-1].to == ["zib@saarbruecken.de"]
    assert "Neuer Verein" not in client.get(directory.url).content.decode()


def test_invalid_input_keeps_what_was_typed(client):
    response = client.post(
        reverse("organizations:propose"),
        proposal_data(postal_code="12", languages="de, !!", social_links="keine adresse", privacy=""),
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".error-summary")
    assert soup.select_one('.error-summary a[href="#id_postal_code"]')
    assert soup.select_one("#id_name")["value"] == "Neuer Verein (Beispiel)"
    assert soup.select_one("#id_postal_code")["aria-invalid"] == "true"
    assert "id_postal_code_error" in soup.select_one("#id_postal_code")["aria-describedby"]
    assert soup.select_one("#id_social_links").get_text().strip() == "keine adresse"
    assert not OrganizationProposal.objects.exists()


def test_honeypot_rejects_bots(client):
    response = client.post(reverse("organizations:propose"), proposal_data(homepage="http://spam.example"))
    assert response.status_code == 200
    assert not OrganizationProposal.objects.exists()


def test_wrong_and_expired_confirmation_links(client):
    proposal = ProposalFactory(status=OrganizationProposal.Status.UNCONFIRMED, email_confirmed_at=None)
    token = services.proposal_confirm_token(proposal)
    wrong = client.get(reverse("organizations:confirm_proposal", args=[token[:-2] + "xx"]))
    assert wrong.status_code == 400
    assert "ungültig" in wrong.content.decode()
    with mock.patch("django.core.signing.time.time", return_value=time.time() + 8 * 86400):
        expired = client.post(reverse("organizations:confirm_proposal", args=[token]))
    assert expired.status_code == 410
    assert "abgelaufen" in expired.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == OrganizationProposal.Status.UNCONFIRMED


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("pruefer", password="x" * 12)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="review_organizationproposal"),
    )
    return user


def test_staff_publish_a_new_entry(client, directory, reviewer, django_capture_on_commit_callbacks):
    topic = TopicFactory(slug="kultur")
    proposal = ProposalFactory()
    proposal.data["topics"] = ["kultur"]
    proposal.data["contact_name"] = "Kontakt"
    proposal.data["contact_consent"] = True
    proposal.save()
    with django_capture_on_commit_callbacks(execute=True):
        organization = services.publish_proposal(proposal, reviewer).organization
    assert organization.name == "Vorgeschlagener Verein"
    assert list(organization.topics.all()) == [topic]
    assert organization.last_confirmed_at is not None
    assert organization.contact_persons.get().consent_to_publish
    assert "Vorgeschlagener Verein" in client.get(directory.url).content.decode()
    assert mail.outbox[-1].to == ["einreicherin@example.org"]
    with pytest.raises(services.InvalidState):
        services.publish_proposal(proposal, reviewer)


def test_review_page_compares_and_sends_back_with_a_note(
    client, directory, reviewer, django_capture_on_commit_callbacks
):
    entry = OrganizationFactory(name="Alter Name", slug="alter-name")
    proposal = ProposalFactory(organization=entry)
    client.force_login(reviewer)
    url = reverse("organizations_admin:review", args=[proposal.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Alter Name" in html and "Vorgeschlagener Verein" in html and "geändert" in html

    # Sending back needs a note; the proposal stays as it was.
    response = client.post(url, {"action": "return", "note": ""})
    assert response.status_code == 200
    proposal.refresh_from_db()
    assert proposal.status == OrganizationProposal.Status.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "return", "note": "Bitte die Sprechzeiten ergänzen."})
    proposal.refresh_from_db()
    assert proposal.status == OrganizationProposal.Status.RETURNED
    entry.refresh_from_db()
    assert entry.name == "Alter Name"  # nothing published
    message = mail.outbox[-1]
    assert "Bitte die Sprechzeiten ergänzen." in message.body

    # The partner corrects it through the link, without an account.
    client.logout()
    revise_path = path_of(link_in(message))
    form = client.get(revise_path)
    assert "Bitte die Sprechzeiten ergänzen." in form.content.decode()
    data = proposal_data(name="Neuer Name", consultation_hours="Di 10–12 Uhr")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(revise_path, data).status_code == 200
    proposal.refresh_from_db()
    assert proposal.status == OrganizationProposal.Status.SUBMITTED
    assert proposal.data["consultation_hours"] == "Di 10–12 Uhr"
    # The link is spent once the proposal is back with staff.
    assert client.get(revise_path).status_code == 409

    client.force_login(reviewer)
    client.post(url, {"action": "publish", "note": ""})
    entry.refresh_from_db()
    assert entry.name == "Neuer Name"
    assert entry.consultation_hours == "Di 10–12 Uhr"


def test_review_page_needs_the_permission(client, django_user_model):
    user = django_user_model.objects.create_user("redakteur", password="x" * 12)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    proposal = ProposalFactory()
    response = client.get(reverse("organizations_admin:review", args=[proposal.pk]))
    # Wagtail answers a missing permission with a redirect to the dashboard.
    assert response.status_code in (302, 403)
    assert client.post(
        reverse("organizations_admin:review", args=[proposal.pk]), {"action": "publish"}
    ).status_code in (
        302,
        403,
    )
    proposal.refresh_from_db()
    assert proposal.status == OrganizationProposal.Status.SUBMITTED


def test_change_proposal_is_prefilled(client, directory):
    OrganizationFactory(name="Bestehender Verein", slug="bestehend", consultation_hours="Fr 8–9 Uhr")
    response = client.get(reverse("organizations:propose_change", args=["bestehend"]))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#id_name")["value"] == "Bestehender Verein"
    assert "Fr 8–9 Uhr" in soup.select_one("#id_consultation_hours").get_text()
    assert client.get(reverse("organizations:propose_change", args=["fehlt"])).status_code == 404
    assert Organization.objects.count() == 1
