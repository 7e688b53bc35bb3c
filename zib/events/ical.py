"""iCalendar (RFC 5545, RFC 7986) for events: one event as .ics, and subscribable feeds.

Built with the `icalendar` library, which escapes text, folds lines at 75
octets and ends lines with CRLF.
"""

import datetime
from functools import cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import (
    Calendar,
    Conference,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDuration,
)

PRODID = "-//Zuwanderungs- und Integrationsbuero Saarbruecken//ZIB-Portal//DE"
REFRESH_INTERVAL = datetime.timedelta(hours=6)

STATUS_MAP = {
    "scheduled": "CONFIRMED",
    "rescheduled": "CONFIRMED",
    "moved_online": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}


@cache
def vtimezone(tzid):
    """The VTIMEZONE for `tzid`.

    Europe/Berlin is written with the EU's yearly rules (last Sunday of March
    and October), the compact form every calendar app understands; other
    zones are derived from the tz database by icalendar.
    """
    if tzid != "Europe/Berlin":
        return Timezone.from_tzid(tzid)
    tz = Timezone()
    tz.add("TZID", tzid)
    tz.add("X-LIC-LOCATION", tzid)
    # Summer time from the last Sunday of March 02:00, winter time from the last Sunday of October 03:00.
    tz.add_component(_observance(TimezoneDaylight(), "CEST", 1, 2, datetime.datetime(1970, 3, 29, 2, 0, 0)))
    tz.add_component(_observance(TimezoneStandard(), "CET", 2, 1, datetime.datetime(1970, 10, 25, 3, 0, 0)))
    return tz


def _observance(component, name, hours_from, hours_to, start):
    """A yearly switch of the UTC offset on the last Sunday of `start`'s month."""
    component.add("TZNAME", name)
    component.add("TZOFFSETFROM", datetime.timedelta(hours=hours_from))
    component.add("TZOFFSETTO", datetime.timedelta(hours=hours_to))
    component.add("DTSTART", start)
    component.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": start.month, "BYDAY": "-1SU"})
    return component


def _utc(value):
    return value.astimezone(datetime.UTC)


def event_uid(event, host):
    """A UID that never changes for this event page (RFC 5545, 3.8.4.7)."""
    return f"event-{event.pk}@{host}"


def event_component(event, *, host, url, campaign_title=""):
    """One VEVENT for an EventPage."""
    language = event.locale.language_code if event.locale_id else settings.LANGUAGE_CODE
    vevent = Event()
    vevent.add("UID", event_uid(event, host))
    # Without METHOD, DTSTAMP is the time the event was last changed (RFC 5545, 3.8.7.2),
    # which keeps the file the same from one request to the next.
    stamp = event.last_published_at or event.latest_revision_created_at or event.starts_at
    vevent.add("DTSTAMP", _utc(stamp))
    if event.first_published_at:
        vevent.add("CREATED", _utc(event.first_published_at))
    if event.last_published_at:
        vevent.add("LAST-MODIFIED", _utc(event.last_published_at))
    vevent.add("SEQUENCE", event.sequence)

    if event.is_all_day:
        vevent.add("DTSTART", event.start_date)
        # DTEND of an all-day event is the day after (exclusive end).
        vevent.add("DTEND", event.last_day + datetime.timedelta(days=1))
    else:
        vevent.add("DTSTART", event.local_start)
        if event.local_end is not None:
            vevent.add("DTEND", event.local_end)

    summary = event.title
    if event.is_cancelled:
        # Some calendar apps ignore STATUS; the title says it too.
        summary = _("Abgesagt: %(title)s") % {"title": event.title}
    vevent.add("SUMMARY", summary, parameters={"LANGUAGE": language})

    description = [event.teaser] if event.teaser else []
    if event.status_note:
        description.append(event.status_note)
    languages = [lang.native_name for lang in event.languages.all()]
    if languages:
        description.append(_("Sprachen: %(languages)s") % {"languages": ", ".join(languages)})
    description.append(url)
    vevent.add("DESCRIPTION", "\n\n".join(description), parameters={"LANGUAGE": language})

    vevent.add("URL", url, parameters={"VALUE": "URI"})
    if event.has_place and event.status != event.Status.MOVED_ONLINE:
        vevent.add("LOCATION", event.address_line)
        if event.has_geo:
            vevent.add("GEO", (float(event.latitude), float(event.longitude)))
    elif event.is_online:
        vevent.add("LOCATION", _("Online"))
    if event.online_url:
        vevent.conferences = [Conference(event.online_url, feature="VIDEO", label=_("Online teilnehmen"))]

    categories = [str(event.get_kind_display())]
    if campaign_title:
        categories.append(campaign_title)
    vevent.add("CATEGORIES", categories)
    vevent.add("STATUS", STATUS_MAP.get(event.status, "CONFIRMED"))
    vevent.add("CLASS", "PUBLIC")
    vevent.add("TRANSP", "TRANSPARENT")
    return vevent


def build_calendar(events, *, name, host, urls, campaign_titles=None, source_url="", language=None):
    """A VCALENDAR with the given events and the VTIMEZONE they need; returns bytes."""
    campaign_titles = campaign_titles or {}
    with translation.override(language or translation.get_language()):
        calendar = Calendar()
        calendar.add("PRODID", PRODID)
        calendar.add("VERSION", "2.0")
        calendar.add("CALSCALE", "GREGORIAN")
        calendar.add("NAME", name)
        calendar.add("X-WR-CALNAME", name)
        calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        # The older name of the same hint, read by Outlook.
        calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL).to_ical().decode())
        if source_url:
            calendar.add("SOURCE", source_url, parameters={"VALUE": "URI"})
        components = [
            event_component(
                event, host=host, url=urls[event.pk], campaign_title=campaign_titles.get(event.pk, "")
            )
            for event in events
        ]
        if any(not event.is_all_day for event in events):
            calendar.add_component(vtimezone(settings.TIME_ZONE))
        for component in components:
            calendar.add_component(component)
        return calendar.to_ical()
