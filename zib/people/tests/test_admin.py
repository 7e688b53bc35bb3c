"""The Person snippet in the (German) admin: list, filters, search."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse

from zib.people.models import TeamMembership

from .factories import PersonFactory, TeamMembershipFactory


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw-1234-abcd")
    client.force_login(user)
    return client


def names(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(a.get_text(strip=True) for a in soup.select("table.listing tbody .title-wrapper a"))


@pytest.fixture
def people(home_page):
    TeamMembershipFactory(person__name="Veronika Kabis")
    TeamMembershipFactory(
        person__name="Adèle Robart",
        kind=TeamMembership.Kind.INTERN,
        end_date="2021-07-02",
        start_date="2021-05-03",
    )
    PersonFactory(name="Uwe Conradt", role="Oberbürgermeister")
    PersonFactory(name="Redaktion des ZIB", initials="sbs")


def list_url(query=""):
    return reverse("wagtailsnippets_people_person:list") + query


def test_list_filters_and_search(admin_client, people):
    assert names(admin_client.get(list_url())) == [
        "Adèle Robart",
        "Redaktion des ZIB",
        "Uwe Conradt",
        "Veronika Kabis",
    ]
    assert names(admin_client.get(list_url("?team=current"))) == ["Veronika Kabis"]
    assert names(admin_client.get(list_url("?team=former"))) == ["Adèle Robart"]
    assert names(admin_client.get(list_url("?team=none"))) == ["Redaktion des ZIB", "Uwe Conradt"]
    assert names(admin_client.get(list_url("?kind=intern"))) == ["Adèle Robart"]
    assert names(admin_client.get(list_url("?has_initials=true"))) == ["Redaktion des ZIB"]
    assert names(admin_client.get(list_url("?q=Conradt"))) == ["Uwe Conradt"]


@pytest.mark.parametrize("query", ["?team=xyz", "?kind=%00", "?has_initials=maybe", "?p=abc"])
def test_bad_filter_values_do_not_fail(admin_client, people, query):
    assert admin_client.get(list_url(query)).status_code == 200


def test_admin_is_german(admin_client, people):
    response = admin_client.get(list_url(), HTTP_ACCEPT_LANGUAGE="de")
    text = response.content.decode()
    assert "Personen" in text
    assert "Funktion" in text
