"""Staff review in the admin: list with filters and exports, the review page and its actions."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zib.grants.models import GrantApplication, InternalComment, ReviewScore

from .factories import GrantApplicationFactory, sign_in_as

LIST = "/admin/grant_applications/"
Status = GrantApplication.Status


def submitted(call, **kwargs):
    defaults = {"status": Status.SUBMITTED, "submitted_at": timezone.now(), "budget_year": 2026}
    defaults.update(kwargs)
    application = GrantApplicationFactory(call=call, **defaults)
    if not application.reference:
        application.reference = f"ZIB-2026-{application.pk:05d}"
        application.save(update_fields=["reference"])
    return application


@pytest.mark.django_db
def test_list_filters_by_call_status_and_year(staff_client, call, guide):
    from .factories import GrantCallPageFactory

    other_call = GrantCallPageFactory(parent=guide, title="Sonderaufruf")
    submitted(call, title="Im Aufruf 2026")
    submitted(call, title="Im Aufruf 2025", budget_year=2025, status=Status.APPROVED)
    submitted(other_call, title="Anderer Aufruf", status=Status.IN_REVIEW)

    def titles(query):
        html = staff_client.get(LIST + query).content.decode()
        return {title for title in ["Im Aufruf 2026", "Im Aufruf 2025", "Anderer Aufruf"] if title in html}

    assert titles("") == {"Im Aufruf 2026", "Im Aufruf 2025", "Anderer Aufruf"}
    assert titles(f"?call={other_call.pk}") == {"Anderer Aufruf"}
    assert titles("?status=approved") == {"Im Aufruf 2025"}
    assert titles("?budget_year=2026") == {"Im Aufruf 2026", "Anderer Aufruf"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["?status=nonsense", "?budget_year=abc", "?call=999999", "?call=x&p=-1", "?ordering=foo"]
)
def test_list_survives_malformed_filters(staff_client, call, query):
    submitted(call)
    assert staff_client.get(LIST + query).status_code in (200, 400)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
def test_list_query_count_does_not_grow_with_applications(staff_client, call):
    for _ in range(5):
        submitted(call)
    staff_client.get(LIST)  # warm per-process caches (content types, site)
    few = count_queries(staff_client, LIST)
    for _ in range(25):
        submitted(call)
    staff_client.get(LIST)  # new applications start a new cache generation: warm again
    assert count_queries(staff_client, LIST) == few


@pytest.mark.django_db
def test_csv_export_lists_filtered_applications_and_defuses_formulas(staff_client, call):
    submitted(call, title='=HYPERLINK("http://evil.example")', requested_amount=Decimal("1000"))
    submitted(call, title="Abgelehnt", status=Status.REJECTED)
    response = staff_client.get(LIST + "?export=csv&status=submitted")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:2] == ["Aktenzeichen", "Förderaufruf"]
    assert len(rows) == 2
    assert rows[1][4].startswith("'=")
    assert "1000" in ",".join(rows[1])


@pytest.mark.django_db
def test_xlsx_export_opens_in_a_spreadsheet(staff_client, call):
    submitted(call, title="Nähcafé")
    response = staff_client.get(LIST + "?export=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    assert sheet.cell(row=1, column=1).value == "Aktenzeichen"
    assert sheet.cell(row=2, column=5).value == "Nähcafé"


@pytest.mark.django_db
def test_detail_shows_everything_submitted(staff_client, call):
    application = submitted(call, title="Erzählcafé", place="Bürgerhaus Burbach")
    html = staff_client.get(f"{LIST}{application.pk}/").content.decode()
    for text in ["Erzählcafé", "Bürgerhaus Burbach", "DE89370400440532013000", "Satzung", "Position 1"]:
        assert text in html


@pytest.mark.django_db
def test_status_change_from_the_review_page(staff_client, call, django_capture_on_commit_callbacks):
    application = submitted(call)
    url = f"{LIST}{application.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            url, {"action": "status", "to_status": "in_review", "version": application.version, "note": ""}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_stale_version_on_the_review_page_is_refused(staff_client, call):
    application = submitted(call)
    stale = application.version
    staff_client.post(
        f"{LIST}{application.pk}/", {"action": "status", "to_status": "in_review", "version": stale}
    )
    response = staff_client.post(
        f"{LIST}{application.pk}/",
        {"action": "status", "to_status": "rejected", "version": stale, "note": "Nicht förderfähig"},
    )
    assert response.status_code == 400
    assert "inzwischen von jemand anderem geändert" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


@pytest.mark.django_db
def test_transition_not_offered_is_rejected(staff_client, call):
    application = submitted(call)
    response = staff_client.post(
        f"{LIST}{application.pk}/",
        {"action": "status", "to_status": "paid", "version": application.version, "amount": "100"},
    )
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


@pytest.mark.django_db
def test_approval_with_amount_in_german_format(staff_client, call):
    application = submitted(call, status=Status.IN_REVIEW)
    staff_client.post(
        f"{LIST}{application.pk}/",
        {"action": "status", "to_status": "approved", "version": application.version, "amount": "950,50"},
    )
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert application.approved_amount == Decimal("950.50")
    letter = staff_client.get(f"{LIST}{application.pk}/bescheid.pdf")
    assert letter.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_internal_comments_and_scores_stay_internal(staff_client, staff_user, call, client):
    application = submitted(call)
    url = f"{LIST}{application.pk}/"
    staff_client.post(url, {"action": "comment", "body": "Bitte Kosten prüfen"})
    staff_client.post(
        url, {"action": "score", "relevance": "5", "feasibility": "4", "budget": "3", "comment": ""}
    )
    staff_client.post(
        url, {"action": "score", "relevance": "4", "feasibility": "4", "budget": "4", "comment": ""}
    )
    assert InternalComment.objects.get().body == "Bitte Kosten prüfen"
    score = ReviewScore.objects.get()
    assert (score.relevance, score.reviewer) == (4, staff_user)
    assert "Bitte Kosten prüfen" in staff_client.get(url).content.decode()
    staff_client.logout()
    sign_in_as(staff_client, application.created_by_id)
    html = staff_client.get(f"/de/foerderung/antrag/{application.public_id}/").content.decode()
    assert "Bitte Kosten prüfen" not in html


@pytest.mark.django_db
def test_score_out_of_range_is_refused(staff_client, call):
    application = submitted(call)
    response = staff_client.post(
        f"{LIST}{application.pk}/", {"action": "score", "relevance": "9", "feasibility": "4", "budget": "3"}
    )
    assert response.status_code == 400
    assert not ReviewScore.objects.exists()


@pytest.mark.django_db
def test_budget_overview_per_year(staff_client, call):
    submitted(call, status=Status.APPROVED, approved_amount=Decimal("1000"))
    submitted(call, status=Status.PAID, approved_amount=Decimal("500"), paid_amount=Decimal("500"))
    submitted(call, status=Status.REJECTED)
    submitted(call, status=Status.CLOSED)  # rejected, then closed: not funded
    html = staff_client.get("/admin/grant_budget/").content.decode()
    assert "1500" in html  # approved
    assert "18500" in html  # left of 20000
    row = __import__("zib.grants.services", fromlist=["budget_overview"]).budget_overview()[0]
    assert (row["budget_year"], row["submitted"], row["funded"]) == (2026, 4, 2)
    assert row["approved"] == Decimal("1500")
    assert row["paid"] == Decimal("500")
    assert row["left"] == Decimal("18500")


@pytest.mark.django_db
def test_list_shows_amounts_as_the_staff_members_language_writes_them(staff_client, staff_user, call):
    from wagtail.users.models import UserProfile

    submitted(call, title="Großes Fest", requested_amount=Decimal("1234.5"))
    assert "1.234,50 €" in staff_client.get(LIST).content.decode()
    profile = UserProfile.get_for_user(staff_user)
    profile.preferred_language = "en"
    profile.save()
    assert "1,234.50 €" in staff_client.get(LIST).content.decode()


@pytest.mark.django_db
def test_scores_of_several_reviewers_are_summarised_in_one_query(
    staff_client, staff_user, call, django_user_model
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    application = submitted(call)
    colleague = django_user_model.objects.create_user("kollegin", "k@example.org", "x")
    for reviewer, relevance, feasibility, budget in ((staff_user, 5, 4, 3), (colleague, 4, 2, 4)):
        ReviewScore.objects.create(
            application=application,
            reviewer=reviewer,
            relevance=relevance,
            feasibility=feasibility,
            budget=budget,
        )
    url = f"{LIST}{application.pk}/"
    staff_client.get(url)
    with CaptureQueriesContext(connection) as context:
        html = staff_client.get(url).content.decode()
    assert "2 Bewertungen, Durchschnitt: Bedeutung 4,5, Umsetzbarkeit 3,0, Kosten 3,5" in html
    # The own score fills the form: relevance 5 is selected.
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one('select[name="relevance"] option[value="5"]').has_attr("selected")
    assert len([q for q in context.captured_queries if "grants_reviewscore" in q["sql"]]) == 1
    ReviewScore.objects.filter(reviewer=colleague).delete()
    html = staff_client.get(url).content.decode()
    assert "1 Bewertung, Durchschnitt: Bedeutung 5,0, Umsetzbarkeit 4,0, Kosten 3,0" in html
