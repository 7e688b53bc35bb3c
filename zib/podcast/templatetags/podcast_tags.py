"""Template helpers of the podcast pages: durations and JSON-LD."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

register = template.Library()


def _hours_minutes_seconds(seconds):
    """3725 -> (1, 2, 5); None for a value that is not a number."""
    try:
        seconds = int(seconds or 0)
    except (TypeError, ValueError):
        return None
    hours, rest = divmod(seconds, 3600)
    return (hours, *divmod(rest, 60))


@register.filter
def clock(seconds):
    """3725 -> "1:02:05", 95 -> "1:35" (for people and for #t= links)."""
    parts = _hours_minutes_seconds(seconds)
    if parts is None:
        return ""
    hours, mins, secs = parts
    return f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins}:{secs:02d}"


@register.filter
def iso_duration(seconds):
    """3725 -> "PT1H2M5S" (schema.org duration)."""
    parts = _hours_minutes_seconds(seconds)
    if parts is None:
        return ""
    hours, mins, secs = parts
    return "PT" + (f"{hours}H" if hours else "") + (f"{mins}M" if mins else "") + f"{secs}S"


@register.filter
def minutes(seconds):
    """Rounded minutes for "34 Min."."""
    try:
        return max(1, round(int(seconds or 0) / 60))
    except (TypeError, ValueError):
        return ""


@register.simple_tag
def jsonld(data):
    """A <script type="application/ld+json"> data block; "<" is escaped so it cannot end the block."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
