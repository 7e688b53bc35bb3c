"""The public funding guide and the call page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zib.grants import services
from zib.grants.models import FundingProgrammePage, GrantApplication

from .factories import (
    FundingProgrammePageFactory,
    GrantApplicationFactory,
    ProgrammeDeadlineFactory,
)


def days(n):
    return timezone.localdate() + timedelta(days=n)


@pytest.mark.django_db
def test_upcoming_deadlines_drop_past_ones_and_are_sorted(client, guide):
    bund = FundingProgrammePageFactory(parent=guide, title="Bundesprogramm Teilhabe")
    land = FundingProgrammePageFactory(parent=guide, title="Landesprogramm Saarland")
    ProgrammeDeadlineFactory(page=bund, date=days(-1), label="Abgelaufen")
    ProgrammeDeadlineFactory(page=bund, date=days(40), label="2. Runde")
    ProgrammeDeadlineFactory(page=land, date=days(10), label="Jahresantrag")
    response = client.get(guide.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    items = [li.get_text(" ", strip=True) for li in soup.select(".grants-deadlines li")]
    assert len(items) == 2
    assert "Landesprogramm Saarland" in items[0] and "Jahresantrag" in items[0]
    assert "Bundesprogramm Teilhabe" in items[1]
    assert "Abgelaufen" not in response.content.decode()
    assert response.cookies == {}
    assert len(soup.find_all("h1")) == 1


@pytest.mark.django_db
def test_filter_by_funder_level_and_ignore_nonsense(client, guide):
    FundingProgrammePageFactory(parent=guide, title="Stiftungsfonds", funder_level="foundation")
    FundingProgrammePageFactory(parent=guide, title="Landesprogramm", funder_level="state")
    html = client.get(guide.url + "?ebene=state").content.decode()
    assert "Landesprogramm" in html and "Stiftungsfonds" not in html
    response = client.get(guide.url + "?ebene=%3Cscript%3E")
    assert response.status_code == 200
    assert "Stiftungsfonds" in response.content.decode()
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_programme_page_shows_what_an_association_needs(client, guide):
    programme = FundingProgrammePageFactory(
        parent=guide,
        funder="Land Saarland",
        amount_min=Decimal("1000"),
        amount_max=Decimal("10000"),
        what_is_funded="<p>Projekte im Quartier</p>",
        who_may_apply="<p>Vereine</p>",
        external_url="https://foerderung.example.org/quartier",
    )
    ProgrammeDeadlineFactory(page=programme, date=days(-5), label="Alte Runde")
    ProgrammeDeadlineFactory(page=programme, date=days(20), label="Neue Runde")
    html = client.get(programme.url).content.decode()
    for text in ["Land Saarland", "Projekte im Quartier", "Vereine", "Neue Runde", "foerderung.example.org"]:
        assert text in html
    assert "Alte Runde" not in html


@pytest.mark.django_db
def test_programme_amounts_must_be_in_order(guide):
    from django.core.exceptions import ValidationError

    programme = FundingProgrammePage(
        title="X", funder="Y", amount_min=Decimal("500"), amount_max=Decimal("100")
    )
    with pytest.raises(ValidationError):
        programme.clean()


def guide_queries(client, guide):
    client.get(guide.url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(guide.url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
def test_guide_query_count_is_constant(client, guide, call, settings):
    settings.PAGE_CACHE_ENABLED = False  # measure the view, not the page cache
    for _ in range(5):
        ProgrammeDeadlineFactory(page=FundingProgrammePageFactory(parent=guide))
    few = guide_queries(client, guide)
    for _ in range(15):
        ProgrammeDeadlineFactory(page=FundingProgrammePageFactory(parent=guide))
    assert guide_queries(client, guide) == few


@pytest.mark.django_db
def test_call_page_offers_to_apply_only_while_open(client, call):
    html = client.get(call.url).content.decode()
    assert "Jetzt online beantragen" in html
    assert "Satzung" in html
    call.closes_at = timezone.now() - timedelta(minutes=1)
    call.save_revision().publish()
    html = client.get(call.url).content.decode()
    assert "Jetzt online beantragen" not in html
    assert "abgelaufen" in html


@pytest.mark.django_db
def test_call_lists_funded_projects_only_with_consent(client, call):
    GrantApplicationFactory(
        call=call,
        title="Mit Einwilligung",
        status=GrantApplication.Status.PAID,
        approved_amount=Decimal("800"),
        budget_year=2026,
        consents_public_listing=True,
    )
    GrantApplicationFactory(
        call=call,
        title="Ohne Einwilligung",
        status=GrantApplication.Status.PAID,
        approved_amount=Decimal("700"),
        budget_year=2026,
    )
    GrantApplicationFactory(
        call=call, title="Noch in Prüfung", consents_public_listing=True, status="in_review"
    )
    GrantApplicationFactory(
        call=call,
        title="Abgeschlossen nach Bewilligung",
        status=GrantApplication.Status.CLOSED,
        approved_amount=Decimal("500"),
        budget_year=2026,
        consents_public_listing=True,
    )
    # Rejected, then closed: never funded, never listed.
    GrantApplicationFactory(
        call=call,
        title="Abgeschlossen nach Ablehnung",
        status=GrantApplication.Status.CLOSED,
        budget_year=2026,
        consents_public_listing=True,
    )
    html = client.get(call.url).content.decode()
    assert "Mit Einwilligung" in html
    assert "Abgeschlossen nach Bewilligung" in html
    assert "Ohne Einwilligung" not in html
    assert "Noch in Prüfung" not in html
    assert "Abgeschlossen nach Ablehnung" not in html
    # Bank details and addresses never appear publicly.
    assert "DE89" not in html and "Beispielstraße" not in html


@pytest.mark.django_db
def test_approval_refreshes_the_cached_call_page_after_commit(
    client, call, staff_user, django_capture_on_commit_callbacks
):
    application = GrantApplicationFactory(
        call=call,
        title="Sommerfest im Quartier",
        status=GrantApplication.Status.IN_REVIEW,
        budget_year=timezone.now().year,
        consents_public_listing=True,
    )
    assert "Sommerfest im Quartier" not in client.get(call.url).content.decode()
    with django_capture_on_commit_callbacks() as callbacks:
        services.change_status(
            application,
            GrantApplication.Status.APPROVED,
            expected_version=application.version,
            user=staff_user,
            data=services.TransitionData(amount=Decimal("500")),
            notify=False,
        )
        # A visitor answered while the transaction is still open: other connections
        # see the old list, and that page must not outlive the commit.
        client.get(call.url)
        assert client.get(call.url)["X-Page-Cache"] == "hit"
    for callback in callbacks:
        callback()
    response = client.get(call.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Sommerfest im Quartier" in response.content.decode()


@pytest.mark.django_db
def test_every_status_change_starts_a_new_generation_after_commit(
    call, staff_user, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from zib.pagecache.services import GENERATION_KEY

    listed = GrantApplicationFactory(
        call=call,
        status=GrantApplication.Status.APPROVED,
        approved_amount=Decimal("500"),
        budget_year=2026,
        consents_public_listing=True,
    )
    unlisted = GrantApplicationFactory(
        call=call, status=GrantApplication.Status.IN_REVIEW, budget_year=2026, consents_public_listing=False
    )
    moves = [
        (listed, GrantApplication.Status.PAID, services.TransitionData(amount=Decimal("500"))),
        (unlisted, GrantApplication.Status.APPROVED, services.TransitionData(amount=Decimal("500"))),
    ]
    for application, to_status, data in moves:
        with django_capture_on_commit_callbacks() as callbacks:
            services.change_status(
                application,
                to_status,
                expected_version=application.version,
                user=staff_user,
                data=data,
                notify=False,
            )
        during_transaction = cache.get(GENERATION_KEY)
        for callback in callbacks:
            callback()
        assert cache.get(GENERATION_KEY) != during_transaction


@pytest.mark.django_db
def test_anonymising_a_listed_project_refreshes_the_cached_call_page(
    client, call, django_capture_on_commit_callbacks
):
    from django.db import transaction

    application = GrantApplicationFactory(
        call=call,
        title="Nähcafé Malstatt",
        status=GrantApplication.Status.CLOSED,
        approved_amount=Decimal("600"),
        budget_year=2019,
        consents_public_listing=True,
    )
    assert "Nähcafé Malstatt" in client.get(call.url).content.decode()
    assert client.get(call.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.anonymise_application(application)
    response = client.get(call.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Nähcafé Malstatt" not in response.content.decode()


@pytest.mark.django_db
def test_call_dates_and_amounts_are_validated(call):
    from django.core.exceptions import ValidationError

    call.closes_at = call.opens_at - timedelta(days=1)
    call.max_amount = call.annual_budget + 1
    with pytest.raises(ValidationError) as error:
        call.clean()
    assert {"closes_at", "max_amount"} <= set(error.value.message_dict)
