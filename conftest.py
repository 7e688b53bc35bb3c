"""Fixtures shared by every app's tests: a site with its start page."""

import pytest
from wagtail.models import Locale, Page, Site


@pytest.fixture
def locale_de(db):
    return Locale.objects.get_or_create(language_code="de")[0]


@pytest.fixture
def home_page(locale_de):
    """The German start page, set as the default site's root."""
    from zib.home.models import HomePage

    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Zuwanderungs- und Integrationsbüro", slug="start"))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def no_page_cache(settings):
    """Measure and render the pages themselves: the anonymous page cache would answer repeats."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def forget_local_caches():
    """A callable that empties the in-process caches (zib.pagecache.local), for measuring a cold render."""
    from django.conf import settings
    from django.core.cache import caches

    def forget():
        for alias in settings.LOCAL_CACHES:
            caches[alias].clear()

    return forget


@pytest.fixture(autouse=True)
def _german_by_default():
    """Each test starts in German, whatever language an earlier test left active."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with empty caches (page cache, settings, the in-process caches)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put the data from migrations back after a transactional test.

    Such a test ends with a flush that also removes what migrations created
    (the root page, locales, languages); tests of other apps that run later
    in the same session expect it. Needs `serialized_rollback=True` on the
    test, so that the data was serialised when the test database was made.
    """
    yield
    if nextitem is None:  # the session is ending; the test database is gone
        return
    marker = item.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction") and marker.kwargs.get("serialized_rollback")):
        return
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def page_queries(client, forget_local_caches):
    """``page_queries(url, data=None, *, cold=False, warm_ups=1)``: queries of one GET and its response.

    The ``client`` first requests the address ``warm_ups`` times (renditions,
    settings and the in-process caches are made then); ``cold=True`` then
    empties the in-process caches, as a publish would. The response must be a 200.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def measure(url, data=None, *, cold=False, warm_ups=1):
        for _ in range(warm_ups):
            client.get(url, data)
        if cold:
            forget_local_caches()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, data)
        assert response.status_code == 200, url
        return len(queries), response

    return measure


@pytest.fixture
def remembered_timeouts(monkeypatch):
    """{key: timeout} of every value ``zib.pagecache.local`` is asked to remember from now on."""
    from zib.pagecache import local

    timeouts = {}
    original = local.remember

    def spy(key, value, timeout=None, **kwargs):
        timeouts[key] = timeout
        return original(key, value, timeout, **kwargs)

    monkeypatch.setattr(local, "remember", spy)
    return timeouts
