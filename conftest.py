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

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Zuwanderungs- und Integrationsbüro", slug="start"))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (page cache, settings cache)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
