"""The yearly confirmation: e-mails, one-click confirmation, corrections, stale flags."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from zib.organizations import services
from zib.organizations.models import OrganizationProposal

from .factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


def test_yearly_mail_goes_only_to_entries_due(django_capture_on_commit_callbacks):
    due = OrganizationFactory(
        name="Fällig", last_confirmed_at=days_ago(400), maintainer_email="pflege@example.org"
    )
    OrganizationFactory(name="Frisch", last_confirmed_at=days_ago(10))
    OrganizationFactory(name="Ohne Adresse", last_confirmed_at=days_ago(400), email="")
    OrganizationFactory(name="Nicht im Verzeichnis", last_confirmed_at=days_ago(400), show_in_directory=False)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("request_entry_confirmations", stdout=open("/dev/null", "w"))  # noqa: SIM115
    requests = [m for m in mail.outbox if "noch aktuell" in m.subject]
    assert [m.to for m in requests] == [["pflege@example.org"]]
    due.refresh_from_db()
    assert due.confirmation_requested_at is not None
    # Staff get a digest of stale entries (older than the allowed age).
    digest = [m for m in mail.outbox if "ohne aktuelle Bestätigung" in m.subject]
    assert len(digest) == 1 and "Fällig" in digest[0].body
    # A second run the same day sends nothing new.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent, _stale = services.request_confirmations()
    assert sent == 0


def test_confirm_with_one_click_and_old_links_stop_working(client, django_capture_on_commit_callbacks):
    entry = OrganizationFactory(last_confirmed_at=days_ago(400))
    with django_capture_on_commit_callbacks(execute=True):
        services.request_confirmations()
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    page = client.get(path)
    assert page.status_code == 200
    assert entry.name in page.content.decode()
    # A tampered form shows the page again and changes nothing.
    tampered = client.post(path, {"action": "delete"})
    assert tampered.status_code == 400
    assert entry.name in tampered.content.decode()
    assert client.post(path, {"action": "confirm"}).status_code == 200
    entry.refresh_from_db()
    assert entry.last_confirmed_at == timezone.localdate()
    assert not entry.is_stale
    # The link is spent.
    assert client.get(path).status_code == 400


def test_correction_through_the_link_goes_to_review(client, django_capture_on_commit_callbacks):
    entry = OrganizationFactory(name="Alter Name", last_confirmed_at=days_ago(400))
    with django_capture_on_commit_callbacks(execute=True):
        services.request_confirmations()
    entry.refresh_from_db()
    path = reverse("organizations:confirm_entry", args=[services.entry_confirm_token(entry)])
    data = {
        "action": "correct",
        "name": "Neuer Name",
        "kind": "association",
        "languages": "de",
        "city": "Saarbrücken",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, data)
    assert response.status_code == 200
    proposal = OrganizationProposal.objects.get()
    # The link went to the entry's own address, so no further confirmation is needed.
    assert proposal.status == OrganizationProposal.Status.SUBMITTED
    assert proposal.organization == entry
    entry.refresh_from_db()
    assert entry.name == "Alter Name"


def test_forged_entry_link_is_refused(client):
    OrganizationFactory()
    response = client.get(reverse("organizations:confirm_entry", args=["kaputt:123"]))
    assert response.status_code == 400


def test_admin_flags_stale_entries(client, admin_user):
    OrganizationFactory(name="Veraltet", last_confirmed_at=days_ago(800))
    OrganizationFactory(name="Frischer Verein", last_confirmed_at=days_ago(1))
    client.force_login(admin_user)
    url = reverse("wagtailsnippets_organizations_organization:list")
    html = client.get(url, {"stale": "true"}).content.decode()
    assert "Veraltet" in html and "Frischer Verein" not in html
