"""Listings of the council run the same number of queries for few and many meetings."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zib.council.models import Committee
from zib.images.tests.factories import CustomImageFactory

from .factories import (
    AgendaItemFactory,
    CommitteeFactory,
    CouncilFileFactory,
    MeetingFactory,
    MemberFactory,
    MembershipFactory,
    PersonFactory,
)

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


def add_members(council, working_group, count):
    for _ in range(count):
        member = MemberFactory(person=PersonFactory(photo=CustomImageFactory()), publish_photo=True)
        MembershipFactory(member=member, committee=council, legislative_term=None)
        MembershipFactory(member=member, committee=working_group, legislative_term=None)


def count_with_empty_cache(client, url):
    client.get(url)
    client.get(url)
    cache.clear()  # renditions are cached: measure the database work behind them
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_council_page_with_member_photos(client, council_page):
    """The photos' renditions are fetched for all members at once."""
    council = CommitteeFactory()
    working_group = CommitteeFactory(name="AG Bildung", kind=Committee.Kind.WORKING_GROUP)
    add_members(council, working_group, 3)
    few = count_with_empty_cache(client, council_page.url)
    add_members(council, working_group, 15)
    assert count_with_empty_cache(client, council_page.url) == few
    assert client.get(council_page.url).content.decode().count('width="96" height="96"') == 18


def test_oparl_meeting_list(client, council_page):
    committee = CommitteeFactory()
    add_meetings(committee, 5)
    url = "/oparl/v1/body/1/meeting?elementsPerPage=100"
    few = count(client, url)
    add_meetings(committee, 25)
    assert count(client, url) == few
