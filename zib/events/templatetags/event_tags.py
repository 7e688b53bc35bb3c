"""Template helpers for events: dates in the visitor's language."""

from django import template
from django.utils.formats import date_format, time_format

from ..cards import EventCard

register = template.Library()


@register.filter
def loaded(event):
    """The event of a card: a listing's ``EventCard`` loads it (with the other cards of its page)."""
    return event.load() if isinstance(event, EventCard) else event


def _day(value):
    return f"{date_format(value, 'l')}, {date_format(value, 'DATE_FORMAT')}"


@register.simple_tag
def event_when(event):
    """When an event takes place, e.g. "Montag, 14. Juni 2021, 10:00–12:00" (local time, localised)."""
    if event.is_multi_day:
        text = f"{_day(event.start_date)} – {_day(event.end_date)}"
        if event.start_time:
            text = f"{_day(event.start_date)}, {time_format(event.start_time)} – {_day(event.end_date)}"
            if event.end_time:
                text += f", {time_format(event.end_time)}"
        return text
    text = _day(event.start_date)
    if event.start_time:
        text += f", {time_format(event.start_time)}"
        if event.end_time:
            text += f"–{time_format(event.end_time)}"
    return text


@register.simple_tag
def event_iso_start(event):
    """The start for `<time datetime>`: a date for all-day events, else date-time with offset."""
    if event.is_all_day:
        return event.start_date.isoformat()
    return event.local_start.isoformat()
