"""Transcripts become readable paragraphs with speaker names."""

from zib.podcast.transcripts import parse_transcript, transcript_format

from .factories import VTT_TRANSCRIPT


def test_webvtt_cues_are_merged_per_speaker_with_their_start_time():
    segments = parse_transcript(VTT_TRANSCRIPT)
    assert [(s.speaker, s.start) for s in segments] == [("Veronika Kabis", 0), ("Rodica Petcu", 6)]
    assert segments[0].text == "Herzlich willkommen bei Tolle Leute. Heute ist Rodica Petcu zu Gast."
    assert transcript_format(VTT_TRANSCRIPT) == "text/vtt"


def test_webvtt_with_hours_identifiers_notes_and_markup():
    text = (
        "\ufeffWEBVTT - Tolle Leute\n\nNOTE erstellt von Hand\n\n"
        "intro\n01:00:01.500 --> 01:00:04.000 align:start\n"
        "<v.loud Rodica Petcu><i>Es war</i> einmal &amp; mehr\n"
    )
    [segment] = parse_transcript(text)
    assert (segment.speaker, segment.start, segment.text) == ("Rodica Petcu", 3601, "Es war einmal & mehr")


def test_plain_text_with_speaker_lines():
    text = (
        "Veronika Kabis: Willkommen!\nHeute geht es um Märchen.\n\n"
        "Rodica Petcu: Danke.\nOhne Sprecher weiter."
    )
    segments = parse_transcript(text)
    assert [(s.speaker, s.text) for s in segments] == [
        ("Veronika Kabis", "Willkommen! Heute geht es um Märchen."),
        ("Rodica Petcu", "Danke. Ohne Sprecher weiter."),
    ]
    assert transcript_format(text) == "text/plain"


def test_sentences_with_colons_are_not_mistaken_for_speakers():
    [segment] = parse_transcript("Sie sagte damals etwas Wichtiges. Und dann: nichts mehr.")
    assert segment.speaker == ""
