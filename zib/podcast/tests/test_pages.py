"""The show and episode pages as a visitor (and a search engine) sees them."""

import json
from datetime import timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from zib.pagecache.services import invalidate
from zib.podcast.models import EpisodePage, PodcastShowPage
from zib.podcast.services import latest_episode, show_page_context

from .factories import EpisodeChapterFactory, EpisodePageFactory, EpisodePersonFactory


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def jsonld(page_soup):
    return [json.loads(tag.string) for tag in page_soup.find_all("script", type="application/ld+json")]


def executable_inline_scripts(page_soup):
    return [
        s for s in page_soup.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"
    ]


@pytest.fixture
def episodes(show):
    older = EpisodePageFactory(
        parent=show, title="Ältere Folge", publish_date=timezone.now() - timedelta(days=28)
    )
    episode = EpisodePageFactory(
        parent=show, title="Rodica Petcu erzählt Märchen", publish_date=timezone.now() - timedelta(days=14)
    )
    EpisodePersonFactory(page=episode)
    EpisodeChapterFactory(page=episode, start="0:00", title="Begrüßung")
    EpisodeChapterFactory(page=episode, start="0:06", title="Wie alles begann")
    episode.save_revision().publish()
    newer = EpisodePageFactory(
        parent=show, title="Neueste Folge", publish_date=timezone.now() - timedelta(days=1)
    )
    scheduled = EpisodePageFactory(
        parent=show, title="Geplante Folge", publish_date=timezone.now() + timedelta(days=13)
    )
    return {
        "older": older,
        "episode": EpisodePage.objects.get(pk=episode.pk),
        "newer": newer,
        "scheduled": scheduled,
    }


def test_show_page_lists_due_episodes_and_links_the_feed(client, show, episodes):
    page = soup(client.get(show.url))
    assert page.find("h1").get_text(strip=True) == "Tolle Leute"
    assert len(page.find_all("h1")) == 1
    alternate = page.find("link", rel="alternate", type="application/rss+xml")
    assert alternate["href"] == "http://testserver/podcast/feed.xml"
    titles = [a.get_text(strip=True) for a in page.select(".episode-list h3 a")]
    assert titles == ["Neueste Folge", "Rodica Petcu erzählt Märchen", "Ältere Folge"]
    assert "Geplante Folge" not in page.get_text()
    assert "Zu Gast: Rodica Petcu" in page.get_text(" ", strip=True)


def test_feed_address_can_be_copied_without_javascript(client, show):
    page = soup(client.get(show.url))
    field = page.find("input", id="podcast-feed-url")
    assert field.has_attr("readonly")
    assert field["value"] == "http://testserver/podcast/feed.xml"
    assert page.find("label", attrs={"for": "podcast-feed-url"})
    # The copy button is an enhancement: hidden until the script shows it.
    assert page.find("button", attrs={"data-copy-button": "podcast-feed-url"}).has_attr("hidden")
    assert page.find("script", src="/static/js/podcast.js")
    assert executable_inline_scripts(page) == []


def test_show_page_has_subscribe_links_hosts_and_next_episode_date(client, show, episodes):
    page = soup(client.get(show.url))
    links = {a.get_text(strip=True): a["href"] for a in page.select(".podcast-subscribe__links a")}
    assert links == {
        "Spotify": "https://open.spotify.com/show/tolle",
        "Deezer": "https://www.deezer.com/show/1",
        "Apple Podcasts": "https://podcasts.apple.com/de/podcast/id1",
    }
    assert "Moderation: Veronika Kabis" in page.get_text(" ", strip=True)
    due = episodes["scheduled"].publish_date.astimezone(timezone.get_current_timezone())
    next_text = page.find(class_="podcast-next").get_text(" ", strip=True)
    assert next_text.startswith("Die nächste Folge erscheint am")
    assert f"{due.day}. " in next_text and str(due.year) in next_text


