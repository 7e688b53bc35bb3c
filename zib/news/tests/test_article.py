"""An article as visitors, social networks and search engines see it."""

import json

import pytest
from bs4 import BeautifulSoup

from zib.organizations.models import Organization

from .factories import (
    CreditedImageFactory,
    NewsArticleImageFactory,
    NewsArticlePageFactory,
    NewsArticleTopicFactory,
    PersonFactory,
    make_articles,
)


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def article(news_index, author, podcast_topic):
    article = NewsArticlePageFactory(
        parent=news_index,
        title='Podcast "Tolle Leute"',
        teaser="Rodica Petcu erzählt, wie sie zur Märchenerzählerin wurde.",
        author=author,
        body__0="paragraph",
        body__1__more_box__heading='MEHR ZUM PODCAST "TOLLE LEUTE"',
        body__1__more_box__text=(
            "Alle zwei Wochen stellt Veronika Kabis interessante Menschen in ihrem Podcast vor."
        ),
        body__1__more_box__link_label="Hier geht's zu allen Podcast-Folgen",
    )
    NewsArticleImageFactory(
        page=article, image=CreditedImageFactory(credit="Privat", description="Rodica Petcu")
    )
    NewsArticleTopicFactory(page=article, topic=podcast_topic)
    return article


def test_article_shows_title_date_topics_and_credited_image(client, article):
    soup = soup_of(client.get(article.url))
    assert [h.get_text() for h in soup.find_all("h1")] == ['Podcast "Tolle Leute"']
    assert soup.select_one(".news-article time")["datetime"] == article.date.isoformat()
    assert soup.select_one(".news-article header a[href='/de/aktuelles/?thema=podcast']")
    figure = soup.select_one(".news-lead-image")
    assert figure.img["alt"] == "Rodica Petcu"
    assert figure.figcaption.get_text(strip=True) == "Bild: Privat"


def test_collage_shows_every_image_with_its_credit(client, news_index):
    article = NewsArticlePageFactory(parent=news_index)
    for n in range(3):
        NewsArticleImageFactory(
            page=article, image=CreditedImageFactory(credit="Christian Bart", description=f"Collage Teil {n}")
        )
    soup = soup_of(client.get(article.url))
    figures = soup.select(".news-collage figure")
    assert [f.img["alt"] for f in figures] == ["Collage Teil 0", "Collage Teil 1", "Collage Teil 2"]
    assert all(f.figcaption.get_text(strip=True) == "Bild: Christian Bart" for f in figures)


def test_author_initials_follow_the_text_with_the_name_on_hover(client, article):
    soup = soup_of(client.get(article.url))
    byline = soup.select_one(".byline")
    assert byline.get_text().startswith("(sbs)")
    assert byline.abbr["title"] == "Sandra Beispiel-Schmitt"
    # The initials come after the article text and before the "Mehr zum" box.
    body = soup.select_one(".news-article__body")
    order = list(body.find_all(["p", "aside"], recursive=False))
    assert order.index(byline) > 0
    assert order.index(byline) < order.index(body.find("aside"))


def test_more_box_is_an_aside_with_a_real_link(client, article, home_page):
    soup = soup_of(client.get(article.url))
    box = soup.select_one("aside.more-box")
    assert box.h2.get_text() == 'MEHR ZUM PODCAST "TOLLE LEUTE"'
    assert "Veronika Kabis" in box.get_text()
    link = box.find("a")
    assert link.get_text() == "» Hier geht's zu allen Podcast-Folgen"


def test_click_to_load_video_loads_nothing_from_other_hosts(client, news_index):
    article = NewsArticlePageFactory(parent=news_index, body__0="external_video")
    soup = soup_of(client.get(article.url))
    assert soup.select_one(".external-video a")["href"] == "https://video.example.org/trailer"
    assert soup.find("iframe") is None
    for tag, attr in (("img", "src"), ("script", "src"), ("link", "href"), ("video", "src")):
        for element in soup.find_all(tag):
            url = element.get(attr) or ""
            if tag == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                continue
            assert not url.startswith("http") or url.startswith("http://testserver/"), url


def test_open_graph_describes_the_article(client, article):
    soup = soup_of(client.get(article.url))
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert og["og:type"] == "article"
    assert og["og:title"] == 'Podcast "Tolle Leute"'
    assert og["og:description"] == article.teaser
    assert og["og:url"] == "http://testserver/de/aktuelles/" + article.slug + "/"
    assert [m["content"] for m in soup.find_all("meta", property="og:locale")] == ["de_DE"]
    assert og["og:image"].startswith("http://testserver/media/")
    assert og["og:image:alt"] == "Rodica Petcu"
    assert og["article:published_time"].startswith(article.date.isoformat())
    assert og["article:tag"] == "Podcast"


def test_json_ld_is_a_valid_news_article(client, article):
    soup = soup_of(client.get(article.url))
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == 'Podcast "Tolle Leute"'
    assert data["datePublished"].startswith(article.date.isoformat())
    assert data["dateModified"]
    assert data["author"] == [{"@type": "Person", "name": "Sandra Beispiel-Schmitt"}]
    assert all(url.startswith("http://testserver/media/") for url in data["image"])
    assert data["publisher"]["name"] == "Zuwanderungs- und Integrationsbüro (ZIB)"
    assert data["publisher"]["url"] == "http://testserver/de/"


def test_json_ld_cannot_break_out_of_its_script_element(client, news_index):
    article = NewsArticlePageFactory(
        parent=news_index, title="</script><script>alert(1)</script> & <!--", teaser="a < b > c & d"
    )
    response = client.get(article.url)
    html = response.content.decode()
    start = html.index('<script type="application/ld+json">')
    block = html[start : html.index("</script>", start)]
    assert "<script>alert" not in block
    assert "<!--" not in block
    data = json.loads(block.split(">", 1)[1])
    assert data["headline"] == "</script><script>alert(1)</script> & <!--"
    assert data["description"] == "a < b > c & d"


