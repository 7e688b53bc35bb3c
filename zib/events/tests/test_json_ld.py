"""JSON-LD `Event` on event pages, as Google documents it."""

import datetime
import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from zib.events.models import EventPage

from .factories import EventPageFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _json_ld(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    scripts = BeautifulSoup(response.content, "html.parser").find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_in_person_event(client, events_index):
    org = OrganizationFactory(name="PuGiS e.V.", slug="pugis-ev", website="https://pugis.example/")
    event = EventPageFactory(
        parent=events_index,
        start_date=datetime.date(2031, 6, 14),
        languages=["ar", "fa"],
        organisers=[org],
    )
    data = _json_ld(client, event)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["startDate"] == "2031-06-14T10:00:00+02:00"
    assert data["endDate"] == "2031-06-14T12:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Rathausplatz 1",
        "postalCode": "66111",
        "addressLocality": "Saarbrücken",
        "addressCountry": "DE",
    }
    assert data["location"]["geo"]["latitude"] == pytest.approx(49.23316)
    assert data["organizer"] == [
        {"@type": "Organization", "name": "PuGiS e.V.", "url": "https://pugis.example/"}
    ]
    assert data["inLanguage"] == ["ar", "fa"]
    assert data["offers"]["price"] == "0"
    assert data["offers"]["priceCurrency"] == "EUR"


def test_mixed_event_has_place_and_virtual_location(client, events_index):
    event = EventPageFactory(
        parent=events_index, online_url="https://meet.example.org/x", price=Decimal("5.00"), languages=["uk"]
    )
    data = _json_ld(client, event)
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [location["@type"] for location in data["location"]] == ["Place", "VirtualLocation"]
    assert data["location"][1]["url"] == "https://meet.example.org/x"
    assert data["inLanguage"] == "uk"
    assert data["offers"]["price"] == "5"


@pytest.mark.parametrize(
    ("status", "schema_status", "mode"),
    [
        (EventPage.Status.CANCELLED, "EventCancelled", "MixedEventAttendanceMode"),
        (EventPage.Status.POSTPONED, "EventPostponed", "MixedEventAttendanceMode"),
        (EventPage.Status.RESCHEDULED, "EventRescheduled", "MixedEventAttendanceMode"),
        (EventPage.Status.MOVED_ONLINE, "EventMovedOnline", "OnlineEventAttendanceMode"),
    ],
)
def test_status(client, events_index, status, schema_status, mode):
    event = EventPageFactory(parent=events_index, status=status, online_url="https://meet.example.org/y")
    data = _json_ld(client, event)
    assert data["eventStatus"] == f"https://schema.org/{schema_status}"
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}"
    if status == EventPage.Status.MOVED_ONLINE:
        assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/y"}


def test_script_content_cannot_break_out_of_the_script_element(client, events_index):
    event = EventPageFactory(parent=events_index, title="</script><script>alert(1)</script>")
    response = client.get(event.url)
    assert b"</script><script>alert(1)" not in response.content
    assert _json_ld(client, event)["name"] == event.title


def test_all_day_event_has_a_date(client, events_index):
    event = EventPageFactory(
        parent=events_index, start_time=None, end_time=None, start_date=datetime.date(2031, 1, 2)
    )
    assert _json_ld(client, event)["startDate"] == "2031-01-02"


def test_office_is_the_organizer_when_no_organisation_is_named(client, events_index):
    event = EventPageFactory(parent=events_index)
    organizer = _json_ld(client, event)["organizer"]
    assert organizer["@type"] == "Organization"
    assert organizer["name"] == "Zuwanderungs- und Integrationsbüro (ZIB)"
    assert organizer["url"] == "http://testserver/"
