"""The news index: teasers, topic filter, pagination and query counts."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zib.news.models import ARTICLES_PER_PAGE

from .factories import NewsArticlePageFactory, NewsArticleTopicFactory, TopicFactory, make_articles

# Queries for rendering the news index (page 1, with images, authors and
# topics) without the page cache: with the in-process caches empty (cold)
# and once they hold the site, the route, the listing's ids, the used
# topics, the feed links and the teasers (warm: the articles are not even
# loaded, zib.pages.deferred). The same for 5 and for 100 articles; update
# them only on purpose.
INDEX_QUERIES_COLD = 19
INDEX_QUERIES = 0


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def teaser_titles(soup):
    return [h.get_text(strip=True) for h in soup.select(".news-list article h2")]


def test_index_lists_teasers_with_image_credit_date_and_topics(client, news_index, author, podcast_topic):
    article = make_articles(news_index, 1, topic=podcast_topic, author=author)[0]
    soup = soup_of(client.get("/de/aktuelles/"))
    assert len(soup.find_all("h1")) == 1
    teaser = soup.select_one(".news-list article")
    assert teaser.h2.a["href"] == article.url
    assert teaser.img["alt"] == article.lead_image.description
    assert teaser.figcaption.get_text(strip=True) == "Bild: Christian Bart"
    assert teaser.time["datetime"] == article.date.isoformat()
    assert teaser.select_one(".topic-tags a")["href"] == "/de/aktuelles/?thema=podcast"
    assert article.teaser in teaser.get_text()


def test_index_hides_drafts_private_and_other_indexes(client, news_index, home_page):
    from wagtail.models import PageViewRestriction

    NewsArticlePageFactory(parent=news_index, title="Sichtbar")
    NewsArticlePageFactory(parent=news_index, title="Entwurf", live=False)
    private = NewsArticlePageFactory(parent=news_index, title="Intern")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="geheim")
    titles = teaser_titles(soup_of(client.get("/de/aktuelles/")))
    assert titles == ["Sichtbar"]


def test_topic_filter_keeps_state_in_the_url(client, news_index, podcast_topic):
    other = TopicFactory(name="Team", slug="team")
    make_articles(news_index, ARTICLES_PER_PAGE + 2, topic=podcast_topic, images=False)
    make_articles(news_index, 3, topic=other, images=False)

    soup = soup_of(client.get("/de/aktuelles/?thema=podcast"))
    assert len(teaser_titles(soup)) == ARTICLES_PER_PAGE
    current = soup.select_one(".topic-filter a[aria-current]")
    assert current.get_text(strip=True) == "Podcast"
    assert "14 Meldungen zum Thema „Podcast“" in soup.get_text()
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert "thema=podcast" in next_link
    assert "page=2" in next_link

    soup = soup_of(client.get("/de/aktuelles/" + next_link))
    assert len(teaser_titles(soup)) == 2
    assert "Seite 2" in soup.title.get_text()

    soup = soup_of(client.get("/de/aktuelles/?thema=team"))
    assert len(teaser_titles(soup)) == 3


def test_filter_links_offer_only_used_topics(client, news_index, podcast_topic):
    TopicFactory(name="Leer", slug="leer")
    make_articles(news_index, 1, topic=podcast_topic, images=False)
    soup = soup_of(client.get("/de/aktuelles/"))
    labels = [a.get_text(strip=True) for a in soup.select(".topic-filter a")]
    assert labels == ["Alle Meldungen", "Podcast"]
    assert soup.select_one(".topic-filter a[aria-current]").get_text(strip=True) == "Alle Meldungen"


@pytest.mark.parametrize(
    "query",
    ["?thema=gibt-es-nicht", "?thema=%00", "?thema=" + "x" * 5000, "?thema=<script>", "?thema=a&thema=b"],
)
def test_unknown_or_malformed_topic_shows_an_empty_list_and_a_message(client, news_index, query):
    make_articles(news_index, 2, images=False)
    soup = soup_of(client.get("/de/aktuelles/" + query))
    assert teaser_titles(soup) == []
    notice = soup.select_one(".notice")
    assert "Zu diesem Thema gibt es keine Meldungen." in notice.get_text()
    assert notice.a["href"] == "/de/aktuelles/"


@pytest.mark.parametrize("page", ["abc", "", "0", "-1", "2.5", "%00", "99999999999999999999999999"])
def test_malformed_page_numbers_never_fail(client, news_index, page):
    make_articles(news_index, ARTICLES_PER_PAGE + 1, images=False)
    soup = soup_of(client.get(f"/de/aktuelles/?page={page}"))
    # Not a number: the first page; out of range: the last page.
    assert len(teaser_titles(soup)) in (ARTICLES_PER_PAGE, 1)


def test_page_abc_is_the_first_page(client, news_index):
    articles = make_articles(news_index, ARTICLES_PER_PAGE + 1, images=False)
    first = teaser_titles(soup_of(client.get("/de/aktuelles/?page=abc")))
    assert first == teaser_titles(soup_of(client.get("/de/aktuelles/")))
    assert articles[-1].title == first[0]


def test_index_advertises_its_feeds(client, news_index, podcast_topic):
    soup = soup_of(client.get("/de/aktuelles/"))
    rss = soup.find("link", rel="alternate", type="application/rss+xml")["href"]
    atom = soup.find("link", rel="alternate", type="application/atom+xml")["href"]
    assert rss == "http://testserver/de/aktuelles/feed/rss/"
    assert atom == "http://testserver/de/aktuelles/feed/atom/"
    make_articles(news_index, 1, topic=podcast_topic, images=False)
    soup = soup_of(client.get("/de/aktuelles/?thema=podcast"))
    rss = soup.find("link", rel="alternate", type="application/rss+xml")["href"]
    assert rss == "http://testserver/de/aktuelles/thema/podcast/feed/rss/"


@pytest.mark.parametrize("count", [5, 100])
def test_index_query_count_is_constant(
    client, page_queries, news_index, author, podcast_topic, count, no_page_cache, forget_local_caches
):
    make_articles(news_index, count, topic=podcast_topic, author=author)
    shown = min(count, ARTICLES_PER_PAGE)
    cold, response = page_queries("/de/aktuelles/", cold=True)
    assert len(BeautifulSoup(response.content, "html.parser").select(".news-list img")) == shown
    assert cold == INDEX_QUERIES_COLD, f"news index ran {cold} queries for {count} articles (cold)"
    queries, response = page_queries("/de/aktuelles/")
    assert len(BeautifulSoup(response.content, "html.parser").select(".news-list img")) == shown
    assert queries == INDEX_QUERIES, f"news index ran {queries} queries for {count} articles"


def test_filtered_index_query_count_does_not_grow(
    client, page_queries, news_index, author, podcast_topic, no_page_cache
):
    make_articles(news_index, 5, topic=podcast_topic, author=author)
    few, _response = page_queries("/de/aktuelles/?thema=podcast&page=1")
    make_articles(news_index, 30, topic=podcast_topic, author=author)
    many, _response = page_queries("/de/aktuelles/?thema=podcast&page=2")
    assert few == many


def test_topic_links_stay_valid_for_translated_topics(news_index, podcast_topic):
    """The slug is synchronised, so ?thema=podcast works in every language."""
    from wagtail_localize.fields import get_translatable_fields

    from zib.news.models import Topic

    kinds = {
        field.field_name: field.is_synchronized(podcast_topic) for field in get_translatable_fields(Topic)
    }
    assert kinds == {"name": False, "slug": True}


def test_topic_of_an_article_is_translatable_with_it():
    from wagtail.models import TranslatableMixin

    from zib.news.models import NewsArticleTopic

    assert issubclass(NewsArticleTopic, TranslatableMixin)


def test_topic_link_count_matches_topic_rows(news_index, podcast_topic):
    article = make_articles(news_index, 1, topic=podcast_topic, images=False)[0]
    NewsArticleTopicFactory(page=article, topic=TopicFactory(name="Team", slug="team"))
    assert [t.slug for t in article.topics] == ["podcast", "team"]


def test_remembered_listing_follows_publishing(client, news_index, author, podcast_topic, no_page_cache):
    """The ids behind the listing and its topics are remembered, never past a change."""
    old = make_articles(news_index, 3, author=author)
    titles = teaser_titles(soup_of(client.get("/de/aktuelles/")))
    assert titles == teaser_titles(soup_of(client.get("/de/aktuelles/")))
    assert soup_of(client.get("/de/aktuelles/")).select(".topic-filter") == []

    new = make_articles(news_index, 1, topic=podcast_topic, author=author)[0]
    soup = soup_of(client.get("/de/aktuelles/"))
    assert teaser_titles(soup)[0] == new.title
    assert [a.get_text(strip=True) for a in soup.select(".topic-filter li a")][1:] == [podcast_topic.name]

    old[0].unpublish()
    titles = teaser_titles(soup_of(client.get("/de/aktuelles/")))
    assert old[0].title not in titles
    assert len(titles) == 3


def test_page_number_out_of_range_or_garbage_shows_a_page(client, news_index, author, no_page_cache):
    make_articles(news_index, ARTICLES_PER_PAGE + 2, images=False, author=author)
    last = teaser_titles(soup_of(client.get("/de/aktuelles/?page=2")))
    assert len(last) == 2
    assert teaser_titles(soup_of(client.get("/de/aktuelles/?page=999"))) == last
    first = teaser_titles(soup_of(client.get("/de/aktuelles/")))
    assert teaser_titles(soup_of(client.get("/de/aktuelles/?page=abc"))) == first


def test_remembered_teasers_follow_edits(client, news_index, author, podcast_topic, no_page_cache):
    """Teasers are rendered once per cache generation: an edit or a renamed topic shows at once."""
    article = make_articles(news_index, 2, topic=podcast_topic, author=author)[-1]
    soup = soup_of(client.get("/de/aktuelles/"))
    assert teaser_titles(soup)[0] == article.title
    assert soup.select_one(".news-list .topic-tags a").get_text(strip=True) == "Podcast"

    article.title = "Neuer Titel"
    article.save_revision().publish()
    assert teaser_titles(soup_of(client.get("/de/aktuelles/")))[0] == "Neuer Titel"

    podcast_topic.name = "Hörfunk"
    podcast_topic.save()
    soup = soup_of(client.get("/de/aktuelles/"))
    assert soup.select_one(".news-list .topic-tags a").get_text(strip=True) == "Hörfunk"
    assert "Hörfunk" in [a.get_text(strip=True) for a in soup.select(".topic-filter a")]


def test_remembered_teasers_load_no_article(client, news_index, author, podcast_topic, no_page_cache):
    """Once every teaser of the page is remembered, the articles are not loaded at all."""
    make_articles(news_index, 3, topic=podcast_topic, author=author)
    client.get("/de/aktuelles/")
    with CaptureQueriesContext(connection) as queries:
        soup = soup_of(client.get("/de/aktuelles/"))
    assert len(teaser_titles(soup)) == 3
    assert not [q for q in queries if "news_" in q["sql"] or "wagtailcore_page" in q["sql"]]


def test_same_article_other_index_address_gets_its_own_topic_links(news_index, podcast_topic, rf):
    """The teaser's key holds the address its topic links filter, not just the article."""
    from django.template.loader import render_to_string

    from zib.news.models import deferred_teasers

    article = make_articles(news_index, 1, topic=podcast_topic, images=False)[0]
    request = rf.get("/de/aktuelles/")
    request._wagtail_site = None
    html = {}
    for url in ("/de/aktuelles/", None):
        teaser = deferred_teasers([article.pk], url)[0]
        html[url] = render_to_string(
            "news/includes/article_teaser.html",
            {"article": teaser, "heading": "h2", "news_index_url": url, "request": request},
        )
    assert "?thema=podcast" in html["/de/aktuelles/"]
    assert "?thema=podcast" not in html[None]


def test_feed_links_follow_a_new_address(client, news_index, no_page_cache):
    soup = soup_of(client.get("/de/aktuelles/"))
    assert soup.find("link", type="application/rss+xml")["href"].endswith("/de/aktuelles/feed/rss/")
    news_index.slug = "meldungen"
    news_index.save_revision().publish()
    soup = soup_of(client.get("/de/meldungen/"))
    assert soup.find("link", type="application/rss+xml")["href"].endswith("/de/meldungen/feed/rss/")


def test_topic_filter_follows_a_new_topic(client, news_index, no_page_cache):
    make_articles(news_index, 1, images=False)
    soup = soup_of(client.get("/de/aktuelles/?thema=neu"))
    assert soup.select_one(".notice") is not None
    topic = TopicFactory(name="Neu", slug="neu")
    make_articles(news_index, 1, topic=topic, images=False)
    soup = soup_of(client.get("/de/aktuelles/?thema=neu"))
    assert soup.select_one(".notice") is None
    assert len(teaser_titles(soup)) == 1
