"""The anonymous page cache: hits without queries, invalidation on publish, never for editors."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from zib.pagecache import services
from zib.pages.models import OfficeSettings


@pytest.fixture
def site(home_page):
    # Site settings are created on first use; do that before measuring.
    OfficeSettings.load()
    return home_page


def test_second_request_is_served_from_cache_without_queries(client, site, django_assert_num_queries):
    first = client.get("/de/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/de/")
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_head_is_served_from_cache_without_body(client, site):
    client.get("/de/")
    response = client.head("/de/")
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b""


def test_publishing_shows_the_new_content_at_once(client, site):
    assert "Neuer Titel" not in client.get("/de/").content.decode()
    site.title = "Neuer Titel der Startseite"
    site.save_revision().publish()
    response = client.get("/de/")
    assert response["X-Page-Cache"] == "miss"
    assert "Neuer Titel der Startseite" in response.content.decode()


def test_saving_a_draft_keeps_the_cache(client, site):
    client.get("/de/")
    site.title = "Entwurf"
    site.save_revision()
    response = client.get("/de/")
    assert response["X-Page-Cache"] == "hit"
    assert "Entwurf" not in response.content.decode()


def test_unpublishing_and_deleting_a_page_take_effect_at_once(client, site):
    from zib.pages.models import ContentPage

    page = site.add_child(instance=ContentPage(title="Über uns", slug="ueber-uns"))
    assert client.get("/de/ueber-uns/").status_code == 200
    page.unpublish()
    assert client.get("/de/ueber-uns/").status_code == 404

    page.save_revision().publish()
    assert client.get("/de/ueber-uns/").status_code == 200
    page.delete()
    assert client.get("/de/ueber-uns/").status_code == 404


def test_settings_change_reaches_every_cached_page(client, site):
    client.get("/de/")
    office = OfficeSettings.load()
    office.phone = "+49 681 123456"
    office.save()
    response = client.get("/de/")
    assert response["X-Page-Cache"] == "miss"
    assert "+49 681 123456" in response.content.decode()


def test_messages_from_public_forms_keep_the_cache(client, site):
    from zib.organizations.models import OrganizationProposal
    from zib.pages.models import ContactMessage

    client.get("/de/")
    ContactMessage.objects.create(message="Eine Frage")
    OrganizationProposal.objects.create(submitter_name="Ada", submitter_email="ada@example.org")
    assert client.get("/de/")["X-Page-Cache"] == "hit"


def test_registrations_and_grant_decisions_reach_public_pages():
    from zib.events.models import Registration
    from zib.grants.models import ApplicantOrganisation, GrantApplication, StatusChange
    from zib.pagecache.signal_handlers import changes_public_content

    # Seats left show on event pages; approved projects on the grant call's page.
    for model in (Registration, GrantApplication, StatusChange, ApplicantOrganisation):
        assert changes_public_content(model)


def test_signed_in_editor_never_gets_a_cached_page(client, site, django_user_model):
    client.get("/de/")
    assert client.get("/de/")["X-Page-Cache"] == "hit"
    editor = django_user_model.objects.create_superuser("redaktion", "r@example.org", "x")
    client.force_login(editor)
    response = client.get("/de/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    # … and what the editor saw is not kept for visitors either.
    client.logout()
    client.cookies.clear()
    assert client.get("/de/")["X-Page-Cache"] == "hit"


def test_anonymous_pages_get_a_short_public_max_age(client, site, settings):
    settings.PAGE_CACHE_MAX_AGE = 60
    response = client.get("/de/")
    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]


def test_conditional_request_gets_304(client, site):
    etag = client.get("/de/")["ETag"]
    response = client.get("/de/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_errors_and_posts_are_not_cached(client, site):
    client.get("/de/gibt-es-nicht/")
    assert client.get("/de/gibt-es-nicht/").get("X-Page-Cache") is None
    assert client.post("/de/").status_code == 405
    assert client.get("/de/")["X-Page-Cache"] == "miss"


def test_query_strings_are_cached_separately(client, site):
    client.get("/de/suche/?q=ZIB")
    other = client.get("/de/suche/?q=Beirat")
    assert other["X-Page-Cache"] == "miss"
    assert client.get("/de/suche/?q=ZIB")["X-Page-Cache"] == "hit"


def test_page_cache_can_be_switched_off(client, site, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/de/")
    assert "X-Page-Cache" not in client.get("/de/")


def test_cache_entries_expire_when_a_scheduled_page_goes_live(client, site):
    site.title = "Geplant"
    go_live = timezone.now() + timedelta(seconds=90)
    site.go_live_at = go_live
    site.save_revision(approved_go_live_at=go_live)
    with mock.patch.object(services.cache, "set", wraps=services.cache.set) as cache_set:
        client.get("/de/")
    calls = cache_set.call_args_list
    timeouts = [call.args[2] for call in calls if call.args[0].startswith("pagecache:page:")]
    assert timeouts and 0 < timeouts[0] <= 90


def test_publish_scheduled_shows_the_page_when_due(client, site):
    from django.core.management import call_command

    client.get("/de/")
    site.title = "Jetzt live"
    revision = site.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=1))
    assert revision.approved_go_live_at
    call_command("publish_scheduled")
    assert "Jetzt live" in client.get("/de/").content.decode()


def test_a_page_rendered_during_a_transaction_is_not_kept_after_the_commit(
    client, site, django_capture_on_commit_callbacks
):
    """A visitor's page rendered between a change and its commit shows the old data: it must go."""
    from django.db import transaction

    client.get("/de/")
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        services.invalidate()
        services.invalidate()  # many changes in one transaction: one more generation at the commit
        during = services.current_generation()
        client.get("/de/")  # stands for another connection that still sees the old data
        assert client.get("/de/")["X-Page-Cache"] == "hit"
    assert len(callbacks) == 1
    assert services.current_generation() != during
    assert client.get("/de/")["X-Page-Cache"] == "miss"


def test_outside_a_transaction_a_new_generation_starts_at_once():
    before = services.current_generation()
    assert services.invalidate() == services.current_generation() != before
