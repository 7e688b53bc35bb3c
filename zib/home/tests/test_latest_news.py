"""The start page: latest news, accessible entry points, room for events and podcast."""

import datetime
import itertools

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zib.home.models import LATEST_NEWS_COUNT, HomePage
from zib.news.tests.factories import NewsArticlePageFactory, TopicFactory, make_articles
from zib.pages.models import ContentPage

# Queries for rendering the start page with news teasers (images, authors,
# topics), the next events and the newest episode, without the page cache:
# with the in-process caches empty (cold) and once they hold the site, the
# route, the links, the ids of the articles, events and episode shown and
# their cards (warm: nothing is loaded, zib.pages.deferred). The same for 5
# and for 100 articles.
HOME_QUERIES_COLD = 22
HOME_QUERIES = 0
# Queries when the ids are remembered but no card is (each kind loaded once).
CARDS_LOAD_QUERIES = 8


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_home_shows_the_newest_articles(client, news_index):
    today = timezone.localdate()
    for days in range(6):
        NewsArticlePageFactory(
            parent=news_index, title=f"Tag {days}", date=today - datetime.timedelta(days=days)
        )
    NewsArticlePageFactory(parent=news_index, title="Entwurf", live=False)
    NewsArticlePageFactory(
        parent=news_index, title="Morgen", go_live_at=timezone.now() + datetime.timedelta(days=1)
    )
    soup = soup_of(client.get("/de/"))
    section = soup.select_one(".home-news")
    assert section.h2.get_text() == "Aktuelles"
    titles = [h.get_text(strip=True) for h in section.select("article h3")]
    assert titles == [f"Tag {days}" for days in range(LATEST_NEWS_COUNT)]
    assert section.select_one(".home-section__more a")["href"] == "/de/aktuelles/"


def test_home_without_news_index_still_renders(client, home_page):
    soup = soup_of(client.get("/de/"))
    assert "Noch keine Meldungen." in soup.select_one(".home-news").get_text()
    assert soup.find("link", type="application/rss+xml") is None


def test_home_advertises_the_news_feeds(client, news_index):
    soup = soup_of(client.get("/de/"))
    assert soup.find("link", type="application/rss+xml")["href"] == "http://testserver/de/aktuelles/feed/rss/"
    assert (
        soup.find("link", type="application/atom+xml")["href"] == "http://testserver/de/aktuelles/feed/atom/"
    )


def test_home_teaser_topics_link_to_the_filtered_index(client, news_index):
    make_articles(news_index, 1, topic=TopicFactory(name="Podcast", slug="podcast"))
    soup = soup_of(client.get("/de/"))
    assert soup.select_one(".home-news .topic-tags a")["href"] == "/de/aktuelles/?thema=podcast"
    assert soup.select_one(".home-news figcaption").get_text(strip=True) == "Bild: Christian Bart"


def test_home_links_leichte_sprache_and_dgs_pages_chosen_by_editors(client, home_page):
    easy = home_page.add_child(instance=ContentPage(title="Leichte Sprache", slug="leichte-sprache"))
    dgs = home_page.add_child(instance=ContentPage(title="Gebärdensprache", slug="dgs"))
    home_page.easy_language_page = easy
    home_page.sign_language_page = dgs
    home_page.save()
    soup = soup_of(client.get("/de/"))
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".home-access a")}
    assert links == {
        "Informationen in Leichter Sprache": "/de/leichte-sprache/",
        "Informationen in Deutscher Gebärdensprache (DGS)": "/de/dgs/",
    }


def test_unpublished_access_pages_are_not_linked(client, home_page):
    easy = home_page.add_child(
        instance=ContentPage(title="Leichte Sprache", slug="leichte-sprache", live=False)
    )
    home_page.easy_language_page = easy
    home_page.save()
    assert soup_of(client.get("/de/")).select_one(".home-access") is None


@pytest.mark.parametrize(
    "model_name, label",
    [
        ("EasyLanguagePage", "Informationen in Leichter Sprache"),
        ("SignLanguagePage", "Informationen in Deutscher Gebärdensprache (DGS)"),
    ],
)
def test_access_pages_are_found_by_type(client, home_page, model_name, label):
    from django.apps import apps

    try:
        model = apps.get_model("pages", model_name)
    except LookupError:
        pytest.skip(f"pages.{model_name} does not exist")
    page = home_page.add_child(instance=model(title=label, slug=model_name.lower()))
    soup = soup_of(client.get("/de/"))
    link = soup.select_one(".home-access a")
    assert link.get_text(strip=True) == label
    assert link["href"] == page.url


