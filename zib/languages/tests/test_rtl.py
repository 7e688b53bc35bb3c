"""Right-to-left: dir="rtl" for Arabic and Persian, a stylesheet that mirrors itself."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

PHYSICAL = re.compile(
    r"(?<![\w-])("
    r"(margin|padding|border)-(left|right)"
    r"|border-(top|bottom)-(left|right)-radius"
    r"|(left|right)\s*:"
    r"|text-align\s*:\s*(left|right)"
    r"|float\s*:\s*(left|right)"
    r"|clear\s*:\s*(left|right)"
    r")"
)


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "direction"), [("ar", "rtl"), ("fa", "rtl"), ("de", "ltr"), ("uk", "ltr")])
def test_page_direction(client, home_page, code, direction):
    html = BeautifulSoup(client.get(f"/{code}/").content, "html.parser")
    assert html.html["lang"] == code
    assert html.html["dir"] == direction


def test_stylesheet_uses_logical_properties_only():
    """margin-left, right:, text-align: left … would not mirror for Arabic and Persian."""
    css = (settings.PROJECT_DIR / "static" / "css" / "site.css").read_text()
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    offending = [
        f"line {number}: {line.strip()}"
        for number, line in enumerate(css.splitlines(), start=1)
        if PHYSICAL.search(line)
    ]
    assert not offending, "Use logical properties (margin-inline-start, inset-inline-end …): " + "; ".join(
        offending
    )
