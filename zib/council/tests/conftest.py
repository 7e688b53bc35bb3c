import pytest

from .factories import CouncilPageFactory


@pytest.fixture
def council_page(home_page):
    return CouncilPageFactory(parent=home_page)


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False
