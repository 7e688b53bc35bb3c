"""Listings of the council run the same number of queries for few and many meetings."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .factories import AgendaItemFactory, CommitteeFactory, CouncilFileFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def add_meetings(committee, count):
    for n in range(count):
        meeting = MeetingFactory(
            committee=committee,
            start=timezone.now() - datetime.timedelta(days=n + 1),
            invitation=CouncilFileFactory(),
        )
        AgendaItemFactory(meeting=meeting, sort_order=0)
        AgendaItemFactory(meeting=meeting, sort_order=1, public=False)


def count(client, url):
    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("path", ["sitzungen/", "", "sitzungen/kalender/"])
def test_council_pages(client, council_page, path):
    committee = CommitteeFactory()
    add_meetings(committee, 5)
    url = council_page.url + path
    few = count(client, url)
    add_meetings(committee, 25)
    assert count(client, url) == few


def test_oparl_meeting_list(client, council_page):
    committee = CommitteeFactory()
    add_meetings(committee, 5)
    url = "/oparl/v1/body/1/meeting?elementsPerPage=100"
    few = count(client, url)
    add_meetings(committee, 25)
    assert count(client, url) == few
