"""Audio files: reading what a file really is, and serving it with byte ranges.

Podcast apps seek with HTTP ranges and Apple refuses hosts that answer a
range with the whole file, so the platform serves audio itself with
`Accept-Ranges`, 206 and 416, and never compresses it.
"""

import hashlib
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from mutagen import MutagenError
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4

from .enums import AUDIO_EXTENSIONS, AudioType

# Large enough for two hours of speech at 192 kbit/s; nginx allows 200 MB uploads.
MAX_AUDIO_SIZE = 200 * 1024 * 1024
CHUNK_SIZE = 64 * 1024


@dataclass(frozen=True)
class AudioInfo:
    """What the file itself says: type, length in seconds, size in bytes, content hash."""

    mime_type: str
    duration: int
    size: int
    sha256: str
    bitrate: int

    @property
    def extension(self):
        return AUDIO_EXTENSIONS[self.mime_type]


def _read_head(fileobj, length=12):
    fileobj.seek(0)
    head = fileobj.read(length)
    fileobj.seek(0)
    return head


def _sha256(fileobj):
    digest = hashlib.sha256()
    fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(CHUNK_SIZE), b""):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()


def analyse_audio(uploaded):
    """Read type, duration and size from the file's content (not its name).

    Raise ValidationError with a German message for anything that is not a
    readable MP3 or M4A file.
    """
    size = uploaded.size
    if not size:
        raise ValidationError(_("Die Audiodatei ist leer."), code="empty")
    if size > MAX_AUDIO_SIZE:
        raise ValidationError(
            _("Die Audiodatei ist zu groß (höchstens %(max)d MB).") % {"max": MAX_AUDIO_SIZE // 1024 // 1024},
            code="too_large",
        )
    fileobj = uploaded.file if hasattr(uploaded, "file") else uploaded
    head = _read_head(fileobj)
    wrong_type = ValidationError(
        _(
            "Diese Datei ist keine MP3- oder M4A-Audiodatei. Bitte eine Datei im Format MP3 "
            "(empfohlen: 128 kbit/s, Mono oder Stereo) oder M4A (AAC) hochladen."
        ),
        code="wrong_type",
    )
    corrupt = ValidationError(
        _(
            "Die Audiodatei ist beschädigt oder unvollständig und kann nicht gelesen werden. "
            "Bitte die Datei neu exportieren und noch einmal hochladen."
        ),
        code="corrupt",
    )
    try:
        if head[4:8] == b"ftyp":
            audio = MP4(fileobj)
            codec = getattr(audio.info, "codec", "") or ""
            if not codec.startswith(("mp4a", "alac")):
                raise wrong_type
            mime_type = AudioType.M4A
        elif head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
            audio = MP3(fileobj)
            if audio.info.sketchy or audio.info.layer != 3:
                raise corrupt
            mime_type = AudioType.MP3
        else:
            raise wrong_type
    except ValidationError:
        raise
    except (MutagenError, ValueError, OSError, IndexError, KeyError) as error:
        raise corrupt from error
    finally:
        fileobj.seek(0)
    length = getattr(audio.info, "length", 0) or 0
    if length < 1:
        raise corrupt
    return AudioInfo(
        mime_type=str(mime_type),
        duration=round(length),
        size=size,
        sha256=_sha256(fileobj),
        bitrate=int(getattr(audio.info, "bitrate", 0) or 0),
    )


RANGE_RE = re.compile(r"^\s*(\d*)\s*-\s*(\d*)\s*$")


def parse_range(header, size):
    """Return (start, end) inclusive for a Range header, None to send the whole
    file, or "unsatisfiable".

    Several ranges are merged into one covering range (RFC 9110 allows a
    server to coalesce them); a header that cannot be parsed is ignored.
    """
    if not header or size <= 0:
        return None
    unit, _sep, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or not spec or len(header) > 1000:
        return None
    ranges = []
    for part in spec.split(","):
        match = RANGE_RE.match(part)
        if not match:
            return None
        first, last = match.groups()
        if first == "" and last == "":
            return None
        if first == "":
            # Suffix range: the last N bytes.
            suffix = int(last)
            if suffix == 0:
                continue
            ranges.append((max(size - suffix, 0), size - 1))
            continue
        start = int(first)
        end = int(last) if last else size - 1
        if last and end < start:
            return None
        if start >= size:
            continue
        ranges.append((start, min(end, size - 1)))
    if not ranges:
        return "unsatisfiable"
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


def _file_iterator(fileobj, start, length):
    try:
        fileobj.seek(start)
        remaining = length
        while remaining > 0:
            chunk = fileobj.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        fileobj.close()


def ranged_file_response(request, storage, name, *, content_type, etag, last_modified, filename=None):
    """Serve a stored file honouring HEAD, Range and If-Range; never compressed."""
    size = storage.size(name)
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Last-Modified": http_date(last_modified.timestamp()),
        # The file behind a URL never changes: a replaced file gets a new URL.
        "Cache-Control": "public, max-age=31536000, immutable, no-transform",
        "Content-Type": content_type,
    }
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'

    byte_range = parse_range(request.headers.get("Range"), size)
    if_range = request.headers.get("If-Range")
    if byte_range and if_range and if_range.strip() != etag:
        byte_range = None  # The client's copy is outdated: send the whole file.

    if byte_range == "unsatisfiable":
        response = HttpResponse(status=416)
        for key in ("Accept-Ranges", "ETag", "Cache-Control"):
            response[key] = headers[key]
        response["Content-Range"] = f"bytes */{size}"
        response["Content-Length"] = "0"
        return response

    if byte_range:
        start, end = byte_range
        status = 206
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        start, end = 0, size - 1
        status = 200
    length = end - start + 1 if size else 0
    headers["Content-Length"] = str(length)

    if request.method == "HEAD":
        response = HttpResponse(status=status)
    else:
        response = StreamingHttpResponse(
            _file_iterator(storage.open(name, "rb"), start, length), status=status
        )
    for key, value in headers.items():
        response[key] = value
    return response
