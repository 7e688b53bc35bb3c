"""Retention: personal data is anonymised or deleted after the period the office sets."""

import os
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from zib.grants.models import (
    Applicant,
    ApplicantOrganisation,
    ApplicationMessage,
    GrantApplication,
    GrantSettings,
    InternalComment,
    SignInToken,
)
from zib.grants.services import issue_sign_in_token

from .factories import ApplicantFactory, GrantApplicationFactory

Status = GrantApplication.Status


def closed(call, years_ago, **kwargs):
    moment = timezone.now() - timedelta(days=365 * years_ago + 2)
    application = GrantApplicationFactory(
        call=call,
        status=Status.CLOSED,
        closed_at=moment,
        approved_amount=Decimal("900"),
        budget_year=2015,
        **kwargs,
    )
    ApplicationMessage.objects.create(application=application, kind="question", body="Frage mit Namen")
    InternalComment.objects.create(application=application, body="Notiz über Frau X")
    return application


@pytest.mark.django_db
def test_closed_applications_are_anonymised_after_the_period(call):
    settings_obj = GrantSettings.load()
    settings_obj.retention_years = 5
    settings_obj.save()
    old = closed(call, 6)
    recent = closed(call, 4)
    path = old.attachments.get().file.path
    out = StringIO()
    call_command("grants_retention", stdout=out)
    assert "anonymised: 1" in out.getvalue()
    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert old.organisation is None and old.description == "" and old.organisation_snapshot == {}
    assert old.approved_amount == Decimal("900")  # statistics stay
    assert not old.attachments.exists() and not os.path.exists(path)
    assert not old.messages.exists() and not old.internal_comments.exists()
    recent.refresh_from_db()
    assert recent.anonymised_at is None
    assert recent.attachments.exists()


@pytest.mark.django_db
def test_dry_run_changes_nothing(call):
    GrantSettings.objects.update_or_create(pk=GrantSettings.load().pk, defaults={"retention_years": 1})
    old = closed(call, 3)
    out = StringIO()
    call_command("grants_retention", "--dry-run", stdout=out)
    assert "Would anonymised: 1" in out.getvalue()
    old.refresh_from_db()
    assert old.anonymised_at is None


@pytest.mark.django_db
def test_stale_drafts_and_orphaned_accounts_are_deleted(call):
    stale = GrantApplicationFactory(call=call)
    GrantApplication.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - timedelta(days=400))
    fresh = GrantApplicationFactory(call=call)
    ApplicantOrganisation.objects.filter(pk=stale.organisation_id).update(
        updated_at=timezone.now() - timedelta(days=400)
    )
    Applicant.objects.filter(organisation=stale.organisation).update(
        created_at=timezone.now() - timedelta(days=400), last_login_at=timezone.now() - timedelta(days=400)
    )
    lonely = ApplicantFactory(organisation=None)
    Applicant.objects.filter(pk=lonely.pk).update(created_at=timezone.now() - timedelta(days=400))
    issue_sign_in_token(fresh.created_by)
    SignInToken.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    call_command("grants_retention", stdout=StringIO())

    assert not GrantApplication.objects.filter(pk=stale.pk).exists()
    assert not ApplicantOrganisation.objects.filter(pk=stale.organisation_id).exists()
    assert not Applicant.objects.filter(pk=lonely.pk).exists()
    assert GrantApplication.objects.filter(pk=fresh.pk).exists()
    assert Applicant.objects.filter(pk=fresh.created_by_id).exists()
    assert not SignInToken.objects.exists()


@pytest.mark.django_db
def test_retention_task_runs_the_same_rules(call):
    from zib.grants.tasks import run_retention

    result = run_retention.enqueue()
    assert result.return_value["anonymised"] == 0
