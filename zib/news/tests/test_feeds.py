"""RSS 2.0 and Atom feeds: they parse, and hold only what visitors may see."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from .factories import NewsArticlePageFactory, NewsArticleTopicFactory, TopicFactory, make_articles

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response, content_type):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    return ET.fromstring(response.content)  # noqa: S314 - our own feed, not untrusted input


def rss_titles(root):
    return [item.findtext("title") for item in root.iter("item")]


def atom_titles(root):
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture
def mixed_articles(news_index, author, podcast_topic):
    """Visible, draft, private and scheduled articles side by side."""
    visible = NewsArticlePageFactory(parent=news_index, title='Podcast "Tolle Leute" & mehr', author=author)
    NewsArticleTopicFactory(page=visible, topic=podcast_topic)
    NewsArticlePageFactory(parent=news_index, title="Entwurf", live=False)
    private = NewsArticlePageFactory(parent=news_index, title="Nur intern")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="geheim")
    NewsArticlePageFactory(
        parent=news_index, title="Kommt noch", go_live_at=timezone.now() + datetime.timedelta(days=2)
    )
    NewsArticlePageFactory(
        parent=news_index, title="Abgelaufen", expire_at=timezone.now() - datetime.timedelta(days=1)
    )
    return visible


def test_rss_parses_and_lists_only_published_articles(client, mixed_articles):
    root = parse(client.get("/de/aktuelles/feed/rss/"), "application/rss+xml")
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("link") == "http://testserver/de/aktuelles/"
    assert channel.findtext("language") == "de"
    assert rss_titles(root) == ['Podcast "Tolle Leute" & mehr']
    item = channel.find("item")
    assert item.findtext("link") == "http://testserver" + mixed_articles.url
    assert item.findtext("guid").startswith("urn:uuid:")
    assert item.findtext("category") == "Podcast"
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Sandra Beispiel-Schmitt"
    # pubDate is RFC 2822
    assert datetime.datetime.strptime(item.findtext("pubDate"), "%a, %d %b %Y %H:%M:%S %z")
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("rel") == "self"
    assert self_link.get("href") == "http://testserver/de/aktuelles/feed/rss/"


def test_atom_parses_and_lists_only_published_articles(client, mixed_articles):
    root = parse(client.get("/de/aktuelles/feed/atom/"), "application/atom+xml")
    assert root.tag == f"{ATOM}feed"
    assert atom_titles(root) == ['Podcast "Tolle Leute" & mehr']
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver" + mixed_articles.url
    assert entry.findtext(f"{ATOM}published")
    assert entry.findtext(f"{ATOM}updated")
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Zuwanderungs- und Integrationsbüro (ZIB)"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"] == "http://testserver/de/aktuelles/feed/atom/"


def test_feed_lists_newest_first_and_is_limited(client, news_index):
    from zib.news.models import FEED_SIZE

    today = timezone.localdate()
    for days in range(FEED_SIZE + 3):
        NewsArticlePageFactory(
            parent=news_index, title=f"Tag {days}", date=today - datetime.timedelta(days=days)
        )
    titles = rss_titles(parse(client.get("/de/aktuelles/feed/rss/"), "application/rss+xml"))
    assert len(titles) == FEED_SIZE
    assert titles[:3] == ["Tag 0", "Tag 1", "Tag 2"]


@pytest.mark.parametrize(
    "kind, content_type", [("rss", "application/rss+xml"), ("atom", "application/atom+xml")]
)
def test_topic_feeds_hold_only_that_topic(client, news_index, podcast_topic, kind, content_type):
    team = TopicFactory(name="Team", slug="team")
    make_articles(news_index, 2, topic=podcast_topic, images=False)
    make_articles(news_index, 1, topic=team, images=False)
    root = parse(client.get(f"/de/aktuelles/thema/team/feed/{kind}/"), content_type)
    titles = rss_titles(root) if kind == "rss" else atom_titles(root)
    assert len(titles) == 1


def test_unknown_topic_feed_is_404(client, news_index):
    assert client.get("/de/aktuelles/thema/gibt-es-nicht/feed/rss/").status_code == 404


def test_feeds_answer_conditional_requests_with_304(client, mixed_articles):
    first = client.get("/de/aktuelles/feed/rss/")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get("/de/aktuelles/feed/rss/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = client.get("/de/aktuelles/feed/atom/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_feeds_refuse_other_methods(client, news_index):
    response = client.post("/de/aktuelles/feed/rss/")
    assert response.status_code == 405
    assert client.head("/de/aktuelles/feed/atom/").status_code == 200


def test_empty_feed_still_parses(client, news_index):
    root = parse(client.get("/de/aktuelles/feed/rss/"), "application/rss+xml")
    assert rss_titles(root) == []


def test_feed_query_count_is_constant(client, news_index, author, podcast_topic, no_page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_articles(news_index, 3, topic=podcast_topic, author=author, images=False)
    client.get("/de/aktuelles/feed/rss/")
    with CaptureQueriesContext(connection) as few:
        client.get("/de/aktuelles/feed/rss/")
    make_articles(news_index, 30, topic=podcast_topic, author=author, images=False)
    with CaptureQueriesContext(connection) as many:
        client.get("/de/aktuelles/feed/rss/")
    assert len(few) == len(many)
