import pytest

from zib.news.tests.factories import NewsIndexPageFactory, PersonFactory


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def author(db):
    return PersonFactory(name="Sandra Beispiel-Schmitt", slug="sbs", initials="sbs")


@pytest.fixture
def no_page_cache(settings):
    """Measure rendering itself: the anonymous page cache would answer repeats without queries."""
    settings.PAGE_CACHE_ENABLED = False