def test_next_episode_date_follows_the_cadence_without_a_scheduled_episode(client, show):
    EpisodePageFactory(parent=show, publish_date=timezone.now() - timedelta(days=4))
    text = soup(client.get(show.url)).get_text(" ", strip=True)
    expected = (timezone.now() + timedelta(days=10)).astimezone(timezone.get_current_timezone())
    assert "Eine neue Folge erscheint alle 14 Tage" in text
    assert f"{expected.day}." in text


def test_show_header_follows_the_next_release_when_it_changes(client, show, no_page_cache):
    from django.utils.formats import date_format

    now = timezone.now()
    EpisodePageFactory(parent=show, publish_date=now - timedelta(days=4))

    def expected_on(moment):
        return date_format(moment.astimezone(timezone.get_current_timezone()), "j. F Y")

    text = soup(client.get(show.url)).get_text(" ", strip=True)
    assert expected_on(now + timedelta(days=10)) in text
    # The expected day passes without a new episode: the header kept before is not shown again.
    later = now + timedelta(days=11)
    with mock.patch("django.utils.timezone.now", return_value=later):
        text = soup(client.get(show.url)).get_text(" ", strip=True)
    assert expected_on(now + timedelta(days=10)) not in text
    assert "Eine neue Folge erscheint alle 14 Tage" in text


def test_show_page_json_ld_and_open_graph(client, show, episodes):
    page = soup(client.get(show.url))
    [data] = jsonld(page)
    assert data["@type"] == "PodcastSeries"
    assert data["webFeed"] == "http://testserver/podcast/feed.xml"
    assert page.find("meta", property="og:title")["content"] == "Tolle Leute"
    assert page.find("meta", property="og:image")["content"].startswith("http://testserver/media/")


def test_episode_page_player_loads_nothing_until_play(client, episodes):
    episode = episodes["episode"]
    page = soup(client.get(episode.url))
    audio = page.find("audio")
    assert audio["preload"] == "none"
    assert audio.has_attr("controls")
    assert audio["src"] == episode.audio_url
    download = page.find("a", class_="podcast-player__download")
    assert download["href"] == episode.audio_url + "?download=1"
    speed = page.find(attrs={"data-speed-control": True})
    assert speed.has_attr("hidden")
    assert speed.find("label")["for"] == speed.find("select")["id"]
    assert executable_inline_scripts(page) == []


def test_episode_page_chapters_are_jump_links(client, episodes):
    episode = episodes["episode"]
    page = soup(client.get(episode.url))
    links = page.select(".podcast-chapters a[data-seek]")
    assert [(a["href"], a.get_text(" ", strip=True)) for a in links] == [
        (episode.audio_url + "#t=0", "0:00 Begrüßung"),
        (episode.audio_url + "#t=6", "0:06 Wie alles begann"),
    ]


def test_episode_page_shows_transcript_with_speaker_names(client, episodes):
    page = soup(client.get(episodes["episode"].url))
    paragraphs = page.select(".podcast-transcript p")
    speakers = [p.find("strong").get_text(strip=True) for p in paragraphs if p.find("strong")]
    assert speakers == ["Veronika Kabis:", "Rodica Petcu:"]
    assert "Danke für die Einladung!" in paragraphs[1].get_text()


def test_episode_page_has_previous_and_next_but_not_the_scheduled_one(client, episodes):
    page = soup(client.get(episodes["episode"].url))
    assert page.find("a", rel="prev")["href"] == episodes["older"].url
    assert page.find("a", rel="next")["href"] == episodes["newer"].url
    newest = soup(client.get(episodes["newer"].url))
    assert newest.find("a", rel="next") is None