def test_home_shows_next_events_and_the_newest_episode(client, home_page):
    from zib.events.tests.factories import EventIndexPageFactory, EventPageFactory
    from zib.podcast.tests.factories import EpisodePageFactory, PodcastShowPageFactory

    events = EventIndexPageFactory(parent=home_page)
    for days in (3, 1, 2, 9):
        EventPageFactory(
            parent=events,
            title=f"In {days} Tagen",
            start_date=timezone.localdate() + datetime.timedelta(days),
        )
    EventPageFactory(parent=events, title="Vorbei", start_date=timezone.localdate() - datetime.timedelta(3))
    show = PodcastShowPageFactory(parent=home_page)
    EpisodePageFactory(
        parent=show, title="Ältere Folge", publish_date=timezone.now() - datetime.timedelta(14)
    )
    EpisodePageFactory(
        parent=show, title="Neueste Folge", publish_date=timezone.now() - datetime.timedelta(1)
    )
    EpisodePageFactory(parent=show, title="Geplant", publish_date=timezone.now() + datetime.timedelta(5))

    soup = soup_of(client.get("/de/"))
    section = soup.select_one(".home-events")
    assert [h.get_text(strip=True) for h in section.select("h3")] == [
        "In 1 Tagen",
        "In 2 Tagen",
        "In 3 Tagen",
    ]
    assert section.select_one(".home-section__more a")["href"] == "/de/veranstaltungen/"
    podcast = soup.select_one(".home-podcast")
    assert [h.get_text(strip=True) for h in podcast.select("h3")] == ["Neueste Folge"]
    assert podcast.select_one(".home-section__more a")["href"] == show.url
    # Headings stay in order: one h1, sections h2, teasers h3.
    levels = [int(h.name[1]) for h in soup.find("main").find_all(["h1", "h2", "h3", "h4"])]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_home_without_events_and_podcast_leaves_their_sections_out(client, home_page):
    soup = soup_of(client.get("/de/"))
    assert soup.select_one(".home-events") is None
    assert soup.select_one(".home-podcast") is None


def test_blocks_for_events_and_podcast_can_be_replaced(rf, home_page):
    """Other start page layouts extend these named blocks of the template."""
    template = engines["django"].from_string(
        '{% extends "home/home_page.html" %}'
        "{% block home_events %}<section id='events'>Termine</section>{% endblock %}"
        "{% block home_podcast %}<section id='podcast'>Folge</section>{% endblock %}"
    )
    request = rf.get("/de/")
    context = HomePage.objects.get(pk=home_page.pk).get_context(request)
    soup = BeautifulSoup(template.render(context, request), "html.parser")
    main = soup.find("main")
    assert main.find(id="events").get_text() == "Termine"
    assert main.find(id="podcast").get_text() == "Folge"


