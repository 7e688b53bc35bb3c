"""Event and campaign pages as visitors see them."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from zib.events.models import CampaignStatement, EventPage, EventPageOrganization

from .factories import (
    CampaignPageFactory,
    EventPageFactory,
    OrganizationFactory,
    VideoCaptionFactory,
    VideoFactory,
    language,
)

pytestmark = pytest.mark.django_db


def _soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies
    return BeautifulSoup(response.content, "html.parser")


def test_event_page_shows_the_facts(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        languages=["ar", "fa"],
        step_free=True,
        sign_language=True,
        target_group="Eltern mit kleinen Kindern",
        organisers=[OrganizationFactory(name="PuGiS e.V.", slug="pugis-ev")],
    )
    soup = _soup(client, event.url)
    assert soup.h1.get_text(strip=True) == event.title
    facts = soup.select_one(".event-facts").get_text(" ", strip=True)
    assert "Rathausplatz 1" in facts and "kostenlos" in facts and "Eltern mit kleinen Kindern" in facts
    assert "Stufenlos zugänglich" in facts and "Gebärdensprachdolmetschung" in facts
    assert "PuGiS e.V." in facts
    assert soup.find("span", lang="ar").get_text() == "العربية"
    assert soup.find("span", lang="fa")["dir"] == "rtl"
    ics = soup.find("a", href=f"/de/kalender/veranstaltung-{event.pk}.ics")
    assert ics is not None


def test_cancelled_event_stays_visible_and_marked(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        status=EventPage.Status.CANCELLED,
        status_note="Wegen Krankheit",
        registration_enabled=True,
    )
    soup = _soup(client, event.url)
    status = soup.select_one(".event-status").get_text(" ", strip=True)
    assert "Abgesagt" in status and "Wegen Krankheit" in status
    assert soup.title.get_text().startswith("Abgesagt")
    assert soup.find("form", class_="registration-form") is None


def test_campaign_page(client, events_index):
    campaign = CampaignPageFactory(parent=events_index)
    campaign.organization_links.create(
        organization=OrganizationFactory(name="Landeshauptstadt Saarbrücken", slug="lhs"), role="organiser"
    )
    campaign.organization_links.create(
        organization=OrganizationFactory(name="PuGiS e.V.", slug="pugis"), role="partner"
    )
    trailer = VideoFactory(title="Trailer der Aktionswoche", kind="trailer", speaker=None)
    VideoCaptionFactory(video=trailer, language=language("de"))
    VideoCaptionFactory(video=trailer, language=language("ar"), is_default=False)
    statement = VideoFactory(title="Statement auf Türkisch", spoken_language=language("tr"), file=None)
    VideoCaptionFactory(video=statement, language=language("tr"))
    campaign.trailer = trailer
    campaign.statements.create(video=statement)
    campaign.save_revision().publish()
    day = campaign.start_date
    EventPageFactory(parent=campaign, title="Infostand Arabisch", start_date=day, languages=["ar"])
    EventPageFactory(
        parent=campaign,
        title="Infostand Türkisch",
        start_date=day,
        languages=["tr"],
        start_time=datetime.time(14),
        end_time=None,
    )
    EventPageFactory(
        parent=campaign, title="Online Farsi", start_date=day + datetime.timedelta(days=1), languages=["fa"]
    )
    EventPageFactory(parent=events_index, title="Nicht in der Aktionswoche", start_date=day)

    soup = _soup(client, campaign.url)
    text = soup.get_text(" ", strip=True)
    assert "Landeshauptstadt Saarbrücken" in text and "In Kooperation mit PuGiS e.V." in text

    # The trailer: a poster image, and the video only inside a closed <details>, nothing preloaded.
    player = soup.select_one(".campaign__trailer details.video__player")
    assert player is not None and not player.has_attr("open")
    assert player.summary.img["alt"] == ""
    assert "Abspielen" in player.summary.get_text()
    video = player.find("video")
    assert video["preload"] == "none"
    assert video.has_attr("controls")
    assert video["lang"] == "de"
    tracks = video.find_all("track")
    assert [(t["srclang"], t["label"], t.has_attr("default")) for t in tracks] == [
        ("de", "Deutsch", True),
        ("ar", "العربية", False),
    ]
    assert all(t["src"].endswith(".vtt") for t in tracks)
    assert soup.find("script", src=lambda src: src and src.endswith("js/events-video.js"))

    # A statement without a file says so and offers the captions.
    statement_figure = soup.select(".campaign__statements figure")[0]
    assert statement_figure.find("video") is None
    assert "noch nicht veröffentlicht" in statement_figure.get_text()
    assert statement_figure.find("span", lang="tr")

    # The programme, grouped by day, only this campaign's events.
    programme = soup.select_one("#programm")
    days = programme.find_all("h3")
    assert len(days) == 2
    titles = [a.get_text(strip=True) for a in programme.select(".event-card__title a")]
    assert titles == ["Infostand Arabisch", "Infostand Türkisch", "Online Farsi"]
    # On its own page a card does not link back to the campaign (50 times "Teil der Aktionswoche").
    assert not programme.select(f'.event-card a[href="{campaign.url}"]')
    assert "Teil der Aktionswoche" not in programme.get_text()
    languages = [a["lang"] for a in programme.select(".language-filter li a[lang]")]
    assert languages == ["ar", "tr", "fa"]

    soup = _soup(client, campaign.url + "?language=fa")
    titles = [a.get_text(strip=True) for a in soup.select("#programm .event-card__title a")]
    assert titles == ["Online Farsi"]
    assert soup.select_one('.language-filter a[aria-current="true"]')["lang"] == "fa"

    soup = _soup(client, campaign.url + "?language=%3Cx%3E")
    assert "kommt im Programm nicht vor" in soup.get_text()
    assert len(soup.select("#programm .event-card")) == 3


def test_event_registration_form_is_accessible(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        registration_enabled=True,
        capacity=10,
        registration_deadline=timezone.now() + datetime.timedelta(days=1),
    )
    soup = _soup(client, event.url)
    form = soup.find("form", class_="registration-form")
    assert form["method"] == "post"
    for field in form.find_all(["input", "textarea"]):
        if field.get("type") == "hidden":
            continue
        assert form.find("label", attrs={"for": field["id"]}), field
    assert "Noch 10 Plätze frei" in soup.get_text()


def test_video_block_renders_the_player_for_other_apps(events_index):
    from zib.events.blocks import VideoBlock

    video = VideoFactory(title="Trailer")
    VideoCaptionFactory(video=video)
    html = VideoBlock().render(VideoBlock().to_python({"video": video.pk}))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("video")["preload"] == "none"
    assert soup.find("track")["srclang"] == "de"


def _campaign_with(events_index, count):
    campaign = CampaignPageFactory(parent=events_index, slug=f"aktionswoche-{count}")
    campaign.trailer = VideoFactory(title=f"Trailer {count}", kind="trailer")
    for n in range(count):
        video = VideoFactory(spoken_language=language(["ar", "tr", "uk"][n % 3]))
        VideoCaptionFactory(video=video, language=language("de"))
        VideoCaptionFactory(
            video=campaign.trailer, language=language(["ar", "tr", "uk", "fa"][n % 4]), is_default=False
        )
        campaign.statements.add(CampaignStatement(video=video, sort_order=n))
    campaign.save_revision().publish()
    for n in range(count):
        EventPageFactory(
            parent=campaign,
            start_date=campaign.start_date + datetime.timedelta(days=n % 5),
            languages=["ar", "de"],
        )
    return campaign


@pytest.mark.parametrize("count", [2, 8])
def test_campaign_page_queries_do_not_grow_with_videos_and_events(
    client, page_queries, events_index, count, no_page_cache, forget_local_caches
):
    campaign = _campaign_with(events_index, count)
    cold, response = page_queries(campaign.url, cold=True)
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select(".campaign__statements figure")) == count
    assert len(soup.select("#programm .event-card")) == count
    assert cold == CAMPAIGN_QUERIES_COLD
    warm, response = page_queries(campaign.url)
    assert response.content == client.get(campaign.url).content
    assert warm == CAMPAIGN_QUERIES


# Cold (in-process caches empty): the campaign's partners, translations, languages of
# its programme and statements, the ids of the programme's events, their days and
# campaigns, the events with their languages, images, renditions and campaigns, the
# videos with captions, languages, posters and renditions, and the site, route and
# chrome. Warm: the programme's cards and the videos are remembered fragments and
# nothing is loaded (was 18-19 queries on every request).
CAMPAIGN_QUERIES_COLD = 33
CAMPAIGN_QUERIES = 0


def test_campaign_page_follows_every_change(client, events_index, no_page_cache):
    """Partners, statements, trailer, programme and its languages are remembered per cache generation."""
    campaign = _campaign_with(events_index, 2)
    url = campaign.url

    def soup():
        return _soup(client, url)

    first = soup()
    assert len(first.select(".campaign__statements figure")) == 2
    assert "In Kooperation mit" not in first.get_text()

    # A partner, a new statement and a renamed trailer.
    campaign.organization_links.create(
        organization=OrganizationFactory(name="Neuer Partner e.V.", slug="neu"), role="partner"
    )
    campaign.statements.add(CampaignStatement(video=VideoFactory(title="Neues Statement"), sort_order=9))
    campaign.save_revision().publish()
    trailer = campaign.trailer
    trailer.title = "Umbenannter Trailer"
    trailer.save()
    page = soup()
    assert "In Kooperation mit Neuer Partner e.V." in page.get_text(" ", strip=True)
    assert [f.select_one(".video__title").get_text() for f in page.select(".campaign__statements figure")][
        -1
    ] == "Neues Statement"
    assert page.select_one(".campaign__trailer .video__title").get_text() == "Umbenannter Trailer"

    # An event in a new language joins the programme and its language filter.
    EventPageFactory(
        parent=campaign, title="Erzählcafé Farsi", start_date=campaign.start_date, languages=["fa"]
    )
    page = soup()
    assert "Erzählcafé Farsi" in [
        a.get_text(strip=True) for a in page.select("#programm .event-card__title a")
    ]
    assert "fa" in [a["lang"] for a in page.select(".language-filter li a[lang]")]
    titles = [a.get_text(strip=True) for a in soup().select("#programm .event-card__title a")]
    assert titles == [a.get_text(strip=True) for a in page.select("#programm .event-card__title a")]
    fa = _soup(client, url + "?language=fa")
    assert [a.get_text(strip=True) for a in fa.select("#programm .event-card__title a")] == [
        "Erzählcafé Farsi"
    ]

    # Unpublished, it leaves the programme and the filter again.
    EventPage.objects.get(title="Erzählcafé Farsi").unpublish()
    page = soup()
    assert "Erzählcafé Farsi" not in page.get_text()
    assert "fa" not in [a["lang"] for a in page.select(".language-filter li a[lang]")]


def test_campaign_preview_shows_the_draft_partners(client, events_index, no_page_cache):
    """What the live page remembers is not shown in a preview of a draft."""
    from zib.events.models import CampaignPageOrganization

    campaign = CampaignPageFactory(parent=events_index)
    assert "Entwurfspartner" not in _soup(client, campaign.url).get_text()
    draft = campaign.get_latest_revision_as_object()
    draft.organization_links.add(
        CampaignPageOrganization(organization=OrganizationFactory(name="Entwurfspartner"), role="partner")
    )
    response = draft.make_preview_request()
    assert "Entwurfspartner" in response.content.decode()
    assert "Entwurfspartner" not in _soup(client, campaign.url).get_text()


def test_campaign_language_links_keep_other_parameters_and_start_at_the_first_page(client, events_index):
    campaign = CampaignPageFactory(parent=events_index)
    for lang in ("ar", "tr"):
        EventPageFactory(parent=campaign, start_date=campaign.start_date, languages=[lang])
    soup = _soup(client, campaign.url + "?utm_source=x&page=2&language=tr")
    links = {a.get("lang", "all"): a["href"] for a in soup.select(".language-filter li a")}
    assert links == {
        "all": "?utm_source=x#programm",
        "ar": "?utm_source=x&language=ar#programm",
        "tr": "?utm_source=x&language=tr#programm",
    }
    assert soup.select_one('.language-filter a[aria-current="true"]')["lang"] == "tr"
    soup = _soup(client, campaign.url)
    assert soup.select_one(".language-filter li a")["href"] == "#programm"


def test_campaign_language_filter_kept_as_a_fragment_shows_each_state(client, events_index, no_page_cache):
    campaign = CampaignPageFactory(parent=events_index)
    for lang in ("ar", "tr"):
        EventPageFactory(parent=campaign, start_date=campaign.start_date, languages=[lang])

    def state(query):
        soup = _soup(client, campaign.url + query)
        links = {a.get("lang", "all"): a["href"] for a in soup.select(".language-filter li a")}
        current = soup.select_one('.language-filter a[aria-current="true"]')
        return links, current.get("lang", "all")

    for _ in range(2):  # the second round comes from the remembered fragments
        assert state("") == (
            {"all": "#programm", "ar": "?language=ar#programm", "tr": "?language=tr#programm"},
            "all",
        )
        assert state("?language=tr")[1] == "tr"
        assert state("?page=1")[0]["all"] == "?#programm"
        assert state("?language=xx")[1] == "all"  # not in the programme: the whole programme
        assert state("?ref=a")[0]["ar"] == "?ref=a&language=ar#programm"
        assert state("?ref=b")[0]["ar"] == "?ref=b&language=ar#programm"


def test_campaign_programme_is_paged_and_the_language_filter_survives_paging(
    client, events_index, monkeypatch
):
    from zib.events.models import CampaignPage

    monkeypatch.setattr(CampaignPage, "per_page", 2)
    campaign = CampaignPageFactory(parent=events_index)
    day = campaign.start_date
    for n, lang in enumerate(["ar", "ar", "tr", "ar"]):
        EventPageFactory(
            parent=campaign,
            title=f"Termin {n}",
            start_date=day + datetime.timedelta(days=n),
            languages=[lang],
        )

    soup = _soup(client, campaign.url)
    assert [a.get_text(strip=True) for a in soup.select("#programm .event-card__title a")] == [
        "Termin 0",
        "Termin 1",
    ]
    # Every language of the whole programme is offered, not only those on the first page.
    assert [a["lang"] for a in soup.select(".language-filter li a[lang]")] == ["ar", "tr"]
    assert soup.select_one('#programm nav a[rel="next"]')["href"] == "?page=2"

    soup = _soup(client, campaign.url + "?language=ar&page=2")
    assert [a.get_text(strip=True) for a in soup.select("#programm .event-card__title a")] == ["Termin 3"]
    assert soup.select_one('#programm nav a[rel="prev"]')["href"] == "?language=ar&page=1"

    # A page number that does not exist shows the last page instead of an error.
    response = client.get(campaign.url + "?page=99")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert [a.get_text(strip=True) for a in soup.select("#programm .event-card__title a")] == [
        "Termin 2",
        "Termin 3",
    ]


def _event_with_everything(events_index, **kwargs):
    from .factories import ImageFactory

    campaign = CampaignPageFactory(parent=events_index)
    return EventPageFactory(
        parent=campaign,
        languages=["ar", "fa"],
        organisers=[OrganizationFactory(name="PuGiS e.V.", slug="pugis-ev")],
        image=ImageFactory(),
        registration_enabled=True,
        capacity=10,
        **kwargs,
    )


def test_event_page_query_counts(client, page_queries, events_index, no_page_cache, forget_local_caches):
    event = _event_with_everything(events_index)
    cold, _response = page_queries(event.url, cold=True)
    assert cold == EVENT_QUERIES_COLD
    warm, response = page_queries(event.url)
    assert warm == EVENT_QUERIES
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "PuGiS e.V." in text and "Noch 10 Plätze frei" in text and "Aktionswoche" in text


# Cold: the event's organisers, languages, campaign, registrations and social image
# (with its rendition), the office settings, and the site, route and chrome. Warm:
# none (was 4-6: organisers, languages, campaign, office settings, registrations).
EVENT_QUERIES_COLD = 30
EVENT_QUERIES = 0


def test_event_page_follows_every_change(client, events_index, no_page_cache):
    """What the event page remembers follows registrations and edits; the deadline is checked each time."""
    from unittest import mock

    from zib.events.models import Registration

    deadline = timezone.now() + datetime.timedelta(hours=1)
    event = _event_with_everything(events_index, registration_deadline=deadline)
    assert "Noch 10 Plätze frei" in _soup(client, event.url).get_text()
    Registration.objects.create(
        event=event, status=Registration.Status.CONFIRMED, name="A", email="a@example.org"
    )
    soup = _soup(client, event.url)
    assert "Noch 9 Plätze frei" in soup.get_text()
    assert soup.find("form", class_="registration-form") is not None

    campaign = event.get_parent().specific
    campaign.title = "Umbenannte Aktionswoche"
    campaign.save_revision().publish()
    organisation = event.organization_links.get().organization
    organisation.name = "PuGiS Saar e.V."
    organisation.save()
    event.languages.set([language("tr")])
    event.save_revision().publish()
    soup = _soup(client, event.url)
    assert soup.select_one("p.meta a").get_text() == "Umbenannte Aktionswoche"
    facts = soup.select_one(".event-facts")
    assert "PuGiS Saar e.V." in facts.get_text() and facts.find("span", lang="tr")
    assert not facts.find("span", lang="ar")

    # Past the deadline (nothing changed, the remembered facts stay): registration is closed.
    later = deadline + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        soup = _soup(client, event.url)
    assert soup.find("form", class_="registration-form") is None
    assert "Die Anmeldung ist geschlossen." in soup.get_text()


def test_event_preview_shows_the_draft_organisers(client, events_index, no_page_cache):
    event = _event_with_everything(events_index)
    assert "Entwurfsverein" not in _soup(client, event.url).get_text()
    draft = event.get_latest_revision_as_object()
    draft.organization_links.add(
        EventPageOrganization(organization=OrganizationFactory(name="Entwurfsverein"), role="partner")
    )
    assert "Entwurfsverein" in draft.make_preview_request().content.decode()
    assert "Entwurfsverein" not in _soup(client, event.url).get_text()
