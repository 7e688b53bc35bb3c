"""Uploads an editor could get wrong: audio type, corrupt files, cover art, transcripts, titles."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from zib.podcast.audio import analyse_audio
from zib.podcast.models import EpisodePage
from zib.podcast.samples import silent_m4a, silent_mp3

from .factories import CustomImageFactory, EpisodePageFactory, image_bytes


def analyse(data, name):
    return analyse_audio(ContentFile(data, name=name))


def messages(error):
    return " ".join(error.value.messages)


def test_mp3_is_read_from_the_file_itself():
    info = analyse(silent_mp3(7), "irgendwas.m4a")
    assert (info.mime_type, info.duration, info.size) == ("audio/mpeg", 7, len(silent_mp3(7)))
    assert info.extension == "mp3"


def test_m4a_is_accepted_with_its_apple_type():
    info = analyse(silent_m4a(95), "folge.m4a")
    assert (info.mime_type, info.duration, info.extension) == ("audio/x-m4a", 95, "m4a")


@pytest.mark.parametrize(
    "data",
    [image_bytes(100, 100), b"%PDF-1.7 kein Audio", b"OggS" + bytes(200), b"RIFF\x00\x00\x00\x00WAVEfmt "],
)
def test_wrong_file_type_is_refused_with_a_clear_message(data):
    with pytest.raises(ValidationError) as error:
        analyse(data, "folge.mp3")
    assert "keine MP3- oder M4A-Audiodatei" in messages(error)


@pytest.mark.parametrize(
    "data",
    [
        b"ID3\x04\x00\x00\x00\x00\x00\x10" + b"kaputt" * 50,
        b"\xff\xfb" + b"\x00\x13\x37" * 300,
        silent_mp3(5)[:100],
        b"\x00\x00\x00\x18ftypM4A " + bytes(40),
    ],
)
def test_corrupt_file_is_refused_with_a_clear_message(data):
    with pytest.raises(ValidationError) as error:
        analyse(data, "folge.mp3")
    assert "beschädigt" in messages(error) or "keine MP3" in messages(error)


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        analyse(b"", "leer.mp3")
    assert "leer" in messages(error)


def test_episode_with_a_wrong_file_is_not_saved(show):
    with pytest.raises(ValidationError) as error:
        EpisodePageFactory(parent=show, audio_file=ContentFile(b"Hallo Welt" * 100, name="folge.mp3"))
    assert "audio_file" in error.value.message_dict
    assert not EpisodePage.objects.exists()


def test_transcript_is_required(show):
    with pytest.raises(ValidationError) as error:
        EpisodePageFactory(parent=show, transcript="   ")
    assert "Transkript" in " ".join(error.value.message_dict["transcript"])


def test_broken_webvtt_names_the_line(show):
    with pytest.raises(ValidationError) as error:
        EpisodePageFactory(parent=show, transcript="WEBVTT\n\n00:00.000 --> kaputt\n<v A>Hallo\n")
    assert "Zeile 3" in " ".join(error.value.message_dict["transcript"])


def test_episode_number_does_not_belong_in_the_title(show):
    with pytest.raises(ValidationError) as error:
        EpisodePageFactory(parent=show, title="Folge 3: Rodica Petcu")
    assert "Folge Nr." in " ".join(error.value.message_dict["title"])


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (image_bytes(1400, 1000), "quadratisch"),
        (image_bytes(1000, 1000), "zwischen 1400 und 3000"),
        (image_bytes(3200, 3200), "zwischen 1400 und 3000"),
        (image_bytes(1400, 1400, mode="RGBA", file_format="PNG"), "RGB"),
        (image_bytes(1400, 1400, mode="CMYK", file_format="JPEG"), "RGB"),
        (image_bytes(1400, 1400, file_format="GIF", mode="P"), "JPEG- oder PNG"),
    ],
)
def test_cover_art_breaking_apples_rules_is_refused(show, data, expected):
    show.cover_image = CustomImageFactory(file=ContentFile(data, name="cover.img"))
    with pytest.raises(ValidationError) as error:
        show.full_clean()
    assert expected in " ".join(error.value.message_dict["cover_image"])


def test_good_cover_art_passes(show):
    show.cover_image = CustomImageFactory(
        file=ContentFile(image_bytes(3000, 3000, file_format="PNG"), name="c.png")
    )
    show.full_clean()


def test_description_longer_than_4000_bytes_is_refused(show):
    show.description = "ä" * 2001  # 4002 bytes in UTF-8
    with pytest.raises(ValidationError) as error:
        show.full_clean()
    assert "4000" in " ".join(error.value.message_dict["description"])


@pytest.mark.parametrize("code", ["de", "pl", "ku", "nl"])
def test_podcast_language_may_be_any_language_the_site_knows_and_kurdish(show, code):
    show.language = code
    show.full_clean()


def test_unknown_podcast_language_is_refused(show):
    show.language = "xx"
    with pytest.raises(ValidationError) as error:
        show.full_clean()
    assert "language" in error.value.message_dict
