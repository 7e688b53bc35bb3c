"""What the show and episode pages remember per cache generation, and that it never goes stale."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from zib.pages.deferred import Deferred
from zib.podcast.models import EpisodePage
from zib.podcast.services import show_page_context

from .factories import EpisodeChapterFactory, EpisodePageFactory, EpisodePersonFactory

pytestmark = pytest.mark.usefixtures("no_page_cache")


def _episodes(show, count):
    made = []
    for n in range(count):
        episode = EpisodePageFactory(parent=show, publish_date=timezone.now() - timedelta(days=n + 1))
        EpisodePersonFactory(page=episode)
        made.append(episode)
    return made


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _card_titles(client, url):
    return [a.get_text(strip=True) for a in _page(client, url).select(".episode-list h3 a")]


@pytest.mark.parametrize("count", [3, 30])
def test_show_page_queries_cold_and_warm(client, page_queries, show, count, forget_local_caches):
    _episodes(show, count)
    client.get(show.url)  # the thumbnails are made on the first visit
    forget_local_caches()
    assert page_queries(show.url, warm_ups=0)[0] == SHOW_PAGE_COLD_QUERIES
    assert page_queries(show.url, warm_ups=0)[0] == SHOW_PAGE_WARM_QUERIES
    # Another page of the listing: its cards are new, the rest is remembered.
    if count > 12:
        assert page_queries(show.url + "?page=2", warm_ups=0)[0] == SHOW_PAGE_OTHER_PAGE_QUERIES
        assert page_queries(show.url + "?page=2", warm_ups=0)[0] == SHOW_PAGE_WARM_QUERIES


# Cold (every in-process cache empty): the chrome, the route, the restrictions and breadcrumbs,
# the remembered show (dates, Wagtail's schedule, hosts, links, locale, site), the ids of the
# listing, the page's episodes with their guests, the cover and its renditions.
# Warm: nothing at all (before: 8 queries on every request, for 3 as for 30 episodes).
SHOW_PAGE_COLD_QUERIES = 24
SHOW_PAGE_WARM_QUERIES = 0
# The page's episodes and their guests (cards of page 2 are not remembered yet).
SHOW_PAGE_OTHER_PAGE_QUERIES = 2


def test_episode_page_queries_cold_and_warm(client, page_queries, show, forget_local_caches):
    episodes = _episodes(show, 5)
    EpisodeChapterFactory(page=episodes[2])
    url = episodes[2].url
    client.get(url)
    forget_local_caches()
    assert page_queries(url, warm_ups=0)[0] == EPISODE_PAGE_COLD_QUERIES
    assert page_queries(url, warm_ups=0)[0] == EPISODE_PAGE_WARM_QUERIES


# Cold: the chrome, the route, the restrictions and breadcrumbs, the show, the neighbours,
# people, chapters, the next episode's date, locale, site, the cover and its rendition for the
# meta tags (loaded once: the template reads it twice). Warm: nothing at all (before: 6
# queries on every request).
EPISODE_PAGE_COLD_QUERIES = 23
EPISODE_PAGE_WARM_QUERIES = 0


def test_show_page_context_loads_no_episode_when_warm(rf, show, django_assert_num_queries):
    _episodes(show, 30)
    request = rf.get(show.url)
    show_page_context(show, request)
    with django_assert_num_queries(0):
        context = show_page_context(show, request)
    assert len(context["episodes"]) == 12
    assert all(isinstance(episode, Deferred) for episode in context["episodes"])
    # An episode is loaded (the whole page of them at once) only when a card needs it.
    with django_assert_num_queries(2):  # the episodes, their guests
        assert context["episodes"][0].title
        assert context["episodes"][11].guest_names == ["Rodica Petcu"]
    assert isinstance(context["episodes"][0], EpisodePage)


def test_a_published_episode_appears_and_an_unpublished_one_goes(client, show):
    old, older = _episodes(show, 2)
    assert _card_titles(client, show.url) == [old.title, older.title]
    new = EpisodePageFactory(parent=show, title="Ganz neu", publish_date=timezone.now() - timedelta(hours=1))
    assert _card_titles(client, show.url) == ["Ganz neu", old.title, older.title]
    new.unpublish()
    assert _card_titles(client, show.url) == [old.title, older.title]


def test_an_edited_episode_shows_its_new_title_on_the_card(client, show):
    [episode] = _episodes(show, 1)
    assert _card_titles(client, show.url) == [episode.title]
    episode.title = "Neuer Titel"
    episode.save_revision().publish()
    assert _card_titles(client, show.url) == ["Neuer Titel"]
    # The newest episode's box on the first page follows too.
    assert _page(client, show.url).select_one(".podcast-featured h3").get_text(strip=True) == "Neuer Titel"


def test_an_edited_host_and_subscribe_link_show_at_once(client, show):
    text = _page(client, show.url).get_text(" ", strip=True)
    assert "Moderation: Veronika Kabis" in text
    host = show.hosts.first().person
    host.name = "Veronika K."
    host.save()
    link = show.subscribe_links.first()
    link.url = "https://open.spotify.com/show/neu"
    link.save()
    page = _page(client, show.url)
    assert "Moderation: Veronika K." in page.get_text(" ", strip=True)
    assert "https://open.spotify.com/show/neu" in [
        a["href"] for a in page.select(".podcast-subscribe__links a")
    ]


def test_an_episode_becomes_due_without_any_write(client, show, monkeypatch):
    [old] = _episodes(show, 1)
    soon = EpisodePageFactory(parent=show, title="Bald", publish_date=timezone.now() + timedelta(minutes=5))
    assert _card_titles(client, show.url) == [old.title]
    assert client.get(soon.url).status_code == 404
    later = timezone.now() + timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert _card_titles(client, show.url) == ["Bald", old.title]
    # The older episode's page links to it as the next one.
    assert _page(client, old.url).find("a", rel="next")["href"] == soon.url


def test_episode_page_follows_edits_of_its_neighbours_people_and_chapters(client, show):
    older, episode, newer = reversed(_episodes(show, 3))
    chapter = EpisodeChapterFactory(page=episode, start="0:00", title="Begrüßung")
    page = _page(client, episode.url)
    assert page.find("a", rel="prev")["href"] == older.url
    assert page.find("a", rel="next")["href"] == newer.url
    assert [a.get_text(" ", strip=True) for a in page.select(".podcast-chapters a")] == ["0:00 Begrüßung"]

    newer.unpublish()
    chapter.title = "Hallo"
    chapter.save()
    person = episode.people.first().person
    person.name = "Rodica P."
    person.save()
    page = _page(client, episode.url)
    assert page.find("a", rel="next") is None
    assert [a.get_text(" ", strip=True) for a in page.select(".podcast-chapters a")] == ["0:00 Hallo"]
    assert "Rodica P." in page.select_one(".podcast-people").get_text()


def test_the_card_on_the_start_page_and_the_show_page_is_the_same(client, show, home_page):
    """The card is one fragment for both pages: the start page's episode has its guests too."""
    _episodes(show, 1)
    start = _page(client, home_page.url)
    card = start.select_one(".episode-card")
    assert card is not None
    assert "Zu Gast: Rodica Petcu" in card.get_text(" ", strip=True)
    assert "Zu Gast: Rodica Petcu" in _page(client, show.url).select_one(".episode-card").get_text(
        " ", strip=True
    )


def test_a_preview_shows_the_draft_and_keeps_none_of_it(client, show):
    from zib.podcast.models import EpisodeChapter, SubscribeLink

    [episode] = _episodes(show, 1)
    _page(client, show.url)  # the live show is remembered first
    draft_show = show.get_latest_revision_as_object()
    draft_show.subscribe_links = [
        SubscribeLink(service="other", label="Entwurfsdienst", url="https://example.org/")
    ]
    assert "Entwurfsdienst" in draft_show.make_preview_request().render().content.decode()

    draft_episode = episode.get_latest_revision_as_object()
    draft_episode.chapters = [EpisodeChapter(start="0:00", title="Entwurfskapitel")]
    assert "Entwurfskapitel" in draft_episode.make_preview_request().render().content.decode()

    assert "Entwurfsdienst" not in _page(client, show.url).get_text()
    assert "Entwurfskapitel" not in _page(client, episode.url).get_text()
