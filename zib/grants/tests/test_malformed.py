"""Malformed input never causes a server error."""

import pytest

from .factories import GrantApplicationFactory

BASE = "/de/foerderung/antrag/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"{BASE}nicht-eine-uuid/",
        f"{BASE}00000000-0000-0000-0000-000000000000/",
        f"{BASE}00000000-0000-0000-0000-000000000000/schritt/projekt/",
        f"{BASE}neu/abc/",
        f"{BASE}anmelden/%ff%fe/",
    ],
)
def test_bad_urls_give_404_not_500(signed_in, home_page, url):
    response = signed_in.get(url)
    assert response.status_code in (302, 400, 404, 405)


@pytest.mark.django_db
def test_unknown_step_and_wrong_methods(signed_in, applicant, call):
    application = GrantApplicationFactory(call=call, organisation=applicant.organisation)
    assert signed_in.get(f"{BASE}{application.public_id}/schritt/hacken/").status_code == 404
    assert signed_in.get(f"{BASE}neu/{call.pk}/").status_code == 405
    assert signed_in.put(f"{BASE}{application.public_id}/").status_code == 405
    assert signed_in.post(f"{BASE}{application.public_id}/", {"body": "x"}).status_code == 405
    assert signed_in.delete(f"{BASE}anmelden/").status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"budget-requested_amount": "9" * 40},
        {"budget-requested_amount": "NaN"},
        {"budget-requested_amount": "-5"},
        {"budget-requested_amount": "1e999"},
        {"lines-TOTAL_FORMS": "999999"},
        {"lines-TOTAL_FORMS": "abc"},
        {"lines-0-amount": "1,2,3", "lines-0-category": "nonsense"},
    ],
)
def test_hostile_budget_input_is_a_form_error(signed_in, applicant, call, data):
    application = GrantApplicationFactory(call=call, organisation=applicant.organisation)
    base = {
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "budget-requested_amount": "100",
        "version": application.version,
    }
    response = signed_in.post(
        f"{BASE}{application.public_id}/schritt/finanzierung/?zeilen=zz", {**base, **data}
    )
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["", "abc", "-1", "99999999999999999999"])
def test_bad_version_is_a_conflict_not_a_crash(signed_in, applicant, call, version):
    application = GrantApplicationFactory(call=call, organisation=applicant.organisation)
    response = signed_in.post(
        f"{BASE}{application.public_id}/schritt/projekt/",
        {
            "project-title": "T",
            "project-summary": "S",
            "project-description": "D",
            "project-target_group": "Z",
            "project-start_date": "2027-01-01",
            "project-end_date": "2027-02-01",
            "project-place": "O",
            "version": version,
        },
    )
    assert response.status_code == 409


@pytest.mark.django_db
def test_project_dates_and_huge_numbers(signed_in, applicant, call):
    application = GrantApplicationFactory(call=call, organisation=applicant.organisation)
    response = signed_in.post(
        f"{BASE}{application.public_id}/schritt/projekt/",
        {
            "project-start_date": "2027-13-45",
            "project-end_date": "gestern",
            "project-expected_participants": "99999999999999999999",
            "project-languages": ["xx"],
            "version": application.version,
        },
    )
    assert response.status_code == 200
    assert 'value="gestern"' in response.content.decode()


@pytest.mark.django_db
def test_admin_actions_with_garbage(staff_client, call):
    from django.utils import timezone

    application = GrantApplicationFactory(call=call, status="submitted", submitted_at=timezone.now())
    url = f"/admin/grant_applications/{application.pk}/"
    assert staff_client.post(url, {"action": "status", "to_status": "x", "version": "y"}).status_code == 400
    assert staff_client.post(url, {"action": "unknown"}, follow=True).status_code == 404
    assert staff_client.post(url, {"action": "comment", "body": ""}).status_code == 400
    response = staff_client.post(
        url, {"action": "status", "to_status": "in_review", "version": application.version, "amount": "1e999"}
    )
    assert response.status_code == 400
