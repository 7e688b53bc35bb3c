import pytest

from .factories import NetworkDirectoryPageFactory


@pytest.fixture
def directory(home_page):
    return NetworkDirectoryPageFactory(parent=home_page)
