"""Template helpers for events: dates in the visitor's language."""

import functools

from django import template
from django.utils.formats import date_format, time_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ..cards import StandIn

register = template.Library()


@register.filter
def loaded(value):
    """The object itself: a stand-in (``zib.events.cards``) loads it, with the others of its page."""
    return value.load() if isinstance(value, StandIn) else value


def day_label(value):
    """A day in the visitor's language, e.g. "Montag, 14. Juni 2021"."""
    return f"{date_format(value, 'l')}, {date_format(value, 'DATE_FORMAT')}"


@register.simple_tag
def event_when(event):
    """When an event takes place, e.g. "Montag, 14. Juni 2021, 10:00–12:00" (local time, localised)."""
    return _when(get_language(), event.start_date, event.start_time, event.end_date, event.end_time)


@functools.lru_cache(maxsize=4096)
def _when(language, start_date, start_time, end_date, end_time):
    # The language is part of the key: the text is formatted in the active language.
    if end_date and end_date != start_date:
        text = f"{day_label(start_date)} – {day_label(end_date)}"
        if start_time:
            start = f"{day_label(start_date)}, {time_format(start_time)}"
            text = f"{start} – {day_label(end_date)}"
            if end_time:
                text += f", {time_format(end_time)}"
        return text
    text = day_label(start_date)
    if start_time:
        text += f", {time_format(start_time)}"
        if end_time:
            text += f"–{time_format(end_time)}"
    return text


@register.simple_tag
def event_iso_start(event):
    """The start for `<time datetime>`: a date for all-day events, else date-time with offset."""
    if event.is_all_day:
        return event.start_date.isoformat()
    return event.local_start.isoformat()


@register.simple_tag
def language_filter_items(languages, selected):
    """The ``<li>`` of each language of a programme's language filter (links set by the view).

    One Python loop instead of a template loop over every language.
    """
    current = mark_safe(' aria-current="true"')
    return format_html_join(
        "\n",
        '<li><a href="{}#programm" lang="{}" dir="{}" hreflang="{}"{}>{}</a></li>',
        (
            (
                language.filter_url,
                language.code,
                language.direction,
                language.code,
                current if language == selected else "",
                language.native_name,
            )
            for language in languages
        ),
    )
