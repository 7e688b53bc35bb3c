"""The events listing: upcoming/past, filters in the URL, pagination, constant queries."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from zib.events import services
from zib.events.models import EventPage

from .factories import CampaignPageFactory, EventPageFactory, ImageFactory

pytestmark = pytest.mark.django_db


def _titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".event-card__title a")]


def _day(offset):
    return timezone.localdate() + datetime.timedelta(days=offset)


@pytest.fixture
def programme(events_index):
    EventPageFactory(parent=events_index, title="Infostand Arabisch", start_date=_day(3), languages=["ar"])
    EventPageFactory(
        parent=events_index,
        title="Online-Abend Ukrainisch",
        kind=EventPage.Kind.ONLINE,
        start_date=_day(5),
        venue_name="",
        street="",
        latitude=None,
        longitude=None,
        online_url="https://meet.example.org/uk",
        languages=["uk", "ru"],
    )
    EventPageFactory(
        parent=events_index,
        title="Workshop Türkisch",
        kind=EventPage.Kind.WORKSHOP,
        start_date=_day(10),
        languages=["tr", "de"],
    )
    EventPageFactory(
        parent=events_index,
        title="Abgesagtes Fest",
        kind=EventPage.Kind.CULTURAL,
        start_date=_day(12),
        status=EventPage.Status.CANCELLED,
        status_note="Wegen Unwetter",
    )
    EventPageFactory(parent=events_index, title="Fachtag vom letzten Monat", start_date=_day(-30))
    return events_index


def test_upcoming_in_date_order_and_cancelled_stay_visible(client, programme):
    response = client.get(programme.url)
    assert response.status_code == 200
    assert not response.cookies
    assert _titles(response) == [
        "Infostand Arabisch",
        "Online-Abend Ukrainisch",
        "Workshop Türkisch",
        "Abgesagt:Abgesagtes Fest",
    ]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".event-card--cancelled .status-badge").get_text(strip=True) == "Abgesagt"
    assert len(soup.find_all("h1")) == 1


def test_past_events(client, programme):
    assert _titles(client.get(programme.url + "?when=past")) == ["Fachtag vom letzten Monat"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("language=ar", ["Infostand Arabisch"]),
        ("language=ru", ["Online-Abend Ukrainisch"]),
        ("kind=workshop", ["Workshop Türkisch"]),
        ("mode=online", ["Online-Abend Ukrainisch"]),
        ("mode=in_person&language=tr", ["Workshop Türkisch"]),
        ("date_from={d4}&date_to={d11}", ["Online-Abend Ukrainisch", "Workshop Türkisch"]),
        ("when=past&language=de", ["Fachtag vom letzten Monat"]),
    ],
)
def test_filters_work_without_javascript_and_stay_in_the_url(client, programme, query, expected):
    query = query.format(d4=_day(4).isoformat(), d11=_day(11).isoformat())
    response = client.get(f"{programme.url}?{query}")
    assert _titles(response) == expected
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("form.event-filters")
    assert form["method"] == "get"
    # The form shows the chosen values again, and every field has a label.
    for pair in query.split("&"):
        name, value = pair.split("=")
        field = form.find(attrs={"name": name})
        shown = field.get("value") if field.name == "input" else field.find("option", selected=True)["value"]
        assert shown == value
    for field in form.find_all(["input", "select"]):
        assert form.find("label", attrs={"for": field["id"]})


@pytest.mark.parametrize(
    "query",
    [
        "language=xx",
        "kind=%3Cscript%3E",
        "date_from=2021-13-45",
        "date_from=99999-01-01",
        "date_to=" + "9" * 5000,
        "page=abc",
        "page=999999999999999999999",
        "page=-1",
        "when=future&mode=car",
        "language=ar&language=%00",
    ],
)
def test_malformed_parameters_never_fail(client, programme, query):
    response = client.get(f"{programme.url}?{query}")
    assert response.status_code == 200
    if "page=" not in query:
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one(".event-filters .error-summary")


def test_my_language_link(client, programme):
    soup = BeautifulSoup(client.get(programme.url).content, "html.parser")
    link = soup.select_one(".my-language a")
    assert link["href"].endswith("?language=de")
    assert link.find("span", lang="de")
    response = client.get(programme.url + link["href"])
    assert _titles(response) == ["Workshop Türkisch", "Abgesagt:Abgesagtes Fest"]
    assert not BeautifulSoup(response.content, "html.parser").select_one(".my-language")


def test_pagination_keeps_filters(client, events_index):
    for n in range(15):
        EventPageFactory(parent=events_index, start_date=_day(n + 1), languages=["ar"])
    response = client.get(events_index.url + "?language=ar")
    assert len(_titles(response)) == events_index.per_page
    soup = BeautifulSoup(response.content, "html.parser")
    next_link = soup.find("a", rel="next")
    assert "language=ar" in next_link["href"] and "page=2" in next_link["href"]
    assert len(_titles(client.get(events_index.url + "?language=ar&page=2"))) == 3


def test_campaign_events_show_their_campaign(client, events_index):
    campaign = CampaignPageFactory(parent=events_index)
    EventPageFactory(parent=campaign, title="Infostand der Aktionswoche")
    soup = BeautifulSoup(client.get(events_index.url).content, "html.parser")
    assert soup.select_one(".event-card").find("a", string=campaign.title)


def test_untranslated_events_appear_in_every_language(events_index):
    arabic = Locale.objects.get_or_create(language_code="ar")[0]
    german_only = EventPageFactory(parent=events_index, title="Nur auf Deutsch")
    translated = EventPageFactory(parent=events_index, title="Übersetzt")
    translation = translated.copy_for_translation(arabic, copy_parents=True)
    translation.title = "مترجم"
    translation.save_revision().publish()
    events = services.upcoming_events(arabic, limit=10)
    assert {event.pk for event in events} == {german_only.pk, translation.pk}
    assert [e.pk for e in services.upcoming_events(Locale.get_default(), limit=10)] == [
        german_only.pk,
        translated.pk,
    ]


def test_upcoming_events_for_the_start_page(events_index, django_assert_num_queries):
    for n in range(5):
        EventPageFactory(parent=events_index, start_date=_day(n + 1), image=ImageFactory())
    EventPageFactory(parent=events_index, start_date=_day(-3))
    locale = Locale.get_default()
    with django_assert_num_queries(6):
        events = services.upcoming_events(locale, limit=3)
        assert [e.start_date for e in events] == [_day(1), _day(2), _day(3)]
        assert [lang.code for lang in events[0].languages.all()] == ["de"]


def _page_queries(client, url):
    cache.clear()  # measure the whole page, not a cached copy
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


def _add_events(parent, campaign, count, image):
    for n in range(count):
        EventPageFactory(
            parent=campaign if n % 2 else parent,
            start_date=_day(n % 60 + 1),
            image=image,
            languages=["ar", "de"] if n % 3 else ["uk"],
            registration_enabled=bool(n % 4 == 0),
        )


def test_listing_query_count_is_the_same_for_10_and_500_events(
    client, rf, events_index, django_assert_num_queries
):
    from zib.events.views import event_listing_context

    campaign = CampaignPageFactory(parent=events_index)
    image = ImageFactory()
    url = events_index.url + "?language=ar"
    _add_events(events_index, campaign, 10, image)
    client.get(url)  # creates the office settings and the image renditions once
    small, _response = _page_queries(client, url)
    with django_assert_num_queries(LISTING_CONTEXT_QUERIES):
        event_listing_context(rf.get(url), events_index)

    _add_events(events_index, campaign, 490, image)
    large, response = _page_queries(client, url)
    assert large == small
    assert len(_titles(response)) == events_index.per_page
    with django_assert_num_queries(LISTING_CONTEXT_QUERIES):
        context = event_listing_context(rf.get(url), events_index)
        assert context["page_obj"].paginator.count == 6 + 326  # the Arabic ones


# The listing's own queries: the languages of live events, default locale, count,
# the page of events, their languages, images, renditions, their campaigns (the
# view restrictions are remembered per cache generation, zib.pages.querysets).
LISTING_CONTEXT_QUERIES = 8


def test_cards_count_only_confirmed_registrations_against_the_capacity(client, events_index):
    from zib.events.models import Registration

    full = EventPageFactory(
        parent=events_index, title="Voll", start_date=_day(1), registration_enabled=True, capacity=2
    )
    open_ = EventPageFactory(
        parent=events_index, title="Frei", start_date=_day(2), registration_enabled=True, capacity=2
    )
    statuses = {
        full: [Registration.Status.CONFIRMED, Registration.Status.CONFIRMED],
        open_: [Registration.Status.CONFIRMED, Registration.Status.WAITING, Registration.Status.CANCELLED],
    }
    for event, event_statuses in statuses.items():
        for n, status in enumerate(event_statuses):
            Registration.objects.create(event=event, status=status, name="A", email=f"person{n}@example.org")

    cards = [services.card_queryset(EventPage.objects.filter(pk=page.pk)).get() for page in (full, open_)]
    assert [card.confirmed_count for card in cards] == [2, 1]
    assert services.card_queryset(EventPage.objects.filter(pk=events_index.pk)).count() == 0

    soup = BeautifulSoup(client.get(events_index.url).content, "html.parser")
    texts = {
        card.select_one(".event-card__title a").get_text(strip=True): card.get_text(" ", strip=True)
        for card in soup.select(".event-card")
    }
    assert "Ausgebucht" in texts["Voll"]
    assert "Ausgebucht" not in texts["Frei"] and "Anmeldung erforderlich" in texts["Frei"]
