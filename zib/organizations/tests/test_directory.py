"""The public directory: filters in the URL, search, entry pages, stale flag, query counts."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from zib.organizations.models import NetworkDirectoryPage, Organization

from .factories import ContactPersonFactory, DistrictFactory, OrganizationFactory, TopicFactory

pytestmark = pytest.mark.django_db


def names(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".network-entry h2")]


def test_lists_published_entries_only(client, directory):
    OrganizationFactory(name="Sichtbarer Verein")
    OrganizationFactory(name="Versteckter Verein", show_in_directory=False)
    response = client.get(directory.url)
    assert response.status_code == 200
    assert names(response) == ["Sichtbarer Verein"]


def test_filters_by_topic_language_district_and_kind(client, directory):
    health = TopicFactory(name="Gesundheit", slug="gesundheit")
    work = TopicFactory(name="Arbeit", slug="arbeit")
    malstatt = DistrictFactory(name="Malstatt", slug="malstatt")
    OrganizationFactory(name="A Gesundheit arabisch", languages="ar, de", topics=[health], district=malstatt)
    OrganizationFactory(name="B Gesundheit türkisch", languages="tr", topics=[health])
    OrganizationFactory(
        name="C Arbeit arabisch", languages="ar", topics=[work], kind=Organization.Kind.CITY_OFFICE
    )
    # "far" must not match "ar": codes are compared whole.
    OrganizationFactory(name="D Farsi", languages="fa, prs", topics=[health])

    assert names(client.get(directory.url, {"topic": "gesundheit"})) == [
        "A Gesundheit arabisch",
        "B Gesundheit türkisch",
        "D Farsi",
    ]
    assert names(client.get(directory.url, {"topic": "gesundheit", "language": "ar"})) == [
        "A Gesundheit arabisch"
    ]
    assert names(client.get(directory.url, {"district": "malstatt"})) == ["A Gesundheit arabisch"]
    assert names(client.get(directory.url, {"kind": "city_office"})) == ["C Arbeit arabisch"]
    # The filter form shows the state from the URL.
    soup = BeautifulSoup(client.get(directory.url, {"language": "ar"}).content, "html.parser")
    assert soup.select_one("select[name=language] option[selected]")["value"] == "ar"


def test_languages_are_named_in_the_visitors_language(client, directory):
    # "DGS" is how people write German Sign Language; it is stored by its BCP 47 tag.
    organization = OrganizationFactory(name="Gehörlosenverein", languages="ar, DGS, ti")
    assert organization.languages == "ar, gsg, ti"
    soup = BeautifulSoup(client.get(directory.url).content, "html.parser")
    assert (
        "Sprachen: Arabisch, Deutsche Gebärdensprache, Tigrinya"
        in soup.select_one(".network-entry").get_text()
    )
    options = {o["value"]: o.get_text() for o in soup.select("select[name=language] option")}
    assert options["gsg"] == "Deutsche Gebärdensprache"
    assert names(client.get(directory.url, {"language": "gsg"})) == ["Gehörlosenverein"]


def test_full_text_search(client, directory):
    OrganizationFactory(name="Sprachcafé Malstatt", description="Deutsch üben bei Kaffee")
    OrganizationFactory(name="Sportverein", description="Fußball für alle")
    assert names(client.get(directory.url, {"q": "Kaffee"})) == ["Sprachcafé Malstatt"]
    assert names(client.get(directory.url, {"q": "Fußball"})) == ["Sportverein"]


@pytest.mark.parametrize(
    "params",
    [
        {"topic": "<script>"},
        {"language": "x" * 5000},
        {"kind": "nonsense", "page": "abc"},
        {"page": "99999999999999999999"},
        {"page": "-1"},
        {"q": "a" * 5000},
        {"district": "\x00"},
    ],
)
def test_malformed_filters_never_fail(client, directory, params):
    OrganizationFactory(name="Verein")
    response = client.get(directory.url, params)
    assert response.status_code == 200


def test_unknown_filter_value_is_ignored_with_a_notice(client, directory):
    OrganizationFactory(name="Verein")
    response = client.get(directory.url, {"topic": "gibt-es-nicht"})
    assert names(response) == ["Verein"]
    assert "nicht verstehen" in response.content.decode()


def test_wrong_method_is_refused(client, directory):
    assert client.post(directory.url).status_code == 405


def test_entry_page_shows_everything_and_only_consenting_contacts(client, directory):
    entry = OrganizationFactory(
        name="PuGiS e.V.",
        slug="pugis-ev",
        consultation_hours="Mo 9–12 Uhr",
        phone="+49 681 1234",
        latitude="49.236100",
        longitude="6.995200",
    )
    ContactPersonFactory(organization=entry, name="Zustimmende Person")
    ContactPersonFactory(organization=entry, name="Geheime Person", consent_to_publish=False)
    response = client.get(directory.url + "pugis-ev/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mo 9–12 Uhr" in html
    assert "Zustimmende Person" in html
    assert "Geheime Person" not in html
    # The map is opt-in: no openstreetmap link until the visitor asks.
    assert "openstreetmap.org" not in html
    asked = client.get(directory.url + "pugis-ev/", {"karte": "1"}).content.decode()
    assert "openstreetmap.org/?mlat=49.236100" in asked
    assert "IP-Adresse" in asked
    assert client.get(directory.url + "gibt-es-nicht/").status_code == 404


def test_stale_entries_say_so_publicly(client, directory):
    OrganizationFactory(
        name="Alt", slug="alt", last_confirmed_at=timezone.localdate() - datetime.timedelta(days=800)
    )
    OrganizationFactory(name="Neu", slug="neu", last_confirmed_at=timezone.localdate())
    listing = BeautifulSoup(client.get(directory.url).content, "html.parser")
    stale = [
        e.find("h2").get_text(strip=True)
        for e in listing.select(".network-entry")
        if e.select(".network-stale")
    ]
    assert stale == ["Alt"]
    assert "Zuletzt bestätigt im" in client.get(directory.url + "alt/").content.decode()


def test_listing_query_count_is_the_same_for_5_and_100_entries(
    client, page_queries, directory, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_ENABLED = False  # measure the view, not the page cache
    health = TopicFactory(slug="gesundheit")
    district = DistrictFactory()
    for _ in range(5):
        OrganizationFactory(topics=[health], district=district)
    few = page_queries(directory.url, {"topic": "gesundheit"}, warm_ups=2)[0]
    for _ in range(95):
        OrganizationFactory(topics=[health], district=district)
    client.get(directory.url, {"topic": "gesundheit"})
    client.get(directory.url, {"topic": "gesundheit"})
    with django_assert_num_queries(few):
        response = client.get(directory.url, {"topic": "gesundheit"})
    assert len(names(response)) == directory.per_page


def test_tree_rules(home_page, directory):
    assert NetworkDirectoryPage.can_exist_under(home_page.specific)
    assert not NetworkDirectoryPage.can_exist_under(directory)  # no children, not under itself
    assert NetworkDirectoryPage.subpage_types == []
    # One directory per parent.
    assert not NetworkDirectoryPage.can_create_at(home_page)
    assert not NetworkDirectoryPage.can_exist_under(Page.get_first_root_node())


def test_entry_breadcrumbs_keep_the_visitors_language(client, directory):
    OrganizationFactory(name="PuGiS e.V.", slug="pugis-ev")
    soup = BeautifulSoup(client.get("/uk" + directory.url[3:] + "pugis-ev/").content, "html.parser")
    trail = soup.find("nav", class_="breadcrumbs")
    hrefs = [a["href"] for a in trail.find_all("a")]
    assert hrefs == ["/uk/", "/uk" + directory.url[3:]]
    assert trail.find("span", attrs={"aria-current": "page"}).get_text() == "PuGiS e.V."


# Queries of the listing without the page cache: with the in-process caches
# empty (cold) and once they hold the site, the route, the filters' choices,
# the listing's ids and the cards (warm). The same for 5 and for 100 entries;
# update them only on purpose.
LISTING_QUERIES_COLD = 18
LISTING_QUERIES = 0


def _cold_and_warm(client, url, params, forget):
    client.get(url, params)
    client.get(url, params)  # a fresh site's first request starts a new cache generation
    forget()
    with CaptureQueriesContext(connection) as cold:
        client.get(url, params)
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(cold.captured_queries), len(warm.captured_queries), response


@pytest.mark.parametrize("count", [5, 100])
def test_listing_query_counts_cold_and_warm(client, directory, count, no_page_cache, forget_local_caches):
    health = TopicFactory(slug="gesundheit")
    district = DistrictFactory()
    for _ in range(count):
        OrganizationFactory(topics=[health], district=district, languages="de, ar, tr")
    for params in ({}, {"topic": "gesundheit", "language": "ar"}):
        cold, warm, response = _cold_and_warm(client, directory.url, params, forget_local_caches)
        assert (cold, warm) == (LISTING_QUERIES_COLD, LISTING_QUERIES), params
        assert len(names(response)) == min(count, directory.per_page)


def test_remembered_listing_follows_edits(client, directory, no_page_cache):
    health = TopicFactory(name="Gesundheit", slug="gesundheit")
    first = OrganizationFactory(name="A Verein", topics=[health], languages="de")
    OrganizationFactory(name="B Verein", languages="de")
    assert names(client.get(directory.url)) == ["A Verein", "B Verein"]
    assert names(client.get(directory.url, {"topic": "gesundheit"})) == ["A Verein"]

    # A new entry, a changed name and a new language show at once.
    OrganizationFactory(name="C Verein", topics=[health], languages="uk")
    first.name = "D Verein"
    first.save()
    soup = BeautifulSoup(client.get(directory.url).content, "html.parser")
    assert [h.get_text(strip=True) for h in soup.select(".network-entry h2")] == [
        "B Verein",
        "C Verein",
        "D Verein",
    ]
    assert "uk" in [o["value"] for o in soup.select("select[name=language] option")]
    assert names(client.get(directory.url, {"topic": "gesundheit"})) == ["C Verein", "D Verein"]
    assert names(client.get(directory.url, {"language": "uk"})) == ["C Verein"]

    # An entry taken out of the directory disappears from every listing.
    first.show_in_directory = False
    first.save()
    assert names(client.get(directory.url)) == ["B Verein", "C Verein"]
    assert names(client.get(directory.url, {"topic": "gesundheit"})) == ["C Verein"]

    # A new topic is offered as a filter at once.
    TopicFactory(name="Sport", slug="sport")
    soup = BeautifulSoup(client.get(directory.url).content, "html.parser")
    assert "sport" in [o["value"] for o in soup.select("select[name=topic] option")]


def test_remembered_filters_keep_each_visitors_state(client, directory, no_page_cache):
    TopicFactory(name="Gesundheit", slug="gesundheit")
    OrganizationFactory(name="Verein", languages="ar")

    def selected(params):
        soup = BeautifulSoup(client.get(directory.url, params).content, "html.parser")
        select = soup.select_one("select[name=topic]")
        option = select.select_one("option[selected]")
        return option["value"] if option else None, select.get("aria-invalid")

    for _ in range(2):  # the second round comes from the remembered fragments
        assert selected({}) == ("", None)
        assert selected({"topic": "gesundheit"}) == ("gesundheit", None)
        assert selected({"topic": "gibt-es-nicht"}) == (None, "true")
        assert selected({"topic": ""}) == ("", None)
        assert selected({"page": "1"}) == ("", None)  # no filter: the form of the unfiltered directory
    soup = BeautifulSoup(client.get(directory.url, {"q": "Café <b>"}).content, "html.parser")
    assert soup.select_one("#id_q")["value"] == "Café <b>"
    soup = BeautifulSoup(client.get(directory.url).content, "html.parser")
    assert not soup.select_one("#id_q").get("value")


def test_search_results_are_never_remembered(client, directory, no_page_cache, monkeypatch):
    from zib.pages import listings

    OrganizationFactory(name="Sprachcafé Malstatt", description="Deutsch üben bei Kaffee")
    OrganizationFactory(name="Sportverein", description="Fußball für alle")
    remembered = []
    original = listings.remembered_ids

    def spy(key, queryset):
        remembered.append(key)
        return original(key, queryset)

    monkeypatch.setattr(listings, "remembered_ids", spy)
    assert names(client.get(directory.url, {"q": "Kaffee", "kind": "association"})) == ["Sprachcafé Malstatt"]
    assert names(client.get(directory.url, {"q": "Fußball"})) == ["Sportverein"]
    assert remembered == []
    assert names(client.get(directory.url, {"kind": "association"})) == ["Sportverein", "Sprachcafé Malstatt"]
    assert len(remembered) == 1


def test_cards_in_the_visitors_language(client, directory, no_page_cache):
    from wagtail.models import Locale

    entry = OrganizationFactory(name="Beratungsstelle", languages="de")
    ukrainian = Locale.objects.get_or_create(language_code="uk")[0]
    translation = entry.copy_for_translation(ukrainian)
    translation.name = "Консультаційний центр"
    translation.save()
    url = "/uk" + directory.url[3:]
    for _ in range(2):
        assert names(client.get(directory.url)) == ["Beratungsstelle"]
        assert names(client.get(url)) == ["Консультаційний центр"]


def test_a_filter_not_understood_points_to_its_message(client, directory, no_page_cache):
    """The field says which message describes it, and that message is there, with the visitor's value."""
    for value in ("gibt-es-nicht", "auch-nicht"):
        soup = BeautifulSoup(client.get(directory.url, {"topic": value}).content, "html.parser")
        select = soup.select_one("select[name=topic]")
        assert select["aria-invalid"] == "true"
        message = soup.find(id=select["aria-describedby"])
        assert message is not None and value in message.get_text()


def test_the_search_field_is_a_search_input(client, directory):
    html = client.get(directory.url).content.decode()
    field = BeautifulSoup(html, "html.parser").select_one("#id_q")
    assert field["type"] == "search"
    tag = next(tag for tag in re.findall(r"<input[^>]*>", html) if 'id="id_q"' in tag)
    assert tag.count("type=") == 1
