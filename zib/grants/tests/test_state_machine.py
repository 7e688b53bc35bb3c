"""The status machine: every change through `change_status`, audited, mailed after commit."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from zib.grants import services
from zib.grants.models import GrantApplication, StatusChange

from .factories import ApplicantFactory, GrantApplicationFactory

Status = GrantApplication.Status
APPLICANT_STEPS = {(Status.DRAFT, Status.SUBMITTED), (Status.INFO_REQUESTED, Status.ANSWERED)}


def move(application, to_status, *, user=None, applicant=None, note="", **data):
    return services.change_status(
        application,
        to_status,
        expected_version=application.version,
        user=user,
        applicant=applicant,
        note=note,
        data=services.TransitionData(**data),
    )


def walk_to(application, target, staff_user):
    """Move an application along the happy path until it reaches `target`."""
    applicant = application.created_by
    path = [
        (Status.SUBMITTED, {"applicant": applicant}),
        (Status.IN_REVIEW, {}),
        (Status.INFO_REQUESTED, {"note": "Wie viele Treffen sind geplant?"}),
        (Status.ANSWERED, {"applicant": applicant, "note": "Zwölf Treffen."}),
        (Status.APPROVED, {"amount": Decimal("900")}),
        (Status.PAID, {"amount": Decimal("900"), "date": date(2026, 3, 1)}),
        (Status.REPORT_DUE, {"date": date(2026, 12, 31)}),
        (Status.REPORT_RECEIVED, {}),
        (Status.CLOSED, {}),
    ]
    for status, kwargs in path:
        if application.status == target:
            return application
        kwargs = dict(kwargs)
        actor = kwargs.pop("applicant", None)
        move(application, status, user=None if actor else staff_user, applicant=actor, **kwargs)
    return application


@pytest.mark.django_db
def test_whole_path_from_draft_to_closed_is_audited(call, staff_user, django_capture_on_commit_callbacks):
    application = GrantApplicationFactory(call=call)
    with django_capture_on_commit_callbacks(execute=True):
        walk_to(application, "never", staff_user)
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    assert application.reference.startswith("ZIB-")
    assert application.approved_amount == Decimal("900")
    assert application.paid_amount == Decimal("900")
    changes = list(application.status_changes.all())
    assert [(c.from_status, c.to_status) for c in changes][:3] == [
        (Status.DRAFT, Status.SUBMITTED),
        (Status.SUBMITTED, Status.IN_REVIEW),
        (Status.IN_REVIEW, Status.INFO_REQUESTED),
    ]
    assert changes[0].changed_by_applicant == application.created_by
    assert changes[1].changed_by_user == staff_user
    assert changes[1].actor_name == "Paula"
    assert changes[2].note == "Wie viele Treffen sind geplant?"
    assert application.version == 1 + len(changes)
    # The question and the answer are in the thread the applicant sees.
    assert [m.kind for m in application.messages.all()] == ["question", "answer"]


def all_pairs():
    for from_status in Status.values:
        for to_status in Status.values:
            if to_status not in services.TRANSITIONS.get(from_status, {}):
                yield from_status, to_status


@pytest.mark.django_db
@pytest.mark.parametrize(("from_status", "to_status"), list(all_pairs()))
def test_every_forbidden_transition_is_refused(from_status, to_status, call, staff_user):
    application = GrantApplicationFactory(call=call, status=from_status)
    with pytest.raises(services.TransitionError):
        move(application, to_status, user=staff_user, note="x", amount=Decimal("10"), date=date(2026, 1, 1))
    application.refresh_from_db()
    assert application.status == from_status
    assert application.version == 1
    assert not StatusChange.objects.exists()


@pytest.mark.django_db
def test_applicant_cannot_make_staff_decisions(call):
    application = GrantApplicationFactory(call=call, status=Status.IN_REVIEW)
    with pytest.raises(services.TransitionError, match="nicht vornehmen"):
        move(application, Status.APPROVED, applicant=application.created_by, amount=Decimal("100"))


@pytest.mark.django_db
def test_staff_cannot_answer_in_the_applicants_name(call, staff_user):
    application = GrantApplicationFactory(call=call, status=Status.INFO_REQUESTED)
    with pytest.raises(services.TransitionError):
        move(application, Status.ANSWERED, user=staff_user, note="Antwort")


@pytest.mark.django_db
def test_submitting_an_incomplete_application_is_refused(call):
    application = GrantApplicationFactory(call=call, title="", requested_amount=None)
    with pytest.raises(services.TransitionError, match="nicht vollständig"):
        move(application, Status.SUBMITTED, applicant=application.created_by)
    application.refresh_from_db()
    assert application.status == Status.DRAFT


@pytest.mark.django_db
def test_question_and_rejection_need_a_note(call, staff_user):
    application = GrantApplicationFactory(call=call, status=Status.IN_REVIEW)
    with pytest.raises(services.TransitionError) as error:
        move(application, Status.INFO_REQUESTED, user=staff_user)
    assert error.value.field == "note"
    with pytest.raises(services.TransitionError):
        move(application, Status.REJECTED, user=staff_user, note="   ")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (None, "bewilligten Betrag"),
        (Decimal("0"), "bewilligten Betrag"),
        (Decimal("1000.01"), "beantragten Betrag"),
    ],
)
def test_approval_amount_is_checked(call, staff_user, amount, message):
    application = GrantApplicationFactory(call=call, status=Status.IN_REVIEW, budget_year=2026)
    with pytest.raises(services.TransitionError, match=message):
        move(application, Status.APPROVED, user=staff_user, amount=amount)


@pytest.mark.django_db
def test_approval_cannot_exceed_what_is_left_of_the_annual_budget(call, staff_user):
    call.annual_budget = Decimal("1500")
    call.save()
    GrantApplicationFactory(call=call, status=Status.PAID, budget_year=2026, approved_amount=Decimal("1000"))
    application = GrantApplicationFactory(call=call, status=Status.IN_REVIEW, budget_year=2026)
    with pytest.raises(services.TransitionError, match="500"):
        move(application, Status.APPROVED, user=staff_user, amount=Decimal("600"))
    move(application, Status.APPROVED, user=staff_user, amount=Decimal("500"))
    assert services.remaining_budget(call, 2026) == Decimal("0")


@pytest.mark.django_db
def test_payout_cannot_exceed_approved_amount(call, staff_user):
    application = GrantApplicationFactory(call=call, status=Status.APPROVED, approved_amount=Decimal("800"))
    with pytest.raises(services.TransitionError, match="800"):
        move(application, Status.PAID, user=staff_user, amount=Decimal("801"))


@pytest.mark.django_db
def test_report_due_needs_a_date(call, staff_user):
    application = GrantApplicationFactory(call=call, status=Status.PAID)
    with pytest.raises(services.TransitionError) as error:
        move(application, Status.REPORT_DUE, user=staff_user)
    assert error.value.field == "date"


@pytest.mark.django_db
def test_concurrent_change_is_refused_not_overwritten(call, staff_user, django_user_model):
    application = GrantApplicationFactory(call=call, status=Status.SUBMITTED, version=3)
    colleague = django_user_model.objects.create_user(username="kollege")
    seen_by_both = application.version
    services.change_status(application, Status.IN_REVIEW, expected_version=seen_by_both, user=staff_user)
    stale = GrantApplication.objects.get(pk=application.pk)
    with pytest.raises(services.ConcurrentModification):
        services.change_status(
            stale, Status.INFO_REQUESTED, expected_version=seen_by_both, user=colleague, note="Frage"
        )
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert application.version == 4
    assert StatusChange.objects.filter(application=application).count() == 1


@pytest.mark.django_db
def test_mail_is_sent_only_after_commit(call, staff_user, django_capture_on_commit_callbacks):
    application = GrantApplicationFactory(call=call, status=Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        move(application, Status.IN_REVIEW, user=staff_user)
    assert mail.outbox == []
    assert len(callbacks) == 2  # the mail, and a new page-cache generation
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert "In Prüfung" in mail.outbox[0].subject


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_mail_when_the_surrounding_transaction_rolls_back(call, staff_user):
    from django.db import transaction

    application = GrantApplicationFactory(call=call, status=Status.SUBMITTED)
    with pytest.raises(RuntimeError), transaction.atomic():
        move(application, Status.IN_REVIEW, user=staff_user)
        raise RuntimeError("something later failed")
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert not StatusChange.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_every_member_is_mailed_in_their_own_language(
    call, staff_user, django_capture_on_commit_callbacks, locale_en
):
    application = GrantApplicationFactory(call=call, status=Status.IN_REVIEW)
    ApplicantFactory(organisation=application.organisation, language="en", email="english@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        move(application, Status.INFO_REQUESTED, user=staff_user, note="Bitte Flyer nachreichen.")
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {application.created_by.email, "english@example.org"}
    german = by_address[application.created_by.email]
    assert "Rückfrage" in german.body
    assert "Bitte Flyer nachreichen." in german.body
    assert f"/de/foerderung/antrag/{application.public_id}/" in german.body
    assert f"/en/foerderung/antrag/{application.public_id}/" in by_address["english@example.org"].body


@pytest.mark.django_db
def test_submission_mails_a_receipt_and_tells_the_office(call, django_capture_on_commit_callbacks, settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["foerderung@example.org"]
    application = GrantApplicationFactory(call=call)
    with django_capture_on_commit_callbacks(execute=True):
        move(application, Status.SUBMITTED, applicant=application.created_by)
    application.refresh_from_db()
    to_applicant = next(m for m in mail.outbox if m.to == [application.created_by.email])
    assert application.reference in to_applicant.subject
    _name, content, mimetype = to_applicant.attachments[0]
    assert mimetype == "application/pdf"
    assert content.startswith(b"%PDF")
    to_office = next(m for m in mail.outbox if m.to == ["foerderung@example.org"])
    assert f"/admin/grant_applications/{application.pk}/" in to_office.body
