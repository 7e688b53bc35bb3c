"""The seed's news, published by the demo loader word for word."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from wagtail.models import Locale, Revision

from zib.demo.services import load_demo
from zib.images.models import CustomImage
from zib.news.models import NewsArticlePage, Topic

pytestmark = pytest.mark.django_db
# The seed's texts, exactly as the office published them.
SEED_TEXTS = {
    "zib-in-den-sozialen-medien": [
        "ZIB in den sozialen Medien",
        "Nun auch digital gut vernetzt",
        "Ihr findet das Zuwanderungs- und Integrationsbüro ab sofort in den sozialen Netzwerken. Neben "
        "unserem Instagram-Kanal gibt es auch eine Facebook-Seite.",
    ],
    "aktionswoche-eine-kleine-impfung-eine-grosse-umarmung": [
        'Aktionswoche "Eine kleine Impfung - eine große Umarmung"',
        "Mit einer mehrsprachigen Aktionswoche sollen insbesondere die Menschen über das Impfen informiert "
        "werden, deren Erstsprache nicht Deutsch ist.",
        "Veranstaltet wird die Aktionswoche gemeinsam von der Landeshauptstadt und dem Regionalverband "
        "Saarbrücken in Kooperation mit dem Verein PuGiS e.V.",
        "Die kompletten Einzelvideos findet ihr auf der Website der Aktionswoche "
        '"Eine kleine Impfung, eine große Umarmung".',
        "(sbs)",
        "Abspielen",
    ],
    "podcast-tolle-leute": [
        'Podcast "Tolle Leute"',
        "Alle zwei Wochen lernt ihr in unserem Podcast TOLLE LEUTE kennen, die Besonderes erlebt haben, "
        "kreativ sind oder sich sozial engagieren.",
        "In der aktuellen Ausgabe erzählt die Sozialarbeiterin Rodica Petcu, wie sie auch zur "
        "Märchenerzählerin wurde und welche Bedeutung sie ihrer Arbeit beimisst.",
        "(sbs)",
        'MEHR ZUM PODCAST "TOLLE LEUTE"',
        "Alle zwei Wochen stellt Veronika Kabis interessante Menschen in ihrem Podcast vor.",
        "» Hier geht's zu allen Podcast-Folgen",
    ],
    "praktikum-beim-zib": [
        "Das Team des ZIB",
        "Praktikum beim ZIB",
        "In Zukunft möchten wir euch ein Mal im Monat jeweils ein Mitglied aus dem Team des ZIB vorstellen.",
        "Sie ist Studentin im Masterstudiengang Border Studies und wird uns in den kommenden Wochen bei "
        "verschiedenen Projekte unterstützen.",
        "(sbs)",
        "MEHR ZUM TEAM",
        "Das Zuwanderungs- und Integrationsbüro wurde 2003 eingerichtet.",
        "Zum ZIB gehört auch die Geschäftsstelle des Integrationsbeirats.",
        "» Hier geht's zum Team des ZIB",
    ],
    "was-macht-eigentlich-das-zib": [
        "Was macht eigentlich das ZIB?",
        "Doch was heißt das eigentlich und was kann man sich konkret darunter vorstellen?",
        'im neuen Integrationskonzept "Internationales Saarbrücken. Strategien für den Umgang mit Migration '
        'und Vielfalt" beschrieben sind.',
        "Außerdem ist die Geschäftsstelle des Integrationsbeirates an das ZIB angegliedert.",
        "Wer vorher neugierig ist, kann schon mal unsere Website durchstöbern.",
        "(sbs)",
        "MEHR ZUM ZIB",
        "» Hier geht's zur Startseite des ZIB",
    ],
}


def text_of(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, re.sub(r"\s+", " ", soup.find("main").get_text())


def counts():
    return {
        "articles": NewsArticlePage.objects.count(),
        "topics": Topic.objects.count(),
        "images": CustomImage.objects.count(),
        "revisions": Revision.page_revisions.filter(
            object_id__in=[str(pk) for pk in NewsArticlePage.objects.values_list("pk", flat=True)]
        ).count(),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded twice, with counts after each run; rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        Locale.objects.get_or_create(language_code="de")
        load_demo()
        first = counts()
        ctx = load_demo()
        yield {"ctx": ctx, "first": first, "second": counts()}
        transaction.set_rollback(True)


def article(slug):
    return NewsArticlePage.objects.get(slug=slug, locale__language_code="de")


def test_every_seed_article_is_published_as_in_the_seed(client, demo, settings):
    """Text word for word, credits, initials and links, checked on the rendered pages."""
    settings.PAGE_CACHE_ENABLED = False
    credits = {
        "aktionswoche-eine-kleine-impfung-eine-grosse-umarmung": ["Christian Bart"] * 3,
        "podcast-tolle-leute": ["Privat"],
        "praktikum-beim-zib": ["ZIB"],
        "was-macht-eigentlich-das-zib": ["Sandra Steinmetz"],
        "zib-in-den-sozialen-medien": [],
    }
    for slug, texts in SEED_TEXTS.items():
        page = article(slug)
        assert page.live and not page.has_unpublished_changes
        soup, text = text_of(client.get(page.url))
        for expected in texts:
            assert expected in text, f"{slug}: {expected!r} missing"
        shown = [
            f.get_text(strip=True)
            for f in soup.select(".news-article > figure figcaption, .news-collage figcaption")
        ]
        assert shown == [f"Bild: {credit}" for credit in credits[slug]], slug
        initials = soup.select_one(".byline abbr")
        assert (initials.get_text() if initials else None) == ("sbs" if "(sbs)" in texts else None), slug
        # Every internal link (body, "Mehr zum" boxes) leads to a live page.
        for link in soup.select(".news-article__body a[href^='/']"):
            assert client.get(link["href"]).status_code == 200, link["href"]


def test_links_reach_the_pages_the_seed_means(client, demo):
    pages = demo["ctx"].pages
    expected = {
        "podcast-tolle-leute": pages["podcast"],
        "praktikum-beim-zib": pages["team"],
        "was-macht-eigentlich-das-zib": pages["home"],
    }
    for slug, target in expected.items():
        soup, _text = text_of(client.get(article(slug).url))
        assert soup.select_one("aside.more-box a")["href"] == target.url, slug

    soup, _text = text_of(client.get(article("aktionswoche-eine-kleine-impfung-eine-grosse-umarmung").url))
    campaign = pages["campaign"].url
    assert soup.find("a", string="Abspielen")["href"] == campaign
    assert soup.find("a", string=re.compile("^Website der Aktionswoche"))["href"] == campaign
    assert [a.get_text() for a in soup.select(".news-partners li")] == [
        "Landeshauptstadt Saarbrücken",
        "Regionalverband Saarbrücken",
        "PuGiS e.V.",
    ]

    soup, _text = text_of(client.get(article("zib-in-den-sozialen-medien").url))
    links = {a.get_text(): a["href"] for a in soup.select(".news-article__body p a")}
    assert links["Instagram-Kanal"].startswith("https://www.instagram.com/")
    assert links["Facebook-Seite"].startswith("https://www.facebook.com/")


def test_intern_article_introduces_adele_robart(demo):
    page = article("praktikum-beim-zib")
    assert page.series == "Das Team des ZIB"
    assert page.introduces == demo["ctx"].people["adele-robart"]
    assert page.author == demo["ctx"].people["sbs"]
    assert list(page.introduces.introductions.all()) == [page]


def test_loading_twice_changes_nothing(client, demo):
    assert demo["first"] == demo["second"]
    assert demo["first"]["articles"] >= 5
    _soup, text = text_of(client.get("/de/aktuelles/"))
    assert text.count("Nun auch digital gut vernetzt") == 1


def test_news_part_alone_falls_back_without_dead_links(client, settings):
    """Without the other parts the news still load, with links to the start page only."""
    settings.PAGE_CACHE_ENABLED = False
    Locale.objects.get_or_create(language_code="de")
    load_demo(modules=["site", "news"])
    assert NewsArticlePage.objects.count() == 5
    for page in NewsArticlePage.objects.all():
        soup, _text = text_of(client.get(page.url))
        for link in soup.select(".news-article__body a[href^='/']"):
            assert client.get(link["href"]).status_code == 200, link["href"]
    assert article("praktikum-beim-zib").introduces.name == "Adèle Robart"
    assert article("podcast-tolle-leute").author.initials == "sbs"
