"""The PDF receipt and the decision letter are valid PDFs with the application's data."""

import io
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from zib.grants.documents import decision_letter_pdf, receipt_pdf
from zib.grants.models import GrantApplication, StatusChange
from zib.grants.services import organisation_as_dict

from .factories import GrantApplicationFactory


def text_of(content):
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), reader


@pytest.fixture
def submitted(call):
    application = GrantApplicationFactory(
        call=call,
        status=GrantApplication.Status.SUBMITTED,
        submitted_at=timezone.now(),
        reference="ZIB-2026-00042",
        title="Erzählcafé für Яна und Zoë",
        budget_year=2026,
    )
    application.organisation_snapshot = organisation_as_dict(application.organisation)
    application.save()
    return application


@pytest.mark.django_db
def test_receipt_is_a_pdf_with_the_application(submitted):
    content = receipt_pdf(submitted)
    assert content.startswith(b"%PDF-")
    text, reader = text_of(content)
    assert "Eingangsbestätigung" in text
    assert "ZIB-2026-00042" in text
    assert submitted.organisation.name in text
    assert "Zoë" in text
    assert "1.200,00 €" in text  # total costs
    assert "ZIB-2026-00042" in reader.metadata.title


@pytest.mark.django_db
def test_decision_letters_for_approval_and_rejection(submitted):
    submitted.status = GrantApplication.Status.APPROVED
    submitted.approved_amount = Decimal("950")
    submitted.decided_at = timezone.now()
    submitted.save()
    text, _reader = text_of(decision_letter_pdf(submitted))
    assert "Zuwendungsbescheid" in text and "950,00 €" in text and "Verwendungsnachweis" in text
    submitted.status = GrantApplication.Status.REJECTED
    submitted.save()
    StatusChange.objects.create(
        application=submitted, from_status="in_review", to_status="rejected", note="Kein Bezug zur Stadt."
    )
    text, _reader = text_of(decision_letter_pdf(submitted))
    assert "Ablehnungsbescheid" in text and "Kein Bezug zur Stadt." in text
