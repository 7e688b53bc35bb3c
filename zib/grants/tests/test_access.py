"""Who sees what: applicants only their organisation's applications, staff only with the grants role."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from zib.grants.models import GrantApplication

from .factories import ApplicantFactory, GrantApplicationFactory, sign_in_as

BASE = "/de/foerderung/antrag/"


@pytest.fixture
def foreign_application(call):
    return GrantApplicationFactory(
        call=call,
        status=GrantApplication.Status.SUBMITTED,
        reference="ZIB-2026-00099",
        submitted_at=timezone.now(),
        budget_year=2026,
    )


def urls_of(application):
    attachment = application.attachments.first()
    return [
        f"{BASE}{application.public_id}/",
        f"{BASE}{application.public_id}/schritt/projekt/",
        f"{BASE}{application.public_id}/eingangsbestaetigung.pdf",
        f"{BASE}{application.public_id}/verwendungsnachweis/",
        f"{BASE}{application.public_id}/anlagen/{attachment.pk}/",
    ]


@pytest.mark.django_db
def test_another_organisation_gets_404_everywhere(client, foreign_application):
    outsider = ApplicantFactory()
    sign_in_as(client, outsider)
    for url in urls_of(foreign_application):
        assert client.get(url).status_code == 404, url
    attachment = foreign_application.attachments.first()
    response = client.post(f"{BASE}{foreign_application.public_id}/anlagen/{attachment.pk}/entfernen/")
    assert response.status_code == 404
    assert foreign_application.attachments.count() == 1


@pytest.mark.django_db
def test_applicant_without_organisation_sees_nothing(client, foreign_application):
    loner = ApplicantFactory(organisation=None)
    sign_in_as(client, loner)
    assert client.get(f"{BASE}{foreign_application.public_id}/").status_code == 404
    assert client.get(BASE).status_code == 200


@pytest.mark.django_db
def test_colleagues_of_the_same_organisation_see_it(client, foreign_application):
    colleague = ApplicantFactory(organisation=foreign_application.organisation)
    sign_in_as(client, colleague)
    for url in urls_of(foreign_application):
        assert client.get(url).status_code in (200, 302), url
    assert "ZIB-2026-00099" in client.get(BASE).content.decode()


@pytest.mark.django_db
def test_dashboards_are_not_shared_between_applicants(call):
    from django.test import Client

    first = GrantApplicationFactory(call=call, title="Projekt der Ersten")
    second = GrantApplicationFactory(call=call, title="Projekt der Zweiten")
    client_a = sign_in_as(Client(), first.created_by)
    client_b = sign_in_as(Client(), second.created_by)
    page_a = client_a.get(BASE)
    page_b = client_b.get(BASE)
    assert "Projekt der Ersten" in page_a.content.decode()
    assert "Projekt der Zweiten" not in page_a.content.decode()
    assert "Projekt der Zweiten" in page_b.content.decode()
    assert "no-store" in page_a["Cache-Control"]
    assert "private" in page_a["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["", "organisation/", "meine-daten/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, home_page, suffix):
    response = client.get(BASE + suffix)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{BASE}anmelden/?next=")


@pytest.mark.django_db
def test_attachments_live_outside_the_public_media_folder(foreign_application):
    attachment = foreign_application.attachments.first()
    path = Path(attachment.file.path).resolve()
    assert Path(settings.GRANTS_PRIVATE_ROOT).resolve() in path.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018


@pytest.mark.django_db
def test_attachment_download_is_forced_and_not_sniffed(client, foreign_application):
    sign_in_as(client, foreign_application.created_by)
    attachment = foreign_application.attachments.first()
    response = client.get(f"{BASE}{foreign_application.public_id}/anlagen/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_admin_needs_the_grants_role(client, django_user_model, foreign_application):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user(username="redaktion", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/grant_applications/").status_code in (302, 403)
    assert client.get(f"/admin/grant_applications/{foreign_application.pk}/").status_code in (302, 403)
    attachment = foreign_application.attachments.first()
    url = f"/admin/grant_applications/{foreign_application.pk}/anlagen/{attachment.pk}/"
    assert client.get(url).status_code in (302, 403)
    assert client.get("/admin/grant_budget/").status_code in (302, 403)


@pytest.mark.django_db
def test_staff_with_the_grants_role_get_in(staff_client, foreign_application):
    assert staff_client.get("/admin/grant_applications/").status_code == 200
    assert staff_client.get(f"/admin/grant_applications/{foreign_application.pk}/").status_code == 200
    attachment = foreign_application.attachments.first()
    url = f"/admin/grant_applications/{foreign_application.pk}/anlagen/{attachment.pk}/"
    assert staff_client.get(url).status_code == 200


@pytest.mark.django_db
def test_staff_do_not_see_drafts(staff_client, call):
    draft = GrantApplicationFactory(call=call, title="Geheimer Entwurf")
    assert "Geheimer Entwurf" not in staff_client.get("/admin/grant_applications/").content.decode()
    response = staff_client.get(f"/admin/grant_applications/{draft.pk}/", follow=True)
    assert response.status_code == 404
    assert "Geheimer Entwurf" not in response.content.decode()
