import pytest

from .factories import TopicFactory
from .fixtures import author, news_index  # noqa: F401


@pytest.fixture
def podcast_topic(db):
    return TopicFactory(name="Podcast", slug="podcast")
