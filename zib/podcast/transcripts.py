"""Transcripts: WebVTT (with <v Speaker> voice tags) or plain text with "Name: text" lines.

The page shows the transcript as readable paragraphs with speaker names;
the feed links the editor's original text (text/vtt or text/plain).
"""

import html
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TIMESTAMP = r"(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)[.,](\d{3})"
CUE_TIMING_RE = re.compile(rf"^{TIMESTAMP}\s+-->\s+{TIMESTAMP}(?:\s+.*)?$")
VOICE_RE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
TAG_RE = re.compile(r"</?[^>]+>")
# "Veronika Kabis: Hallo" — a speaker name is short and has no sentence punctuation.
SPEAKER_LINE_RE = re.compile(r"^([^\s:.!?][^:.!?]{0,60}?)\s*:\s+(.+)$")

FORMAT_VTT = "text/vtt"
FORMAT_TEXT = "text/plain"


@dataclass
class Segment:
    """A paragraph of the transcript: who speaks, from when (seconds), what."""

    speaker: str
    start: int | None
    text: str


def transcript_format(text):
    """text/vtt when the text is WebVTT, otherwise text/plain."""
    return FORMAT_VTT if (text or "").lstrip("\ufeff").lstrip().startswith("WEBVTT") else FORMAT_TEXT


def _seconds(hours, minutes, seconds, millis):
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _clean_cue_text(text):
    return html.unescape(TAG_RE.sub("", text)).strip()


def parse_vtt(text):
    """Cues of a WebVTT file as Segments; raise ValidationError naming the bad line."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or not lines[0].startswith("WEBVTT"):
        raise ValidationError(_("Eine WebVTT-Datei muss mit der Zeile „WEBVTT“ beginnen."), code="vtt_header")
    segments = []
    index = 1
    # Skip the header block.
    while index < len(lines) and lines[index].strip():
        index += 1
    while index < len(lines):
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        block_start = index
        block = []
        while index < len(lines) and lines[index].strip():
            block.append(lines[index].rstrip())
            index += 1
        if block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_at = 0 if "-->" in block[0] else 1
        if timing_at >= len(block) or "-->" not in block[timing_at]:
            raise ValidationError(
                _("WebVTT, Zeile %(line)d: Zeitangabe fehlt (Beispiel: 00:01.000 --> 00:04.000).")
                % {"line": block_start + 1},
                code="vtt_timing",
            )
        match = CUE_TIMING_RE.match(block[timing_at].strip())
        if not match:
            raise ValidationError(
                _("WebVTT, Zeile %(line)d: Die Zeitangabe „%(text)s“ ist nicht lesbar.")
                % {"line": block_start + timing_at + 1, "text": block[timing_at].strip()[:60]},
                code="vtt_timing",
            )
        start = _seconds(*match.groups()[:4])
        end = _seconds(*match.groups()[4:])
        if end < start:
            raise ValidationError(
                _("WebVTT, Zeile %(line)d: Das Ende liegt vor dem Anfang.")
                % {"line": block_start + timing_at + 1},
                code="vtt_timing",
            )
        payload = " ".join(block[timing_at + 1 :])
        voice = VOICE_RE.search(payload)
        speaker = voice.group(1).strip() if voice else ""
        cue_text = _clean_cue_text(payload)
        if cue_text:
            segments.append(Segment(speaker=speaker, start=int(start), text=cue_text))
    return segments


def parse_plain(text):
    """Paragraphs of a plain-text transcript; "Name: text" starts a speaker's turn."""
    segments = []
    speaker = ""
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        current = None
        for line in paragraph.split("\n"):
            line = line.strip()
            if not line:
                continue
            match = SPEAKER_LINE_RE.match(line)
            if match:
                speaker = match.group(1).strip()
                current = Segment(speaker=speaker, start=None, text=match.group(2).strip())
                segments.append(current)
            elif current:
                current.text += " " + line
            else:
                current = Segment(speaker=speaker, start=None, text=line)
                segments.append(current)
    return segments


def parse_transcript(text):
    """Segments of a transcript in either format, consecutive cues of one speaker merged."""
    text = text or ""
    raw = parse_vtt(text) if transcript_format(text) == FORMAT_VTT else parse_plain(text)
    merged = []
    for segment in raw:
        if merged and segment.start is not None and merged[-1].speaker == segment.speaker:
            merged[-1].text += " " + segment.text
        else:
            merged.append(Segment(segment.speaker, segment.start, segment.text))
    return merged


def validate_transcript(text):
    """Raise ValidationError unless the transcript has readable text."""
    if not (text or "").strip():
        raise ValidationError(
            _("Bitte ein Transkript eingeben: Es macht die Folge für gehörlose Menschen zugänglich."),
            code="required",
        )
    if not parse_transcript(text):
        raise ValidationError(_("Das Transkript enthält keinen lesbaren Text."), code="empty")
