"""Fixtures of the podcast tests: a published show with a host and subscribe links."""

import pytest

from zib.podcast.enums import SubscribeService

from .factories import PodcastShowPageFactory, ShowHostFactory, SubscribeLinkFactory


@pytest.fixture
def show(home_page):
    show = PodcastShowPageFactory(parent=home_page)
    ShowHostFactory(page=show)
    SubscribeLinkFactory(
        page=show, service=SubscribeService.SPOTIFY, url="https://open.spotify.com/show/tolle"
    )
    SubscribeLinkFactory(page=show, service=SubscribeService.DEEZER, url="https://www.deezer.com/show/1")
    SubscribeLinkFactory(
        page=show, service=SubscribeService.APPLE, url="https://podcasts.apple.com/de/podcast/id1"
    )
    show.save_revision().publish()
    return show
