"""The in-process caches: sites and routes remembered within one cache generation."""

import threading
from collections import namedtuple

import pytest
from django.core.cache import caches

from zib.pagecache import local, services
from zib.pages.models import OfficeSettings

pytestmark = pytest.mark.usefixtures("no_page_cache")


@pytest.fixture
def about(home_page):
    from zib.pages.tests.factories import ContentPageFactory

    OfficeSettings.load()
    return ContentPageFactory(parent=home_page, title="Über das ZIB", slug="ueber-das-zib")


def test_values_belong_to_one_generation():
    local.remember("answer", 42)
    assert local.get("answer") == 42
    services.invalidate()
    assert local.get("answer") is None


def test_get_or_compute_computes_once_per_generation():
    calls = []

    def compute():
        calls.append(1)
        return {"computed": len(calls)}

    assert local.get_or_compute("thing", compute) == {"computed": 1}
    assert local.get_or_compute("thing", compute) == {"computed": 1}
    services.invalidate()
    assert local.get_or_compute("thing", compute) == {"computed": 2}


def test_a_preview_computes_afresh_and_keeps_nothing():
    from types import SimpleNamespace

    preview = SimpleNamespace(is_preview=True)
    assert local.get_or_compute("draft", lambda: "Entwurf", request=preview) == "Entwurf"
    assert local.get("draft") is None
    visitor = SimpleNamespace()
    assert local.get_or_compute("draft", lambda: "live", request=visitor) == "live"
    assert local.get_or_compute("draft", lambda: "Entwurf", request=preview) == "Entwurf"
    assert local.get("draft") == "live"


def test_values_that_cannot_be_pickled_are_computed_each_time():
    lock = threading.Lock()
    assert local.get_or_compute("lock", lambda: lock) is lock
    assert local.get("lock") is None


def test_values_expire_after_the_configured_timeout():
    import time
    from unittest import mock

    local.remember("short-lived", 1)
    later = time.time() + caches["local"].default_timeout + 1
    with mock.patch("django.core.cache.backends.locmem.time.time", return_value=later):
        assert local.get("short-lived") is None


def test_strings_are_kept_as_they_are_and_everything_else_pickled():
    from django.utils.safestring import SafeString, mark_safe

    html = mark_safe("<p>Hallo</p>")
    local.remember("html", html)
    local.remember("bytes", b"\x80\x05")
    ids = (3, 1, 2)
    local.remember("tuple", ids)
    store = caches["local"]._cache
    assert any(value is html for value in store.values())  # no copy, no unpickling
    assert local.get("tuple") is ids
    recalled = local.get("html")
    assert recalled is html and isinstance(recalled, SafeString)
    assert local.get("bytes") == b"\x80\x05"  # bytes are pickled, never mistaken for a pickle
    services.invalidate()
    assert local.get("html") is None


Plain = namedtuple("Plain", "code name")


class WithAttributes(Plain):
    """A named tuple that takes attributes (no ``__slots__ = ()``)."""


def test_only_what_cannot_change_is_kept_unpickled():
    import datetime

    from zib.pagecache.backends import is_frozen

    assert is_frozen(("a", 1, None, 2.5, True, datetime.date(2026, 1, 1)))
    assert is_frozen((Plain("de", "Deutsch"), (1, (2, 3))))
    assert not is_frozen([1, 2])
    assert not is_frozen((1, [2]))
    assert not is_frozen(WithAttributes("de", "Deutsch"))  # takes attributes: a copy per reader
    assert not is_frozen(b"bytes")

    languages = [Plain("de", "Deutsch")]
    local.remember("list", languages)
    assert local.get("list") == languages and local.get("list") is not languages
    labelled = WithAttributes("ar", "Arabisch")
    local.remember("labelled", labelled)
    local.get("labelled").filter_url = "?language=ar"
    assert not hasattr(local.get("labelled"), "filter_url")


def test_each_alias_is_a_cache_of_its_own():
    local.remember("shared-name", "local")
    local.remember("shared-name", "search", alias="typed")
    assert local.get("shared-name") == "local"
    assert local.get("shared-name", alias="typed") == "search"
    assert local.get_or_compute("shared-name", lambda: "computed", alias="typed") == "search"
    caches["typed"].clear()
    assert local.get("shared-name") == "local"


def test_every_request_gets_its_own_copy():
    local.remember("list", [1, 2])
    local.get("list").append(3)
    assert local.get("list") == [1, 2]


