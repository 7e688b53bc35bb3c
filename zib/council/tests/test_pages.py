"""Public council pages: members with consent, meetings, agenda, iCal, tree rules."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Page

from zib.council.models import Committee, CouncilPage, Meeting, Membership

from .factories import (
    AgendaItemFactory,
    CommitteeFactory,
    ConsultationFactory,
    CouncilFileFactory,
    MeetingFactory,
    MemberFactory,
    MembershipFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(council_page):
    term = TermFactory(name="Wahlperiode 2024–2029", start_date=datetime.date(2024, 1, 1), end_date=None)
    committee = CommitteeFactory()
    MembershipFactory(
        committee=committee,
        legislative_term=term,
        role=Membership.Role.CHAIR,
        member__person__name="Amira Beispiel",
    )
    MembershipFactory(
        committee=committee,
        legislative_term=term,
        role=Membership.Role.ADVISORY,
        member__person__name="Beratende Person",
        member__is_demo=False,
    )
    MembershipFactory(
        committee=committee,
        legislative_term=term,
        member=MemberFactory(publish_name=False, person__name="Verborgene Person"),
    )
    group = CommitteeFactory(name="AG Bildung", kind=Committee.Kind.WORKING_GROUP, parent=committee)
    return {"term": term, "committee": committee, "group": group}


def test_council_page_shows_consenting_members_by_role(client, council_page, council):
    MeetingFactory(name="Nächste Sitzung", committee=council["committee"])
    response = client.get(council_page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "Amira Beispiel" in text and "Beratende Person" in text
    assert "Verborgene Person" not in text
    roles = [
        h.get_text(strip=True)
        for h in soup.select("#council-members ~ h3, section[aria-labelledby=council-members] h3")
    ]
    assert roles.index("Vorsitz") < roles.index("Beratendes Mitglied")
    assert "Beispieldaten" in text
    assert "Nächste Sitzung" in text
    assert soup.find("a", href="/oparl/v1/system")
    assert "AG Bildung" in text
    assert len(soup.find_all("h1")) == 1


def test_meeting_page_hides_non_public_items(client, council_page, council):
    meeting = MeetingFactory(
        committee=council["committee"],
        state=Meeting.State.HELD,
        start=timezone.now() - datetime.timedelta(days=3),
        results_protocol=CouncilFileFactory(name="Protokoll"),
    )
    public = AgendaItemFactory(meeting=meeting, name="Öffentliches Thema", result="Beschlossen", sort_order=0)
    AgendaItemFactory(
        meeting=meeting, name="Geheimes Thema", public=False, resolution_text="Geheim", sort_order=1
    )
    ConsultationFactory(agenda_item=public, paper__name="Antrag Sprachkurse")
    url = council_page.url + council_page.reverse_subpage("meeting", args=[meeting.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Öffentliches Thema" in html and "Beschlossen" in html
    assert "Geheimes Thema" not in html and "Geheim<" not in html
    assert "Nichtöffentlicher Tagesordnungspunkt" in html
    assert "Antrag Sprachkurse" in html
    assert f"/oparl/v1/file/{meeting.results_protocol.pk}/download" in html
    assert client.post(url).status_code == 405

    paper_url = council_page.url + council_page.reverse_subpage(
        "paper", args=[public.consultations.get().paper_id]
    )
    paper_page = client.get(paper_url)
    assert paper_page.status_code == 200
    assert meeting.name in paper_page.content.decode()  # where it was dealt with


def test_unpublished_meetings_are_not_public(client, council_page, council):
    draft = MeetingFactory(committee=council["committee"], published=False, name="Entwurf")
    url = council_page.url + council_page.reverse_subpage("meeting", args=[draft.pk])
    assert client.get(url).status_code == 404
    listing = client.get(council_page.url + "sitzungen/").content.decode()
    assert "Entwurf" not in listing


def test_ical_feed(client, council_page, council):
    MeetingFactory(name="Reguläre Sitzung", committee=council["committee"])
    MeetingFactory(name="Ausgefallen", committee=council["committee"], state=Meeting.State.CANCELLED)
    MeetingFactory(name="Entwurf", committee=council["committee"], published=False)
    url = council_page.url + "sitzungen/kalender/"
    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"\r\n" in first.content
    calendar = Calendar.from_ical(first.content)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Reguläre Sitzung", "Abgesagt: Ausgefallen"}
    assert str(events["Abgesagt: Ausgefallen"]["STATUS"]) == "CANCELLED"
    assert calendar.walk("VTIMEZONE")
    assert "METHOD" not in calendar
    # Stable UIDs from one request to the next.
    again = Calendar.from_ical(client.get(url).content)
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == sorted(
        str(e["UID"]) for e in events.values()
    )


def test_next_meeting_tag_for_the_start_page(council_page, council):
    MeetingFactory(name="Bald", committee=council["committee"])
    MeetingFactory(
        name="Vorbei", committee=council["committee"], start=timezone.now() - datetime.timedelta(days=1)
    )
    html = Template("{% load council_tags %}{% next_council_meeting %}").render(Context({}))
    assert "Bald" in html and "Vorbei" not in html


def test_tree_rules(home_page, council_page):
    assert CouncilPage.can_exist_under(home_page.specific)
    assert not CouncilPage.can_exist_under(Page.get_first_root_node())
    assert CouncilPage.subpage_types == []
    assert not CouncilPage.can_create_at(home_page)  # one per parent


# Queries of the council page without the page cache: with the in-process
# caches empty (cold) and once they hold the site, the route, the page's
# members, groups and meetings and their fragments (warm). Update them only
# on purpose.
COUNCIL_PAGE_QUERIES_COLD = 23
COUNCIL_PAGE_QUERIES = 0


def test_council_page_query_counts_cold_and_warm(client, council_page, council, forget_local_caches):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    MeetingFactory(name="Nächste Sitzung", committee=council["committee"])
    last_week = timezone.now() - datetime.timedelta(days=3)
    MeetingFactory(name="Letzte Sitzung", committee=council["committee"], start=last_week)
    client.get(council_page.url)
    client.get(council_page.url)  # a fresh site's first request starts a new cache generation
    forget_local_caches()
    with CaptureQueriesContext(connection) as cold:
        client.get(council_page.url)
    with CaptureQueriesContext(connection) as warm:
        response = client.get(council_page.url)
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "Amira Beispiel" in text and "Nächste Sitzung" in text and "Letzte Sitzung" in text
    assert (len(cold.captured_queries), len(warm.captured_queries)) == (
        COUNCIL_PAGE_QUERIES_COLD,
        COUNCIL_PAGE_QUERIES,
    )


def test_remembered_council_page_follows_edits(client, council_page, council):
    def text():
        return BeautifulSoup(client.get(council_page.url).content, "html.parser").get_text(" ", strip=True)

    meeting = MeetingFactory(name="Frühjahrssitzung", committee=council["committee"])
    assert "Frühjahrssitzung" in text() and "Neues Mitglied" not in text()

    membership = MembershipFactory(
        committee=council["committee"],
        legislative_term=council["term"],
        member__person__name="Neues Mitglied",
    )
    MembershipFactory(committee=council["group"], legislative_term=council["term"], member=membership.member)
    soup = BeautifulSoup(client.get(council_page.url).content, "html.parser")
    members = soup.select_one("section[aria-labelledby=council-members]").get_text(" ", strip=True)
    groups = soup.select_one("section[aria-labelledby=council-groups]").get_text(" ", strip=True)
    assert "Neues Mitglied" in members
    assert "Neues Mitglied (Gewähltes Mitglied)" in groups

    # Consent withdrawn: the name goes from the members and the working group.
    member = membership.member
    member.publish_name = False
    member.save()
    assert "Neues Mitglied" not in text()

    meeting.name = "Sommersitzung"
    meeting.save()
    assert "Sommersitzung" in text()
    meeting.published = False
    meeting.save()
    assert "Sommersitzung" not in text() and "Zurzeit ist keine Sitzung terminiert." in text()


def test_remembered_council_page_expires_when_the_next_meeting_starts(
    client, council_page, council, remembered_timeouts, forget_local_caches
):
    soon = timezone.now() + datetime.timedelta(seconds=90)
    MeetingFactory(name="Gleich", committee=council["committee"], start=soon)
    client.get(council_page.url)
    forget_local_caches()
    timeouts = remembered_timeouts
    timeouts.clear()  # only what the request below remembers
    assert "Gleich" in client.get(council_page.url).content.decode()
    kept = [timeout for key, timeout in timeouts.items() if key.startswith("council:")]
    assert len(kept) == 2
    assert all(0 < timeout <= 91 for timeout in kept)


def test_remembered_roles_are_named_in_each_visitors_language(client, council_page, council):
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="en")
    english_url = "/en" + council_page.url[3:]

    def roles(url):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        return [h.get_text(strip=True) for h in soup.select("section[aria-labelledby=council-members] h3")]

    for _ in range(2):  # the second round is recalled
        assert roles(council_page.url)[0] == "Vorsitz"
        assert roles(english_url)[0] == "Chair"
