"""Staff see registrations and export them as CSV; nobody else does."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from zib.events import services
from zib.events.models import Registration

from .factories import EventPageFactory

pytestmark = pytest.mark.django_db

INDEX = "registrations:index"


@pytest.fixture
def event(events_index):
    event = EventPageFactory(parent=events_index, registration_enabled=True, capacity=1)
    services.register(event, name='=HYPERLINK("http://evil.example")', email="a@example.org")
    services.register(event, name="Olena", email="olena@example.org")
    return event


def _user(django_user_model, *permissions):
    user = django_user_model.objects.create_user("redaktion", "redaktion@example.org", "pw")
    group = Group.objects.create(name="Redaktion")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        group.permissions.add(Permission.objects.get(codename=codename, content_type__app_label="events"))
    user.groups.add(group)
    return user


def test_anonymous_visitors_are_sent_to_the_login(client, event):
    response = client.get(reverse(INDEX) + "?export=csv")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_editors_without_the_permission_get_nothing(client, django_user_model, event):
    client.force_login(_user(django_user_model))
    response = client.get(reverse(INDEX) + "?export=csv")
    assert response.status_code in (302, 403)
    assert b"olena@example.org" not in response.content


def test_staff_with_the_permission_export_csv_without_formulas(client, django_user_model, event):
    client.force_login(_user(django_user_model, "view_registration"))
    response = client.get(reverse(INDEX) + f"?event={event.pk}&export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    assert "olena@example.org" in body
    assert "'=HYPERLINK" in body  # a formula typed by the public is defused
    assert "Warteliste" in body or "waiting" in body
    listing = client.get(reverse(INDEX) + f"?event={event.pk}")
    assert listing.status_code == 200
    assert "Olena" in listing.content.decode()


def test_staff_cannot_add_registrations_past_the_rules(client, django_user_model, event):
    client.force_login(_user(django_user_model, "view_registration", "add_registration"))
    assert client.get(reverse("registrations:add")).status_code in (302, 403)


def test_removing_a_registration_moves_the_waiting_list_up(client, django_user_model, event):
    client.force_login(_user(django_user_model, "view_registration", "delete_registration"))
    confirmed = Registration.objects.get(status="confirmed")
    response = client.post(reverse("registrations:delete", args=[confirmed.pk]))
    assert response.status_code == 302
    assert not Registration.objects.filter(pk=confirmed.pk).exists()
    assert Registration.objects.get().status == "confirmed"


def test_editor_forms_open(client, django_user_model, events_index, event):
    from wagtail.snippets.models import get_snippet_models  # noqa: F401  (registers the viewsets)

    from zib.events.models import CampaignPage, EventPage, Language, Video

    from .factories import CampaignPageFactory, VideoFactory

    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    campaign = CampaignPageFactory(parent=events_index)
    video = VideoFactory()
    urls = [
        reverse("wagtailadmin_pages:add", args=["events", "eventpage", events_index.pk]),
        reverse("wagtailadmin_pages:add", args=["events", "campaignpage", events_index.pk]),
        reverse("wagtailadmin_pages:add", args=["events", "eventpage", campaign.pk]),
        reverse("wagtailadmin_pages:edit", args=[event.pk]),
        reverse("wagtailadmin_pages:edit", args=[campaign.pk]),
        reverse(Video.snippet_viewset.get_url_name("add")),
        reverse(Video.snippet_viewset.get_url_name("edit"), args=[video.pk]),
        reverse(Language.snippet_viewset.get_url_name("list")),
        reverse("registrations:inspect", args=[Registration.objects.first().pk]),
        reverse("wagtailadmin_explore", args=[events_index.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    explore = client.get(reverse("wagtailadmin_explore", args=[events_index.pk])).content.decode()
    assert f"?event={event.pk}" in explore  # the "Anmeldungen" button
    assert EventPage in CampaignPage.allowed_subpage_models()
