"""Small, valid audio files made locally, for the demo content and the tests.

`silent_mp3` writes MPEG-1 Layer III frames by hand (32 kbit/s, 32 kHz, mono:
144-byte frames of 1152 samples each, side information all zero = silence).
`silent_m4a` writes the minimal MP4 atoms a parser needs for an AAC track.
`tone_mp3` uses ffmpeg when it is installed and falls back to silence.
"""

import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

MP3_FRAME_HEADER = bytes([0xFF, 0xFB, 0x18, 0xC0])
MP3_FRAME_SIZE = 144
MP3_SAMPLES_PER_FRAME = 1152
MP3_SAMPLE_RATE = 32000


def silent_mp3(seconds=10):
    """A constant-bitrate MP3 of about `seconds` seconds of silence."""
    frames = int(seconds * MP3_SAMPLE_RATE / MP3_SAMPLES_PER_FRAME) + 1
    return (MP3_FRAME_HEADER + bytes(MP3_FRAME_SIZE - len(MP3_FRAME_HEADER))) * frames


def _atom(kind, payload):
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _full_atom(kind, flags, payload):
    return _atom(kind, bytes([0]) + flags.to_bytes(3, "big") + payload)


def silent_m4a(seconds=10):
    """An M4A (MP4 with one AAC audio track) whose header says `seconds` long."""
    timescale = 44100
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    mvhd = _full_atom(
        b"mvhd",
        0,
        struct.pack(">IIII", 0, 0, 1000, seconds * 1000)
        + b"\x00\x01\x00\x00\x01\x00"
        + bytes(10)
        + matrix
        + bytes(24)
        + struct.pack(">I", 2),
    )
    mdhd = _full_atom(
        b"mdhd", 0, struct.pack(">IIII", 0, 0, timescale, seconds * timescale) + b"\x55\xc4\x00\x00"
    )
    hdlr = _full_atom(b"hdlr", 0, b"\x00\x00\x00\x00soun" + bytes(12) + b"SoundHandler\x00")
    esds = _full_atom(
        b"esds",
        0,
        bytes([0x03, 0x19, 0x00, 0x01, 0x00, 0x04, 0x11, 0x40, 0x15])
        + bytes(3)
        + struct.pack(">II", 128000, 128000)
        + bytes([0x05, 0x02, 0x12, 0x08, 0x06, 0x01, 0x02]),
    )
    mp4a = _atom(
        b"mp4a",
        bytes(6)
        + struct.pack(">H", 1)
        + bytes(8)
        + struct.pack(">HHHHI", 2, 16, 0, 0, timescale << 16)
        + esds,
    )
    stbl = _atom(
        b"stbl",
        _full_atom(b"stsd", 0, struct.pack(">I", 1) + mp4a)
        + _full_atom(b"stts", 0, struct.pack(">I", 0))
        + _full_atom(b"stsc", 0, struct.pack(">I", 0))
        + _full_atom(b"stsz", 0, struct.pack(">II", 0, 0))
        + _full_atom(b"stco", 0, struct.pack(">I", 0)),
    )
    minf = _atom(b"minf", _full_atom(b"smhd", 0, bytes(4)) + stbl)
    mdia = _atom(b"mdia", mdhd + hdlr + minf)
    tkhd = _full_atom(
        b"tkhd", 3, bytes(8) + struct.pack(">I", 1) + bytes(4) + struct.pack(">I", seconds * 1000) + bytes(72)
    )
    moov = _atom(b"moov", mvhd + _atom(b"trak", tkhd + mdia))
    ftyp = _atom(b"ftyp", b"M4A \x00\x00\x02\x00M4A isomiso2")
    return ftyp + moov + _atom(b"mdat", bytes(1000))


def tone_mp3(seconds=20, frequency=440):
    """A soft sine tone as MP3 through a local ffmpeg; silence when ffmpeg is missing."""
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        return silent_mp3(seconds)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "tone.mp3"
        command = [
            ffmpeg,
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency={int(frequency)}:duration={int(seconds)}",
            "-af",
            "volume=0.2,afade=t=in:d=1,afade=t=out:st=" + str(max(int(seconds) - 1, 0)) + ":d=1",
            "-ac",
            "1",
            "-b:a",
            "48k",
            "-map_metadata",
            "-1",
            "-fflags",
            "+bitexact",
            str(target),
        ]
        try:
            subprocess.run(command, check=True, timeout=60, capture_output=True)  # noqa: S603
            return target.read_bytes()
        except (subprocess.SubprocessError, OSError):
            return silent_mp3(seconds)