def test_the_site_and_the_route_are_remembered(client, about):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        assert client.get(about.url).status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get(about.url).status_code == 200
    routing = [q["sql"] for q in first.captured_queries if "wagtailcore_site" in q["sql"]]
    assert routing, "the first request looks the site up"
    assert not [q for q in second.captured_queries if "wagtailcore_site" in q["sql"]]
    # Site, root page, start page and the page itself are not looked up again.
    assert len(second.captured_queries) <= len(first.captured_queries) - 3


def test_a_remembered_route_never_outlives_an_unpublish(client, about):
    assert client.get(about.url).status_code == 200
    about.unpublish()
    assert client.get(about.url).status_code == 404


def test_a_remembered_route_follows_a_new_slug(client, about):
    old_url = about.url
    assert client.get(old_url).status_code == 200
    about.slug = "das-zib"
    about.save_revision().publish()
    assert client.get(old_url).status_code == 404
    response = client.get("/de/das-zib/")
    assert response.status_code == 200
    assert "Über das ZIB" in response.content.decode()


def test_the_route_is_per_language(client, about):
    from wagtail.models import Locale

    english_locale = Locale.objects.get_or_create(language_code="en")[0]
    english = about.copy_for_translation(english_locale, copy_parents=True)
    english.title = "About the ZIB"
    english.save_revision().publish()
    assert "Über das ZIB" in client.get("/de/ueber-das-zib/").content.decode()
    assert "About the ZIB" in client.get("/en/ueber-das-zib/").content.decode()
    assert "Über das ZIB" in client.get("/de/ueber-das-zib/").content.decode()


def test_the_local_caches_are_separate_from_the_shared_cache():
    local.remember("only-here", 1)
    assert caches["default"].get("only-here") is None
    assert caches["renditions"].get("only-here") is None


def test_a_document_size_filled_in_while_rendering_keeps_the_generation(home_page):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="Konzept", file=ContentFile(b"%PDF-1.4", name="k.pdf")
    )
    document.file_size = None
    generation = services.current_generation()
    document.get_file_size()  # Wagtail saves the size with update_fields=["file_size"]
    assert services.current_generation() == generation
    document.title = "Integrationskonzept"
    document.save()
    assert services.current_generation() != generation


def test_what_depends_on_publishing_is_kept_no_longer_than_a_cached_page(home_page, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.PAGE_CACHE_TIMEOUT = 300
    assert local.until_scheduled_change() == 300
    go_live = timezone.now() + timedelta(seconds=90)
    home_page.save_revision(approved_go_live_at=go_live)
    services.invalidate()
    assert 0 < local.until_scheduled_change() <= 90


def test_the_timeout_of_a_value_is_asked_only_when_it_is_computed():
    asked = []

    def timeout():
        asked.append(1)
        return 60

    local.get_or_compute("timed", lambda: "value", timeout=timeout)
    local.get_or_compute("timed", lambda: "value", timeout=timeout)
    assert asked == [1]


def test_the_sites_root_paths_are_remembered(client, about):
    from unittest import mock

    from wagtail.models import sites

    client.get("/de/ueber-das-zib/")
    with mock.patch.object(sites.cache, "get", wraps=sites.cache.get) as shared_get:
        response = client.get("/de/ueber-das-zib/")
    assert response.status_code == 200
    assert 'rel="canonical" href="http://testserver/de/ueber-das-zib/"' in response.content.decode()
    keys = [call.args[0] for call in shared_get.call_args_list]
    assert sites.SITE_ROOT_PATHS_CACHE_KEY not in keys
    services.invalidate()
    with mock.patch.object(sites.cache, "get", wraps=sites.cache.get) as shared_get:
        client.get("/de/ueber-das-zib/")
    assert sites.SITE_ROOT_PATHS_CACHE_KEY in [call.args[0] for call in shared_get.call_args_list]


def test_any_key_is_stored_without_the_memcached_check():
    import warnings

    key = "mit Leerzeichen " + "x" * 300
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        local.remember(key, "wert")
        assert local.get(key) == "wert"


def test_what_changes_at_a_known_moment_is_kept_until_then_at_most(db, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.PAGE_CACHE_TIMEOUT = 300
    soon = timezone.now() + timedelta(seconds=60)
    assert 55 <= local.until_scheduled_change(soon, None) <= 60
    assert local.until_scheduled_change(timezone.now() + timedelta(hours=2)) == 300
    assert local.until_scheduled_change(timezone.now() - timedelta(seconds=5)) == 1
    midnight = local.next_midnight()
    assert timezone.localtime(midnight).hour == 0 and 0 < (midnight - timezone.now()).total_seconds() <= 86400
