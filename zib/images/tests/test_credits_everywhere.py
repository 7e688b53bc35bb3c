"""Every template that shows an image also shows its credit ("Bildnachweis")."""

import re
from pathlib import Path

import zib

ROOT = Path(zib.__file__).resolve().parent
# An image tag that renders an <img> (the `as name` form only fetches a rendition, e.g. for meta tags).
IMAGE_TAG = re.compile(r"{%\s*(image|picture|srcset_image)\s+(?![^%]*\sas\s+\w+\s*%})[^%]*%}")


def templates_showing_images():
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        if IMAGE_TAG.search(text):
            yield path, text


def test_templates_with_images_show_credits():
    missing = [
        str(path.relative_to(ROOT))
        for path, text in templates_showing_images()
        if "includes/credit.html" not in text and ".credit" not in text
    ]
    assert missing == []


def test_the_check_finds_the_shared_image_blocks():
    found = {path.name for path, _ in templates_showing_images()}
    assert {"image_block.html", "gallery_block.html", "external_video_block.html"} <= found
