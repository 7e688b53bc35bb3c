"""The events listing: upcoming/past, filters in the URL, pagination, constant queries."""

import datetime

import pytest
from bs4 import BeautifulSoup
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
    client, page_queries, rf, events_index, django_assert_num_queries, no_page_cache, forget_local_caches
):
    from zib.events.views import event_listing_context

    campaign = CampaignPageFactory(parent=events_index)
    image = ImageFactory()
    url = events_index.url + "?language=ar"
    _add_events(events_index, campaign, 10, image)
    client.get(url)  # creates the office settings and the image renditions once
    small_cold, _response = page_queries(url, cold=True)
    small, _response = page_queries(url)
    forget_local_caches()
    with django_assert_num_queries(LISTING_CONTEXT_QUERIES_COLD):
        event_listing_context(rf.get(url), events_index)
    with django_assert_num_queries(0):
        event_listing_context(rf.get(url), events_index)

    _add_events(events_index, campaign, 490, image)
    large_cold, response = page_queries(url, cold=True)
    assert len(_titles(response)) == events_index.per_page
    large, response = page_queries(url)
    assert len(_titles(response)) == events_index.per_page
    assert (small_cold, small) == (large_cold, large) == (LISTING_PAGE_QUERIES_COLD, LISTING_PAGE_QUERIES)
    forget_local_caches()
    with django_assert_num_queries(LISTING_CONTEXT_QUERIES_COLD):
        context = event_listing_context(rf.get(url), events_index)
        assert context["page_obj"].paginator.count == 6 + 326  # the Arabic ones


# The listing's own queries with empty in-process caches: the languages of live
# events, the default locale, the restricted sections (zib.pages.querysets), the
# ids of the listing, the day and campaign of the page's events (2). The events
# themselves are loaded only to render cards that are not remembered yet. Warm, the
# listing runs no query (was 8 every time).
LISTING_CONTEXT_QUERIES_COLD = 6
# The whole page, cold: these, the events of the page with their languages, images,
# renditions and campaigns (5) for the cards, the site, the route and the chrome.
# Warm (the cards, the filter form and the chrome remembered): none at all.
LISTING_PAGE_QUERIES_COLD = 23
LISTING_PAGE_QUERIES = 0


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


def test_remembered_listing_follows_publishing_editing_and_registrations(client, programme, no_page_cache):
    """The ids, the cards and the filter form are remembered per cache generation: every change shows."""
    from zib.events.models import Registration

    url = programme.url
    assert _titles(client.get(url)) == [
        "Infostand Arabisch",
        "Online-Abend Ukrainisch",
        "Workshop Türkisch",
        "Abgesagt:Abgesagtes Fest",
    ]
    assert _titles(client.get(url)) == _titles(client.get(url))  # from the in-process caches

    # Editing an event shows on its (remembered) card.
    event = EventPage.objects.get(title="Infostand Arabisch")
    event.title = "Infostand auf Arabisch"
    event.registration_enabled = True
    event.capacity = 1
    event.save_revision().publish()
    assert _titles(client.get(url))[0] == "Infostand auf Arabisch"

    # A registration that fills the event: "Ausgebucht" on its card.
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert "Ausgebucht" not in soup.select(".event-card")[0].get_text()
    Registration.objects.create(
        event=event, status=Registration.Status.CONFIRMED, name="A", email="a@example.org"
    )
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert "Ausgebucht" in soup.select(".event-card")[0].get_text()

    # Unpublishing takes an event out of the listing and its count.
    EventPage.objects.get(title="Workshop Türkisch").unpublish()
    response = client.get(url)
    assert "Workshop Türkisch" not in _titles(response)
    assert "3 Veranstaltungen gefunden" in response.content.decode()

    # A new event appears, and its language is offered in the (remembered) filter form.
    EventPageFactory(parent=programme, title="Erzählcafé Farsi", start_date=_day(4), languages=["fa"])
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert _titles(client.get(url))[1] == "Erzählcafé Farsi"
    assert soup.select_one('#filter-language option[value="fa"]') is not None
    assert _titles(client.get(url + "?language=fa")) == ["Erzählcafé Farsi"]

    # The remembered page of ids with another filter is its own.
    assert _titles(client.get(url + "?language=ar")) == ["Infostand auf Arabisch"]
    assert _titles(client.get(url + "?when=past")) == ["Fachtag vom letzten Monat"]


def test_filter_form_shows_the_values_of_each_request(client, programme, no_page_cache):
    """The filter form is remembered per submitted values; one with errors is rendered afresh."""

    def shown(query):
        form = BeautifulSoup(client.get(f"{programme.url}?{query}").content, "html.parser").select_one(
            "form.event-filters"
        )
        return {
            "kind": form.select_one("#filter-kind option[selected]")["value"]
            if form.select_one("#filter-kind option[selected]")
            else "",
            "date_from": form.select_one("#filter-date_from").get("value", ""),
            "errors": bool(form.select_one(".error-summary")),
        }

    for _repeat in range(2):
        assert shown("kind=workshop") == {"kind": "workshop", "date_from": "", "errors": False}
        assert shown("kind=online&page=2") == {"kind": "online", "date_from": "", "errors": False}
        assert shown("") == {"kind": "", "date_from": "", "errors": False}
        assert shown("date_from=2030-01-02") == {"kind": "", "date_from": "2030-01-02", "errors": False}
        assert shown("date_from=1999-01-01") == {"kind": "", "date_from": "1999-01-01", "errors": True}
        assert shown("date_from=1999-01-02") == {"kind": "", "date_from": "1999-01-02", "errors": True}


def test_the_filter_form_is_built_only_when_needed(client, programme, no_page_cache):
    """Unfiltered, a warm request takes the remembered form; a filter or an error needs the form."""
    from unittest import mock

    from zib.events.forms import EventFilterForm

    built = []
    original = EventFilterForm.__init__

    def counting(self, *args, **kwargs):
        built.append(args[0] if args else None)
        original(self, *args, **kwargs)

    client.get(programme.url)
    client.get(programme.url + "?page=1")
    with mock.patch.object(EventFilterForm, "__init__", counting):
        unfiltered = client.get(programme.url)
        paged = client.get(programme.url + "?page=1")
        assert built == []
        filtered = client.get(programme.url + "?kind=workshop")
        invalid = client.get(programme.url + "?date_from=1999-01-01")
    assert len(built) == 2
    titles = [BeautifulSoup(r.content, "html.parser").title.get_text() for r in (unfiltered, paged, invalid)]
    assert not titles[0].startswith("Fehler") and not titles[1].startswith("Fehler")
    assert titles[2].startswith("Fehler")
    assert _titles(filtered) == ["Workshop Türkisch"]
    form = BeautifulSoup(paged.content, "html.parser").select_one("form.event-filters")
    assert str(form) == str(BeautifulSoup(unfiltered.content, "html.parser").select_one("form.event-filters"))
