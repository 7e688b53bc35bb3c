import pytest

from .factories import ContentPageFactory, publish


@pytest.fixture
def about_page(home_page):
    """A published German content page at /de/ueber-uns/."""
    page = ContentPageFactory(parent=home_page, title="Über uns", slug="ueber-uns")
    return publish(page)
