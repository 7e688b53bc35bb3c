"""The feed as a podcast client reads it: parsed XML, every required tag, only due episodes."""

import uuid
from datetime import timedelta
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree as ET

import pytest
from django.utils import timezone
from wagtail.models import Site

from zib.podcast import services
from zib.podcast.feed import build_feed, feed_episodes
from zib.podcast.models import EpisodePage

from .factories import CustomImageFactory, EpisodeChapterFactory, EpisodePageFactory, EpisodePersonFactory

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
FEED_URL = "/podcast/feed.xml"


def fetch(client, **headers):
    response = client.get(FEED_URL, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    return response, ET.fromstring(response.content)  # noqa: S314 - our own feed


def items_by_guid(root):
    return {item.findtext("guid"): item for item in root.iter("item")}


@pytest.fixture
def episode(show):
    episode = EpisodePageFactory(
        parent=show, title="Rodica Petcu: Vom Sozialamt ins Märchenland", season_number=1
    )
    EpisodePersonFactory(page=episode)
    EpisodeChapterFactory(page=episode, start="0:00", title="Begrüßung")
    EpisodeChapterFactory(page=episode, start="0:05", title="Märchen")
    episode.save_revision().publish()
    return EpisodePage.objects.get(pk=episode.pk)


def test_namespaces_are_exactly_the_ones_apple_and_podcastindex_specify(client, episode):
    response, _root = fetch(client)
    head = response.content[:600].decode()
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert 'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"' in head
    assert 'xmlns:podcast="https://podcastindex.org/namespace/1.0"' in head
    assert '<rss version="2.0"' in head


def test_channel_has_every_tag_apple_and_spotify_require(client, show, episode):
    _response, root = fetch(client)
    channel = root.find("channel")
    assert channel.findtext("title") == "Tolle Leute"
    assert channel.findtext("link") == "http://testserver/de/podcast/"
    assert channel.findtext("description").startswith("Alle zwei Wochen")
    assert channel.findtext("language") == "de"
    assert channel.find("itunes:category", NS).get("text") == "Society & Culture"
    assert channel.findtext("itunes:explicit", namespaces=NS) == "false"
    assert channel.findtext("itunes:author", namespaces=NS) == "Zuwanderungs- und Integrationsbüro (ZIB)"
    assert channel.findtext("itunes:type", namespaces=NS) == "episodic"
    assert channel.findtext("itunes:owner/itunes:email", namespaces=NS) == "zib@saarbruecken.de"
    assert channel.findtext("itunes:owner/itunes:name", namespaces=NS)
    image_url = channel.find("itunes:image", NS).get("href")
    assert image_url.startswith("http://testserver/media/") and image_url.split("?")[0].endswith(".jpg")
    self_link = channel.find("atom:link", NS)
    assert self_link.get("rel") == "self"
    assert self_link.get("href") == "http://testserver/podcast/feed.xml"
    assert channel.findtext("podcast:guid", namespaces=NS) == str(show.podcast_guid)
    locked = channel.find("podcast:locked", NS)
    assert locked.text == "yes" and locked.get("owner") == "zib@saarbruecken.de"
    person = channel.find("podcast:person", NS)
    assert person.text == "Veronika Kabis" and person.get("role") == "host"
    assert channel.find("podcast:updateFrequency", NS).get("rrule") == "FREQ=DAILY;INTERVAL=14"


def test_item_has_enclosure_with_exact_length_and_every_episode_tag(client, show, episode):
    _response, root = fetch(client)
    item = items_by_guid(root)[str(episode.guid)]
    assert item.findtext("title") == "Rodica Petcu: Vom Sozialamt ins Märchenland"
    assert item.find("guid").get("isPermaLink") == "false"
    enclosure = item.find("enclosure")
    assert enclosure.get("type") == "audio/mpeg"
    assert int(enclosure.get("length")) == episode.audio_file.size == episode.audio_size
    audio = client.get(enclosure.get("url").removeprefix("http://testserver"))
    assert b"".join(audio.streaming_content) == episode.audio_file.open("rb").read()
    assert parsedate_to_datetime(item.findtext("pubDate")) == episode.publish_date.replace(microsecond=0)
    assert item.findtext("itunes:duration", namespaces=NS) == "10"
    assert item.findtext("itunes:episodeType", namespaces=NS) == "full"
    assert item.findtext("itunes:episode", namespaces=NS) == str(episode.episode_number)
    assert item.findtext("itunes:season", namespaces=NS) == "1"
    assert item.findtext("itunes:explicit", namespaces=NS) == "false"
    assert item.findtext("link") == "http://testserver" + episode.url
    assert "Märchen" in item.findtext("content:encoded", namespaces=NS)

    transcript = item.find("podcast:transcript", NS)
    assert transcript.get("type") == "text/vtt"
    served = client.get(transcript.get("url").removeprefix("http://testserver"))
    assert served["Content-Type"] == "text/vtt; charset=utf-8"
    assert "<v Rodica Petcu>" in served.content.decode()

    chapters = item.find("podcast:chapters", NS)
    assert chapters.get("type") == "application/json+chapters"
    served = client.get(chapters.get("url").removeprefix("http://testserver"))
    assert served["Content-Type"].startswith("application/json+chapters")
    assert served.json() == {
        "version": "1.2.0",
        "chapters": [{"startTime": 0, "title": "Begrüßung"}, {"startTime": 5, "title": "Märchen"}],
    }
    guest = item.find("podcast:person", NS)
    assert guest.text == "Rodica Petcu" and guest.get("role") == "guest"


def test_titles_are_escaped_not_broken(client, show):
    EpisodePageFactory(parent=show, title='Kunst & "Kultur" <jetzt>')
    _response, root = fetch(client)
    assert root.find("channel/item/title").text == 'Kunst & "Kultur" <jetzt>'


def test_only_live_and_due_episodes_appear(client, show):
    due = EpisodePageFactory(parent=show)
    scheduled = EpisodePageFactory(parent=show, publish_date=timezone.now() + timedelta(hours=2))
    draft = EpisodePageFactory(parent=show, live=False)
    _response, root = fetch(client)
    guids = set(items_by_guid(root))
    assert str(due.guid) in guids
    assert str(scheduled.guid) not in guids
    assert str(draft.guid) not in guids
    # The not-yet-due episode's audio, page and transcript are not reachable either.
    assert client.get(scheduled.audio_url).status_code == 404
    assert client.get(scheduled.transcript_url).status_code == 404
    assert client.get(scheduled.url).status_code == 404


def test_scheduled_episode_appears_as_soon_as_it_is_due_despite_the_cache(client, show):
    EpisodePageFactory(parent=show)
    soon = EpisodePageFactory(parent=show, publish_date=timezone.now() + timedelta(seconds=30))
    response, root = fetch(client)
    assert str(soon.guid) not in items_by_guid(root)
    # No cache (the site's page cache, a proxy, the app) may hold the feed past that moment.
    assert "no-cache" in response["Cache-Control"]
    # Time passes: the episode's moment has come (no write to the page itself).
    EpisodePage.objects.filter(pk=soon.pk).update(publish_date=timezone.now() - timedelta(seconds=1))
    _response, root = fetch(client)
    assert str(soon.guid) in items_by_guid(root)


def test_guid_is_stable_across_edits_moves_and_new_hostnames(client, show, settings):
    settings.ALLOWED_HOSTS = ["testserver", "zib.example.org"]
    episode = EpisodePageFactory(parent=show)
    guid = str(episode.guid)
    podcast_guid = show.podcast_guid

    episode = EpisodePage.objects.get(pk=episode.pk)
    episode.title = "Ein ganz neuer Titel"
    episode.slug = "neuer-titel"
    episode.save_revision().publish()
    show.slug = "tolle-leute"
    show.save_revision().publish()
    site = Site.objects.get()
    site.hostname = "zib.example.org"
    site.save()

    response = client.get(FEED_URL, HTTP_HOST="zib.example.org")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    item = root.find("channel/item")
    assert item.findtext("guid") == guid
    assert item.findtext("title") == "Ein ganz neuer Titel"
    assert item.findtext("link") == "http://zib.example.org/de/tolle-leute/neuer-titel/"
    assert root.find("channel/podcast:guid", NS).text == str(podcast_guid)
    assert root.find("channel/atom:link", NS).get("href") == "http://zib.example.org/podcast/feed.xml"


def test_copied_episode_gets_its_own_guid(show):
    episode = EpisodePageFactory(parent=show)
    copy = episode.copy(update_attrs={"slug": "kopie", "title": "Kopie", "episode_number": 999})
    assert copy.guid != episode.guid


def test_podcast_guid_is_uuid5_of_the_feed_url_without_scheme_and_trailing_slash():
    # The examples of the podcast namespace's specification.
    assert str(services.podcast_guid_for_url("https://mp3s.nashownotes.com/pc20rss.xml")) == (
        "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    )
    assert str(services.podcast_guid_for_url("podnews.net/rss/")) == "9b024349-ccf0-5f69-a609-6b82873eab3c"
    assert services.podcast_guid_for_url("http://podnews.net/rss///") == uuid.UUID(
        "9b024349-ccf0-5f69-a609-6b82873eab3c"
    )


def test_show_stores_podcast_guid_from_its_feed_url_at_creation(show):
    assert show.podcast_guid == services.podcast_guid_for_url("http://testserver/podcast/feed.xml")


def test_unchanged_feed_answers_304_for_etag_and_last_modified(client, show):
    EpisodePageFactory(parent=show)
    response, _root = fetch(client)
    assert response["Cache-Control"] == "public, max-age=60"
    etag, last_modified = response["ETag"], response["Last-Modified"]
    assert client.get(FEED_URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(FEED_URL, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    new = EpisodePageFactory(parent=show, publish_date=timezone.now())
    response = client.get(FEED_URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert str(new.guid).encode() in response.content


def test_unpublishing_an_episode_is_a_change_for_if_modified_since(client, show):
    older = EpisodePageFactory(parent=show)
    EpisodePageFactory(parent=show)
    response, _root = fetch(client)
    older.unpublish()
    response = client.get(FEED_URL, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    # Last-Modified has one-second resolution: an unpublish in the same second may still 304,
    # but the ETag always tells.
    assert response.status_code in (200, 304)
    assert client.get(FEED_URL, HTTP_IF_NONE_MATCH=fetch(client)[0]["ETag"]).status_code == 304
    assert str(older.guid).encode() not in client.get(FEED_URL).content


def test_feed_for_a_missing_show_is_404_and_post_is_405(client, home_page):
    assert client.get(FEED_URL).status_code == 404
    assert client.post(FEED_URL).status_code == 405


def test_feed_with_malformed_query_and_headers_never_fails(client, show):
    EpisodePageFactory(parent=show)
    assert client.get(FEED_URL + "?page=%ff&limit=-1&x=" + "9" * 5000).status_code == 200
    assert client.get(FEED_URL, HTTP_IF_MODIFIED_SINCE="gestern").status_code == 200
    assert client.get(FEED_URL, HTTP_IF_NONE_MATCH='"\x00"').status_code == 200


def test_episode_art_is_included_only_when_large_enough(client, show):
    big = EpisodePageFactory(parent=show, image=CustomImageFactory())
    small = EpisodePageFactory(parent=show, image=CustomImageFactory(pixels=(600, 400)))
    _response, root = fetch(client)
    items = items_by_guid(root)
    assert items[str(big.guid)].find("itunes:image", NS).get("href").endswith(".jpg")
    assert items[str(small.guid)].find("itunes:image", NS) is None


def _make_episodes(show, count):
    image = CustomImageFactory()
    for _n in range(count):
        episode = EpisodePageFactory(parent=show, image=image)
        EpisodePersonFactory(page=episode)
        EpisodeChapterFactory(page=episode)


@pytest.mark.parametrize("count", [10, 300])
def test_feed_queries_do_not_grow_with_the_number_of_episodes(show, count, django_assert_num_queries, rf):
    _make_episodes(show, count)
    request = rf.get(FEED_URL)
    show = services.feed_show()
    show.root_url  # noqa: B018 - the site lookup, once per feed
    build_feed(show, request)  # the episode art rendition is made once
    with django_assert_num_queries(FEED_QUERIES):
        body = build_feed(show, request)
    assert body.count(b"<item>") == count
    assert len(list(feed_episodes(show))) == count


# Hosts, episodes (with has_chapters), their images, the images' renditions, their people.
FEED_QUERIES = 5
