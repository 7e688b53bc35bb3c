"""Articles introducing a person ("Das Team des ZIB") on the profile and as the team page's feature."""

import datetime

import pytest
from bs4 import BeautifulSoup

from zib.people.models import Person, TeamMembership

from .factories import PersonFactory, TeamMembershipFactory, TeamPageFactory

pytestmark = [
    pytest.mark.skipif(
        not hasattr(Person, "introductions"), reason="no model introduces people (news app missing)"
    ),
    pytest.mark.usefixtures("no_page_cache"),
]
TODAY = datetime.date.today()


@pytest.fixture
def news_index(home_page):
    from zib.news.tests.factories import NewsIndexPageFactory

    return NewsIndexPageFactory(parent=home_page)


def article(index, person, days_ago, **kwargs):
    from zib.news.tests.factories import NewsArticlePageFactory

    return NewsArticlePageFactory(
        parent=index, introduces=person, date=TODAY - datetime.timedelta(days=days_ago), **kwargs
    )


def test_profile_lists_live_introductions_newest_first(client, home_page, news_index):
    team = TeamPageFactory(parent=home_page)
    adele = TeamMembershipFactory(person__slug="adele-robart", kind=TeamMembership.Kind.INTERN).person
    older = article(news_index, adele, 40, title="Praktikum beim ZIB")
    newer = article(news_index, adele, 5, title="Adèle zieht Bilanz")
    article(news_index, adele, 1, title="Entwurf", live=False)
    article(news_index, PersonFactory(), 2, title="Jemand anderes")

    soup = BeautifulSoup(client.get(team.profile_url(adele)).content, "html.parser")
    listed = [a.get_text(strip=True) for a in soup.select(".person-profile ul.plain-list a")]
    assert listed == [newer.title, older.title]


def test_team_page_features_the_newest_introduction(client, home_page, news_index):
    team = TeamPageFactory(parent=home_page)
    first = TeamMembershipFactory().person
    second = TeamMembershipFactory().person
    article(news_index, first, 30, title="Erste Vorstellung")
    article(news_index, second, 3, title="Zweite Vorstellung")
    article(news_index, PersonFactory(), 1, title="Keine Teamvorstellung")  # not a team member

    soup = BeautifulSoup(client.get(team.url).content, "html.parser")
    feature = soup.select_one(".team-feature")
    assert "Vorgestellt" in feature.find("h2").get_text()
    assert feature.select_one(".team-feature__title a").get_text(strip=True) == "Zweite Vorstellung"


def test_article_links_to_the_profile(home_page, news_index):
    team = TeamPageFactory(parent=home_page)
    adele = TeamMembershipFactory(person__slug="adele-robart").person
    assert adele.get_absolute_url() == team.profile_url(adele)


def test_remembered_feature_follows_publishing_and_unpublishing(client, home_page, news_index):
    team = TeamPageFactory(parent=home_page)
    person = TeamMembershipFactory().person
    article(news_index, person, 30, title="Erste Vorstellung")

    def feature():
        soup = BeautifulSoup(client.get(team.url).content, "html.parser")
        link = soup.select_one(".team-feature__title a")
        return link.get_text(strip=True) if link else None

    assert feature() == "Erste Vorstellung"
    newer = article(news_index, person, 2, title="Zweite Vorstellung")
    assert feature() == "Zweite Vorstellung"
    newer.unpublish()
    assert feature() == "Erste Vorstellung"
