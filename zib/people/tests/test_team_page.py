"""The team page: today's team, interns labelled, profiles, the "Vorgestellt" feature."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zib.people.models import TeamMembership, TeamPage
from zib.people.services import current_team, get_profile

from .factories import PersonFactory, TeamMembershipFactory, TeamPageFactory

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


pytestmark = pytest.mark.usefixtures("no_page_cache")


@pytest.fixture
def team_page(home_page):
    return TeamPageFactory(parent=home_page)


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def names_on(soup):
    return [h3.get_text(strip=True) for h3 in soup.select(".team-list h3")]


def test_team_page_shows_only_current_members(client, team_page):
    TeamMembershipFactory(person__name="Veronika Kabis")
    TeamMembershipFactory(person__name="Ehemalige Kollegin", end_date=TODAY - DAY)
    TeamMembershipFactory(person__name="Künftige Kollegin", start_date=TODAY + DAY)
    TeamMembershipFactory(person__name="Ohne Daten", start_date=None)
    TeamMembershipFactory(person__name="Letzter Tag", start_date=TODAY - 60 * DAY, end_date=TODAY)
    PersonFactory(name="Uwe Conradt")  # not in the team at all

    soup = soup_of(client.get(team_page.url))
    assert names_on(soup) == ["Letzter Tag", "Ohne Daten", "Veronika Kabis"]


def test_interns_are_labelled_and_listed_after_staff(client, team_page):
    TeamMembershipFactory(
        person__name="Adèle Robart", kind=TeamMembership.Kind.INTERN, end_date=TODAY + 60 * DAY
    )
    TeamMembershipFactory(person__name="Veronika Kabis")
    soup = soup_of(client.get(team_page.url))
    assert names_on(soup) == ["Veronika Kabis", "Adèle Robart"]
    intern_card = soup.select(".team-list li")[1]
    assert "person-card--intern" in intern_card["class"]
    assert intern_card.select_one(".badge").get_text(strip=True) == "Praktikum"
    assert intern_card.get_text().count("Praktikum") == 1
    assert "Praktikum" not in soup.select(".team-list li")[0].get_text()


def test_team_photos_show_their_credit(client, team_page):
    TeamMembershipFactory(person__photo__credit="ZIB")
    soup = soup_of(client.get(team_page.url))
    card = soup.select_one(".team-list li")
    assert card.find("img")["alt"].startswith("Menschen bei einer Veranstaltung")
    assert card.select_one(".credit").get_text(strip=True) == "Bild: ZIB"


def test_person_in_two_current_memberships_is_listed_once(client, team_page):
    membership = TeamMembershipFactory(person__name="Veronika Kabis")
    TeamMembershipFactory(person=membership.person, kind=TeamMembership.Kind.VOLUNTEER)
    assert names_on(soup_of(client.get(team_page.url))) == ["Veronika Kabis"]


def test_profile_shows_photo_role_bio_languages_and_links_back(client, team_page):
    membership = TeamMembershipFactory(
        person__name="Adèle Robart",
        person__slug="adele-robart",
        person__role="Praktikantin",
        person__short_bio="Studentin im Masterstudiengang Border Studies.",
        person__languages="fr, de, en",
        person__photo__credit="ZIB",
        kind=TeamMembership.Kind.INTERN,
    )
    url = team_page.profile_url(membership.person)
    assert url == "/de/team/adele-robart/"
    assert membership.person.get_absolute_url() == url
    soup = soup_of(client.get(url))
    assert soup.find("h1").get_text(strip=True) == "Adèle Robart"
    assert soup.select_one(".lead").get_text(strip=True) == "Praktikantin"
    assert "Border Studies" in soup.get_text()
    assert [li.get_text(strip=True) for li in soup.select(".language-list li")] == [
        "Französisch",
        "Deutsch",
        "Englisch",
    ]
    assert soup.select_one(".person-profile__photo .credit").get_text(strip=True) == "Bild: ZIB"
    crumbs = [a["href"] for a in soup.select("nav.breadcrumbs a")]
    assert crumbs == ["/de/", "/de/team/"]
    assert soup.select_one("nav.breadcrumbs [aria-current]").get_text(strip=True) == "Adèle Robart"


def test_languages_django_does_not_know_are_named_by_the_site(client, team_page):
    membership = TeamMembershipFactory(person__slug="sahin", person__languages="ku, gsg, ckb, xx")
    soup = soup_of(client.get(team_page.profile_url(membership.person)))
    assert [li.get_text(strip=True) for li in soup.select(".language-list li")] == [
        "Kurdisch",
        "Deutsche Gebärdensprache",
        "Zentralkurdisch (Sorani)",
        "xx",
    ]


def test_contact_is_shown_only_with_consent(client, team_page):
    hidden = TeamMembershipFactory(
        person__slug="ohne", person__email="ohne@example.org", person__show_contact=False
    )
    shown = TeamMembershipFactory(
        person__slug="mit", person__email="mit@example.org", person__show_contact=True
    )
    assert "ohne@example.org" not in client.get(team_page.profile_url(hidden.person)).content.decode()
    assert "mit@example.org" in client.get(team_page.profile_url(shown.person)).content.decode()


@pytest.mark.parametrize("slug", ["unbekannt", "uwe-conradt", "kuenftig", "x" * 300])
def test_profile_404_for_unknown_people_and_non_members(client, team_page, slug):
    PersonFactory(name="Uwe Conradt", slug="uwe-conradt")
    TeamMembershipFactory(person__slug="kuenftig", start_date=TODAY + DAY)
    assert client.get(f"{team_page.url}{slug}/").status_code == 404


def test_former_member_keeps_a_profile_marked_as_past(client, team_page):
    membership = TeamMembershipFactory(
        person__slug="ehemalig", start_date=TODAY - 90 * DAY, end_date=TODAY - 30 * DAY
    )
    soup = soup_of(client.get(team_page.profile_url(membership.person)))
    assert "im Team" in soup.select_one(".person-profile .meta").get_text()
    assert get_profile("ehemalig", team_page.locale) is not None


def test_people_outside_the_team_have_no_profile_url(team_page):
    assert PersonFactory().get_absolute_url() is None


def test_team_page_place_in_tree(home_page, team_page):
    from zib.home.models import HomePage
    from zib.pages.models import ContentPage

    assert set(TeamPage.allowed_parent_page_models()) == {HomePage, ContentPage}
    assert TeamPage.allowed_subpage_models() == []
    assert not TeamPage.can_create_at(home_page)  # one team page only


def test_current_team_service_uses_the_locale_and_falls_back(team_page):
    TeamMembershipFactory(person__name="Veronika Kabis")
    from wagtail.models import Locale

    english = Locale.objects.get_or_create(language_code="en")[0]
    assert [m.person.name for m in current_team(english)] == ["Veronika Kabis"]


def count_queries(client, url):
    client.get(url)  # renditions are made on the first visit
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_team_page_query_count_does_not_grow_with_the_team(client, team_page):
    for _ in range(3):
        TeamMembershipFactory()
    TeamMembershipFactory(kind=TeamMembership.Kind.INTERN)
    few = count_queries(client, team_page.url)
    for _ in range(20):
        TeamMembershipFactory()
    many = count_queries(client, team_page.url)
    assert few == many
    assert many <= 22  # chrome (settings, navigation, footer) included


def test_team_page_costs_no_query_when_warm(client, team_page, forget_local_caches):
    for _ in range(3):
        TeamMembershipFactory()
    client.get(team_page.url)  # renditions are made on the first visit
    counts = []
    forget_local_caches()
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(team_page.url).status_code == 200
        counts.append(len(queries))
    # Cold: chrome, route and breadcrumbs as on every page, the team (with the
    # photos' renditions) and the newest introduction; warm: nothing.
    assert counts == [17, 0]


def test_remembered_team_follows_changes_to_memberships_and_people(client, team_page):
    membership = TeamMembershipFactory(person__name="Veronika Kabis")
    assert names_on(soup_of(client.get(team_page.url))) == ["Veronika Kabis"]
    TeamMembershipFactory(person__name="Adèle Robart")
    assert names_on(soup_of(client.get(team_page.url))) == ["Adèle Robart", "Veronika Kabis"]
    membership.end_date = TODAY - DAY
    membership.save()
    assert names_on(soup_of(client.get(team_page.url))) == ["Adèle Robart"]
    person = TeamMembership.objects.get(person__name="Adèle Robart").person
    person.name = "Adèle Robart-Klein"
    person.save()
    soup = soup_of(client.get(team_page.url))
    assert names_on(soup) == ["Adèle Robart-Klein"]
    assert soup.select_one(".team-list h3 a")["href"] == team_page.profile_url(person)


def test_remembered_team_follows_the_date(client, team_page, monkeypatch):
    """Memberships end and begin with the day, without any change that starts a new cache generation."""
    from django.utils import timezone

    TeamMembershipFactory(person__name="Letzter Tag", start_date=TODAY - 60 * DAY, end_date=TODAY)
    TeamMembershipFactory(person__name="Ab morgen", start_date=TODAY + DAY)
    assert names_on(soup_of(client.get(team_page.url))) == ["Letzter Tag"]
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY + DAY)
    assert names_on(soup_of(client.get(team_page.url))) == ["Ab morgen"]