def test_episode_page_json_ld_and_open_graph(client, episodes):
    episode = episodes["episode"]
    page = soup(client.get(episode.url))
    [data] = jsonld(page)
    assert data["@type"] == "PodcastEpisode"
    assert data["associatedMedia"]["contentUrl"] == "http://testserver" + episode.audio_url
    assert data["partOfSeries"]["@type"] == "PodcastSeries"
    assert page.find("meta", property="og:audio")["content"] == "http://testserver" + episode.audio_url
    assert page.find("link", rel="alternate", type="application/rss+xml")


def test_pages_are_not_cached_past_the_next_episodes_moment(client, show, episodes):
    # The next episode is 13 days away: caches may keep the page for a minute.
    assert client.get(show.url)["Cache-Control"] == "public, max-age=60"
    EpisodePage.objects.filter(pk=episodes["scheduled"].pk).update(
        publish_date=timezone.now() + timedelta(seconds=90)
    )
    invalidate()  # QuerySet.update() sends no signal
    # Now it is due sooner than a page cache would expire: every cache must revalidate.
    assert "no-cache" in client.get(show.url)["Cache-Control"]
    assert "no-cache" in client.get(episodes["episode"].url)["Cache-Control"]


def test_scheduled_episode_page_is_404_until_due(client, episodes):
    assert client.get(episodes["scheduled"].url).status_code == 404


@pytest.mark.parametrize(
    "query", ["?page=abc", "?page=0", "?page=-3", "?page=99999999999999999999", "?page=%ff"]
)
def test_malformed_page_numbers_never_fail(client, show, episodes, query):
    assert client.get(show.url + query).status_code == 200


def test_latest_episode_for_the_start_page(show, episodes, locale_de):
    assert latest_episode(locale_de) == episodes["newer"]
    assert latest_episode("de") == episodes["newer"]
    assert latest_episode("xx") is None


def _episodes(show, count, start=0):
    for n in range(start, start + count):
        episode = EpisodePageFactory(parent=show, publish_date=timezone.now() - timedelta(days=n + 1))
        EpisodePersonFactory(page=episode)


@pytest.fixture
def no_page_cache(settings):
    """Measure the page's own work, not the site's page cache answering."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.mark.usefixtures("no_page_cache")
def test_show_page_queries_are_the_same_for_3_and_30_episodes(client, page_queries, show):
    _episodes(show, 3)
    with_3 = page_queries(show.url)[0]
    _episodes(show, 27, start=3)
    assert page_queries(show.url)[0] == with_3
    # The page chrome (navigation, settings, footer) is included; the ceiling keeps it honest.
    assert with_3 <= 30


@pytest.mark.usefixtures("no_page_cache")
def test_episode_page_queries_are_the_same_for_3_and_30_episodes(client, page_queries, show):
    _episodes(show, 3)
    episode = EpisodePage.objects.order_by("publish_date")[1]
    with_3 = page_queries(episode.url)[0]
    _episodes(show, 27, start=3)
    assert page_queries(episode.url)[0] == with_3
    assert with_3 <= 30


@pytest.mark.parametrize("count", [3, 30])
def test_show_page_context_runs_a_fixed_number_of_queries(rf, show, count, django_assert_num_queries):
    _episodes(show, count)
    show = PodcastShowPage.objects.get(pk=show.pk)
    show.root_url  # noqa: B018 - the site lookup is cached per request in real use
    with django_assert_num_queries(SHOW_CONTEXT_COLD_QUERIES):
        context = show_page_context(show, rf.get(show.url))
    assert len(context["episodes"]) == min(count, 12)
    with django_assert_num_queries(SHOW_CONTEXT_WARM_QUERIES):
        show_page_context(show, rf.get(show.url))


# Cold: the dates of the next and the newest episode, Wagtail's schedule, hosts, subscribe
# links, locale, the show's address (site), the ids of the listing. The page's episodes are
# no longer loaded here but only when a card is rendered (see test_remembered.py). Warm: none.
SHOW_CONTEXT_COLD_QUERIES = 9
SHOW_CONTEXT_WARM_QUERIES = 0
