"""Blocks other apps may use: a video statement or trailer inside a body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class VideoBlock(blocks.StructBlock):
    """A self-hosted video (statement, trailer) with captions; nothing loads before "Abspielen"."""

    video = SnippetChooserBlock("events.Video", label=_("Video"))

    class Meta:
        icon = "media"
        label = _("Video (mit Untertiteln)")
        template = "events/blocks/video_block.html"