def test_article_without_author_is_credited_to_the_office(client, news_index):
    article = NewsArticlePageFactory(parent=news_index, author=None)
    soup = soup_of(client.get(article.url))
    assert soup.select_one(".byline") is None
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["author"][0]["name"] == "Zuwanderungs- und Integrationsbüro (ZIB)"


def test_share_links_are_plain_links(client, article):
    soup = soup_of(client.get(article.url))
    share = soup.select_one(".share-links")
    hrefs = [a["href"] for a in share.find_all("a")]
    assert any(href.startswith("mailto:") for href in hrefs)
    assert all("http%3A%2F%2Ftestserver%2Fde%2Faktuelles%2F" in href for href in hrefs)
    assert share.find("script") is None and share.find("iframe") is None and share.find("img") is None


def test_article_links_the_feeds(client, article):
    soup = soup_of(client.get(article.url))
    assert soup.find("link", type="application/rss+xml")["href"] == "http://testserver/de/aktuelles/feed/rss/"
    assert (
        soup.find("link", type="application/atom+xml")["href"] == "http://testserver/de/aktuelles/feed/atom/"
    )


def test_team_series_article_introduces_a_person(client, news_index):
    adele = PersonFactory(name="Adèle Robart", slug="adele-robart", role="Praktikantin")
    article = NewsArticlePageFactory(parent=news_index, series="Das Team des ZIB", introduces=adele)
    assert list(adele.introductions.all()) == [article]
    soup = soup_of(client.get(article.url))
    assert soup.select_one(".kicker").get_text() == "Das Team des ZIB"
    assert "Adèle Robart" in soup.select_one(".introduces").get_text()


def test_partners_are_listed_with_their_websites(client, news_index, locale_de):
    from zib.news.models import NewsArticlePartner

    article = NewsArticlePageFactory(parent=news_index)
    pugis = Organization.objects.create(
        name="PuGiS e.V.", slug="pugis", locale=locale_de, website="https://pugis.example.org/"
    )
    NewsArticlePartner.objects.create(page=article, organization=pugis)
    soup = soup_of(client.get(article.url))
    link = soup.select_one(".news-partners a")
    assert link.get_text() == "PuGiS e.V."
    assert link["href"] == "https://pugis.example.org/"


def test_article_page_does_not_query_per_teaser(client, news_index, author, no_page_cache):
    # The article page shows one article; its queries do not depend on how
    # many others exist.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = make_articles(news_index, 1, author=author)[0]
    client.get(article.url)
    with CaptureQueriesContext(connection) as few:
        client.get(article.url)
    make_articles(news_index, 20, author=author)
    client.get(article.url)
    with CaptureQueriesContext(connection) as many:
        client.get(article.url)
    assert len(few) == len(many)


def test_article_queries_do_not_grow_with_images_and_topics(client, news_index, author, no_page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def measure(images, topics):
        article = NewsArticlePageFactory(parent=news_index, author=author, body__0="paragraph")
        for _ in range(images):
            NewsArticleImageFactory(page=article)
        for _ in range(topics):
            NewsArticleTopicFactory(page=article)
        client.get(article.url)  # warm up renditions
        with CaptureQueriesContext(connection) as queries:
            response = client.get(article.url)
        assert len(BeautifulSoup(response.content, "html.parser").select(".credit")) == images
        return len(queries)

    assert measure(images=2, topics=1) == measure(images=5, topics=4)


# Queries of an article with images, topics, author and a partner, without
# the page cache, once the in-process caches hold the site, the route (with
# the article), its partners and the page chrome.
ARTICLE_QUERIES = 0


def test_warm_article_runs_no_query(client, article, locale_de, no_page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zib.news.models import NewsArticlePartner

    pugis = Organization.objects.create(name="PuGiS e.V.", slug="pugis", locale=locale_de)
    NewsArticlePartner.objects.create(page=article, organization=pugis)
    article.save_revision().publish()
    client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        soup = soup_of(client.get(article.url))
    assert soup.select_one(".news-partners li").get_text(strip=True) == "PuGiS e.V."
    assert len(queries) == ARTICLE_QUERIES


def test_warm_article_introducing_a_team_member_runs_no_query(client, news_index, no_page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zib.people.tests.factories import TeamMembershipFactory

    adele = TeamMembershipFactory(person__name="Adèle Robart", person__slug="adele-robart").person
    article = NewsArticlePageFactory(parent=news_index, introduces=adele)
    client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        soup = soup_of(client.get(article.url))
    assert "Adèle Robart" in soup.select_one(".introduces").get_text()
    assert len(queries) == ARTICLE_QUERIES


def test_remembered_partners_follow_edits(client, news_index, locale_de, no_page_cache):
    from zib.news.models import NewsArticlePartner

    article = NewsArticlePageFactory(parent=news_index)
    assert soup_of(client.get(article.url)).select(".news-partners") == []
    pugis = Organization.objects.create(name="PuGiS e.V.", slug="pugis", locale=locale_de)
    NewsArticlePartner.objects.create(page=article, organization=pugis)
    article.save_revision().publish()

    def partners():
        return [
            li.get_text(strip=True) for li in soup_of(client.get(article.url)).select(".news-partners li")
        ]

    assert partners() == partners() == ["PuGiS e.V."]
    pugis.name = "PuGiS Saar e.V."
    pugis.save()
    assert partners() == ["PuGiS Saar e.V."]
    NewsArticlePartner.objects.filter(page=article).delete()
    article.save_revision().publish()
    assert partners() == []
