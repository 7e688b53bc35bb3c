"""Load the demo content: the office's news page as it stands today.

Each module in `zib.demo.content` publishes one part of the seed. Every
step looks its objects up by a stable key (slug, title) and updates them,
so loading twice changes nothing.
"""

import importlib
from dataclasses import dataclass, field

from django.db import transaction

# Order matters: later parts link to pages and people made by earlier ones.
CONTENT_MODULES = [
    "site",
    "images",
    "people",
    "pages",
    "organizations",
    "podcast",
    "events",
    "news",
    "grants",
    "council",
    "languages",
]


@dataclass
class DemoContext:
    """What the parts of the demo share: pages, images and people by key."""

    pages: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


def site_is_empty():
    """True while no demo (or real) start page has been created."""
    from zib.home.models import HomePage

    return not HomePage.objects.exists()


@transaction.atomic
def load_demo(modules=None):
    """Publish every part of the demo content; return the shared context."""
    ctx = DemoContext()
    for name in modules or CONTENT_MODULES:
        module = importlib.import_module(f"zib.demo.content.{name}")
        module.load(ctx)
    # Steps a part registers in ctx.extra["after_load"] because they need the
    # content of later parts (e.g. the moderation workflow on the news index).
    for finish in ctx.extra.get("after_load", []):
        finish(ctx)
    return ctx
