"""Calendars: a per-event .ics and the subscribable feed, checked against RFC 5545/7986."""

import datetime
import re

import icalendar
import pytest
from django.urls import reverse

from zib.events.models import EventPage

from .factories import CampaignPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def _get(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, response.content[:500]
    return response


def _feed_url(index):
    return reverse("events:calendar_feed")


def _event_url(event):
    return reverse("events:event_calendar", kwargs={"event_id": event.pk})


def _vevents(body):
    return icalendar.Calendar.from_ical(body).walk("VEVENT")


def test_event_ics_is_valid_rfc5545(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        title="Infostand; Impfen, Fragen & Antworten",
        teaser="Lange Beschreibung " * 20,
        languages=["ar", "tr"],
        start_date=datetime.date(2031, 6, 14),
    )
    response = _get(client, _event_url(event))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    # CRLF everywhere, no bare LF, folded lines of at most 75 octets.
    assert b"\r\n" in body
    assert b"\n" not in body.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    assert b"\r\n " in body  # the long description was folded

    calendar = icalendar.Calendar.from_ical(body)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert "METHOD" not in calendar
    assert calendar["NAME"] == event.title
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in body
    assert b"X-PUBLISHED-TTL:PT6H\r\n" in body

    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.pk}@testserver"
    assert vevent["DTSTAMP"].dt.tzinfo is not None
    assert vevent["DTSTAMP"].dt.utcoffset() == datetime.timedelta(0)
    assert b"DTSTAMP:" in body and re.search(rb"DTSTAMP:\d{8}T\d{6}Z\r\n", body)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert vevent["DTSTART"].dt == datetime.datetime(2031, 6, 14, 10, 0, tzinfo=vevent["DTSTART"].dt.tzinfo)
    assert "DTEND" in vevent and "DURATION" not in vevent
    assert str(vevent["SUMMARY"]) == event.title
    assert rb"SUMMARY;LANGUAGE=de:Infostand\; Impfen\, Fragen & Antworten" in body
    assert str(vevent["URL"]) == f"http://testserver{event.url}"
    assert str(vevent["LOCATION"]) == "Rathausplatz, Rathausplatz 1, 66111 Saarbrücken"
    assert vevent["GEO"].latitude == pytest.approx(49.23316)
    assert "Infostand" in vevent["CATEGORIES"].cats
    assert vevent["STATUS"] == "CONFIRMED"
    assert "العربية" in str(vevent["DESCRIPTION"])

    # Every TZID used has its VTIMEZONE, with both transitions.
    (timezone,) = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == "Europe/Berlin"
    assert {component.name for component in timezone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert calendar.get_missing_tzids() == set()


def test_calendar_is_identical_across_requests(client, events_index):
    event = EventPageFactory(parent=events_index)
    first = _get(client, _event_url(event))
    second = _get(client, _event_url(event))
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert client.get(_event_url(event), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_all_day_event_uses_dates_and_no_timezone(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        start_date=datetime.date(2031, 6, 14),
        end_date=datetime.date(2031, 6, 15),
        start_time=None,
        end_time=None,
    )
    body = _get(client, _event_url(event)).content
    (vevent,) = _vevents(body)
    assert b"DTSTART;VALUE=DATE:20310614" in body
    assert vevent["DTEND"].dt == datetime.date(2031, 6, 16)  # exclusive end
    assert b"VTIMEZONE" not in body


def test_event_without_end_has_neither_dtend_nor_duration(client, events_index):
    event = EventPageFactory(parent=events_index, end_time=None)
    (vevent,) = _vevents(_get(client, _event_url(event)).content)
    assert "DTEND" not in vevent and "DURATION" not in vevent


def test_cancelled_event_stays_with_status_cancelled_and_higher_sequence(client, events_index):
    event = EventPageFactory(parent=events_index)
    (before,) = _vevents(_get(client, _feed_url(events_index)).content)
    event.status = EventPage.Status.CANCELLED
    event.save_revision().publish()
    (after,) = _vevents(_get(client, _feed_url(events_index)).content)
    assert after["STATUS"] == "CANCELLED"
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_online_event_has_conference_and_no_geo(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        kind=EventPage.Kind.ONLINE,
        venue_name="",
        street="",
        latitude=None,
        longitude=None,
        online_url="https://meet.example.org/impfen-ar",
    )
    body = _get(client, _event_url(event)).content
    (vevent,) = _vevents(body)
    assert "GEO" not in vevent
    assert str(vevent["LOCATION"]) == "Online"
    unfolded = body.replace(b"\r\n ", b"")
    assert b"CONFERENCE;" in unfolded and b"VALUE=URI" in unfolded
    assert b"https://meet.example.org/impfen-ar" in unfolded


def test_feed_lists_all_events_and_filters_by_language(client, events_index):
    campaign = CampaignPageFactory(parent=events_index)
    arabic = EventPageFactory(parent=campaign, title="Infostand auf Arabisch", languages=["ar", "de"])
    EventPageFactory(parent=events_index, title="Workshop auf Türkisch", languages=["tr"])
    body = _get(client, _feed_url(events_index)).content
    calendar = icalendar.Calendar.from_ical(body)
    assert {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")} == {
        "Infostand auf Arabisch",
        "Workshop auf Türkisch",
    }
    assert len(calendar.walk("VTIMEZONE")) == 1

    body = _get(client, _feed_url(events_index) + "?language=ar").content
    calendar = icalendar.Calendar.from_ical(body)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{arabic.pk}@testserver"
    assert campaign.title in vevent["CATEGORIES"].cats
    assert "العربية" in str(calendar["NAME"])


def test_feed_keeps_the_past_year(client, events_index):
    today = datetime.date.today()
    EventPageFactory(
        parent=events_index, title="Letzten Monat", start_date=today - datetime.timedelta(days=30)
    )
    EventPageFactory(
        parent=events_index, title="Vor zwei Jahren", start_date=today - datetime.timedelta(days=730)
    )
    EventPageFactory(parent=events_index, title="Nächste Woche")
    titles = [str(e["SUMMARY"]) for e in _vevents(_get(client, _feed_url(events_index)).content)]
    assert titles == ["Letzten Monat", "Nächste Woche"]


def test_feed_ignores_malformed_filters_and_refuses_post(client, events_index):
    EventPageFactory(parent=events_index)
    response = _get(client, _feed_url(events_index) + "?language=%00%ff&kind=x" + "y" * 5000 + "&mode[]=1")
    assert len(_vevents(response.content)) == 1
    assert client.post(_feed_url(events_index)).status_code == 405
