"""Fixtures for tests that need news content (the news and the home app's tests)."""

import pytest

from .factories import NewsIndexPageFactory, PersonFactory


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def author(db):
    return PersonFactory(name="Sandra Beispiel-Schmitt", slug="sbs", initials="sbs")
