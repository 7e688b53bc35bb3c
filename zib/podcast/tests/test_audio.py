"""Serving audio as podcast apps and Apple's checker request it: HEAD, ranges, 416, no gzip."""

import pytest
from django.core.files.base import ContentFile

from zib.podcast.models import EpisodePage
from zib.podcast.samples import silent_mp3

from .factories import EpisodePageFactory


@pytest.fixture
def episode(show):
    return EpisodePageFactory(parent=show)


@pytest.fixture
def audio_bytes(episode):
    with episode.audio_file.open("rb") as handle:
        return handle.read()


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_head_announces_ranges_and_exact_length(client, episode, audio_bytes):
    response = client.head(episode.audio_url)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(audio_bytes)) == str(episode.audio_size)
    assert response["Content-Type"] == "audio/mpeg"
    assert response.content == b""


def test_full_get_returns_the_file_uncompressed(client, episode, audio_bytes):
    response = client.get(episode.audio_url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert body(response) == audio_bytes
    assert "Content-Encoding" not in response
    assert "no-transform" in response["Cache-Control"]
    assert response["Content-Length"] == str(len(audio_bytes))


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [("bytes=0-99", 0, 99), ("bytes=100-", 100, None), ("bytes=-10", -10, None), ("bytes=0-1", 0, 1)],
)
def test_range_answers_206_with_content_range(client, episode, audio_bytes, header, start, end):
    size = len(audio_bytes)
    response = client.get(episode.audio_url, HTTP_RANGE=header, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 206
    first = start if start >= 0 else size + start
    last = end if end is not None else size - 1
    assert response["Content-Range"] == f"bytes {first}-{last}/{size}"
    assert response["Content-Length"] == str(last - first + 1)
    assert body(response) == audio_bytes[first : last + 1]
    assert "Content-Encoding" not in response


def test_range_end_past_the_file_is_clipped(client, episode, audio_bytes):
    size = len(audio_bytes)
    response = client.get(episode.audio_url, HTTP_RANGE=f"bytes={size - 5}-{size + 1000}")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {size - 5}-{size - 1}/{size}"
    assert body(response) == audio_bytes[-5:]


def test_head_with_range_answers_206_without_body(client, episode):
    response = client.head(episode.audio_url, HTTP_RANGE="bytes=0-1")
    assert response.status_code == 206
    assert response["Content-Length"] == "2"
    assert response.content == b""


def test_range_past_the_end_answers_416(client, episode, audio_bytes):
    size = len(audio_bytes)
    response = client.get(episode.audio_url, HTTP_RANGE=f"bytes={size}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{size}"


@pytest.mark.parametrize(
    "header", ["bytes=abc", "items=0-10", "bytes=10-5", "bytes=", "bytes=--1", "x" * 5000]
)
def test_malformed_range_is_ignored_and_the_whole_file_sent(client, episode, audio_bytes, header):
    response = client.get(episode.audio_url, HTTP_RANGE=header)
    assert response.status_code == 200
    assert body(response) == audio_bytes


def test_several_ranges_are_merged_into_one(client, episode, audio_bytes):
    response = client.get(episode.audio_url, HTTP_RANGE="bytes=0-9, 20-29")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-29/{len(audio_bytes)}"


def test_if_range_with_an_old_etag_sends_the_whole_file(client, episode, audio_bytes):
    response = client.get(episode.audio_url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"something-else"')
    assert response.status_code == 200
    etag = client.head(episode.audio_url)["ETag"]
    assert client.get(episode.audio_url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=etag).status_code == 206


def test_download_link_asks_to_save_the_file(client, episode):
    response = client.get(episode.audio_url + "?download=1")
    assert response["Content-Disposition"].startswith("attachment;")


def test_replaced_audio_gets_a_new_url_and_the_old_one_goes(client, episode):
    old_url = episode.audio_url
    episode = EpisodePage.objects.get(pk=episode.pk)
    episode.audio_file = ContentFile(silent_mp3(12), name="neu.mp3")
    episode.save_revision().publish()
    episode = EpisodePage.objects.get(pk=episode.pk)
    assert episode.audio_url != old_url
    assert episode.audio_duration == 12
    assert client.head(episode.audio_url).status_code == 200
    assert client.head(old_url).status_code == 404


def test_unknown_or_malformed_audio_paths_are_404_and_post_405(client, episode):
    assert client.get("/podcast/audio/0123456789abcdef/nichts.mp3").status_code == 404
    assert client.get("/podcast/audio/../../settings.py").status_code == 404
    assert client.get("/podcast/audio/0123456789abcdef/x.exe").status_code == 404
    assert client.post(episode.audio_url).status_code == 405


def test_audio_of_an_unpublished_episode_is_not_served(client, episode):
    episode.unpublish()
    assert client.get(episode.audio_url).status_code == 404


def test_factory_episode_is_served_however_many_pages_the_session_made_before(client, show):
    # All page factories of all apps advance one shared sequence; other apps' tests may run first.
    episode = EpisodePageFactory(parent=show, __sequence=100_000)
    assert episode.is_due
    assert client.head(episode.audio_url).status_code == 200
