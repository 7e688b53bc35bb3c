"""The applicant's dashboard: their organisation's applications, open calls, data export."""

import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zib.grants.models import GrantApplication

from .factories import GrantApplicationFactory

BASE = "/de/foerderung/antrag/"


def dashboard_queries(client):
    client.get(BASE)
    with CaptureQueriesContext(connection) as context:
        assert client.get(BASE).status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
def test_dashboard_query_count_is_constant(signed_in, applicant, call):
    for _ in range(5):
        GrantApplicationFactory(call=call, organisation=applicant.organisation, status="submitted")
    few = dashboard_queries(signed_in)
    for _ in range(20):
        GrantApplicationFactory(call=call, organisation=applicant.organisation, status="approved")
    assert dashboard_queries(signed_in) == few


@pytest.mark.django_db
def test_dashboard_offers_open_calls_and_lists_drafts(signed_in, applicant, call):
    html = signed_in.get(BASE).content.decode()
    assert "Kleinförderung des ZIB" in html
    assert f"{BASE}neu/{call.pk}/" in html
    signed_in.post(f"{BASE}neu/{call.pk}/")
    assert GrantApplication.objects.get().organisation == applicant.organisation
    assert "Entwurf" in signed_in.get(BASE).content.decode()


@pytest.mark.django_db
def test_closed_call_cannot_be_started(signed_in, call):
    from datetime import timedelta

    from django.utils import timezone

    call.closes_at = timezone.now() - timedelta(days=1)
    call.save_revision().publish()
    response = signed_in.post(f"{BASE}neu/{call.pk}/")
    assert response.status_code == 302
    assert not GrantApplication.objects.exists()


@pytest.mark.django_db
def test_applicant_downloads_everything_stored_about_them(signed_in, applicant, call):
    application = GrantApplicationFactory(call=call, organisation=applicant.organisation, title="Nähcafé")
    response = signed_in.get(f"{BASE}meine-daten/")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("daten.json"))
    assert data["account"]["email"] == applicant.email
    assert data["organisation"]["iban"] == applicant.organisation.iban
    assert data["applications"][0]["title"] == "Nähcafé"
    assert len(data["applications"][0]["budget_lines"]) == 2
    attachment_files = [name for name in archive.namelist() if name != "daten.json"]
    assert len(attachment_files) == application.attachments.count() == 1