@pytest.mark.parametrize("count", [5, 100])
def test_home_query_count_is_constant(client, news_index, author, count, no_page_cache, forget_local_caches):
    from zib.events.tests.factories import EventIndexPageFactory, EventPageFactory
    from zib.podcast.tests.factories import EpisodePageFactory, PodcastShowPageFactory

    make_articles(news_index, count, author=author, topic=TopicFactory(name="Team", slug="team"))
    events = EventIndexPageFactory(parent=news_index.get_parent())
    show = PodcastShowPageFactory(parent=news_index.get_parent())
    for day in range(1, 2 + count // 5):
        EventPageFactory(parent=events, start_date=timezone.localdate() + datetime.timedelta(day))
    for day in range(1, 2 + count // 25):
        EpisodePageFactory(parent=show, publish_date=timezone.now() - datetime.timedelta(day))
    client.get("/de/")  # warm up: renditions are made once
    forget_local_caches()
    for expected, state in ((HOME_QUERIES_COLD, "cold"), (HOME_QUERIES, "warm")):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/de/")
        soup = soup_of(response)
        assert len(soup.select(".home-news article")) == LATEST_NEWS_COUNT
        assert soup.select(".home-events article") and soup.select(".home-podcast .episode-card")
        assert len(queries) == expected, (
            f"start page ran {len(queries)} queries for {count} articles ({state})"
        )


def _remembered_ttl(key):
    """Seconds the in-process cache keeps ``key`` of the current generation."""
    import time

    from django.core.cache import caches

    cache = caches["local"]
    return cache._expire_info[cache.make_and_validate_key(key)] - time.time()


def test_remembered_start_page_follows_publishing(client, news_index, home_page, no_page_cache):
    """What the start page remembers (links, ids, cards) is never kept past a visible change."""
    from zib.events.tests.factories import EventIndexPageFactory, EventPageFactory
    from zib.podcast.tests.factories import EpisodePageFactory, PodcastShowPageFactory

    article = make_articles(news_index, 1, images=False)[0]
    events = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=events, title="Erster Termin")
    show = PodcastShowPageFactory(parent=home_page)
    EpisodePageFactory(parent=show, title="Alte Folge", publish_date=timezone.now() - datetime.timedelta(9))
    easy = home_page.add_child(instance=ContentPage(title="Leichte Sprache", slug="leichte-sprache"))
    home_page.easy_language_page = easy
    home_page.save_revision().publish()

    def shown():
        soup = soup_of(client.get("/de/"))
        return {
            "news": [h.get_text(strip=True) for h in soup.select(".home-news article h3")],
            "heading": soup.select_one(".home-news h2").get_text(strip=True),
            "events": [h.get_text(strip=True) for h in soup.select(".home-events h3")],
            "episode": [h.get_text(strip=True) for h in soup.select(".home-podcast h3")],
            "access": [a["href"] for a in soup.select(".home-access a")],
        }

    assert (
        shown()
        == shown()
        == {
            "news": [article.title],
            "heading": "Aktuelles",
            "events": ["Erster Termin"],
            "episode": ["Alte Folge"],
            "access": ["/de/leichte-sprache/"],
        }
    )
    newer = make_articles(news_index, 1, images=False)[0]
    assert shown()["news"] == [newer.title, article.title]
    article.title = "Geänderter Titel"
    article.save_revision().publish()
    assert shown()["news"] == [newer.title, "Geänderter Titel"]
    newer.unpublish()
    assert shown()["news"] == ["Geänderter Titel"]
    news_index.title = "Neuigkeiten"
    news_index.save_revision().publish()
    assert shown()["heading"] == "Neuigkeiten"

    event.title = "Verschobener Termin"
    event.save_revision().publish()
    assert shown()["events"] == ["Verschobener Termin"]
    event.unpublish()
    assert shown()["events"] == []

    EpisodePageFactory(parent=show, title="Neue Folge", publish_date=timezone.now() - datetime.timedelta(1))
    assert shown()["episode"] == ["Neue Folge"]
    easy.unpublish()
    assert shown()["access"] == []


def test_next_events_are_remembered_only_until_the_first_ends(client, home_page, no_page_cache):
    from zib.events.models import EventPage
    from zib.events.tests.factories import EventIndexPageFactory, EventPageFactory

    events = EventIndexPageFactory(parent=home_page)
    soon = EventPageFactory(parent=events, start_date=timezone.localdate())
    EventPageFactory(parent=events)
    # Ends in two minutes (an update starts no new generation; the cache is empty anyway).
    EventPage.objects.filter(pk=soon.pk).update(ends_at=timezone.now() + datetime.timedelta(seconds=120))
    client.get("/de/")
    assert 0 < _remembered_ttl(f"home:events:{home_page.pk}") <= 121


def test_newest_episode_is_remembered_only_until_the_next_is_due(client, home_page, no_page_cache):
    from zib.podcast.tests.factories import EpisodePageFactory, PodcastShowPageFactory

    show = PodcastShowPageFactory(parent=home_page)
    EpisodePageFactory(parent=show, title="Jetzt", publish_date=timezone.now() - datetime.timedelta(1))
    EpisodePageFactory(
        parent=show, title="Gleich", publish_date=timezone.now() + datetime.timedelta(seconds=120)
    )
    assert [h.get_text(strip=True) for h in soup_of(client.get("/de/")).select(".home-podcast h3")] == [
        "Jetzt"
    ]
    assert 0 < _remembered_ttl(f"home:episode:{home_page.pk}") <= 121


def test_cards_load_their_objects_when_only_the_ids_are_remembered(
    client, news_index, author, home_page, no_page_cache
):
    """A card that is not remembered (any more) while the ids are: its stand-in loads the object."""
    from django.core.cache import caches

    from zib.events.tests.factories import EventIndexPageFactory, EventPageFactory
    from zib.podcast.tests.factories import EpisodePageFactory, PodcastShowPageFactory

    make_articles(news_index, 2, author=author, topic=TopicFactory(name="Team", slug="team"))
    events = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=events, title="Termin")
    show = PodcastShowPageFactory(parent=home_page)
    EpisodePageFactory(parent=show, title="Folge", publish_date=timezone.now() - datetime.timedelta(1))
    first = client.get("/de/").content
    cache = caches["local"]
    fragments = [key for key in list(cache._cache) if ":fragment:" in key]
    assert fragments
    with cache._lock:
        for key in fragments:
            cache._delete(key)
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/de/").content
    count = len(queries)  # now: later queries may shift the log's window
    assert again == first
    soup = soup_of(client.get("/de/"))
    assert soup.select_one(".home-news .topic-tags a")["href"] == "/de/aktuelles/?thema=team"
    assert [h.get_text(strip=True) for h in soup.select(".home-events h3")] == ["Termin"]
    assert [h.get_text(strip=True) for h in soup.select(".home-podcast h3")] == ["Folge"]
    # Articles with images, renditions and topics; events with languages; the episode with its people.
    assert count == CARDS_LOAD_QUERIES
