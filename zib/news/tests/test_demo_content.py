"""The seed's news, published by the demo loader word for word."""

import re

import pytest
from bs4 import BeautifulSoup

from zib.demo.services import load_demo
from zib.images.models import CustomImage
from zib.news.models import NewsArticlePage, Topic

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
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, re.sub(r"\s+", " ", soup.find("main").get_text())


@pytest.fixture
def demo(db):
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="de")
    return load_demo(modules=["site", "news"])


def test_every_seed_article_is_published_as_in_the_seed(client, demo):
    """Text word for word, credits, initials and links, checked on the rendered pages."""
    credits = {
        "aktionswoche-eine-kleine-impfung-eine-grosse-umarmung": ["Christian Bart"] * 3,
        "podcast-tolle-leute": ["Privat"],
        "praktikum-beim-zib": ["ZIB"],
        "was-macht-eigentlich-das-zib": ["Sandra Steinmetz"],
        "zib-in-den-sozialen-medien": [],
    }
    for slug, texts in SEED_TEXTS.items():
        article = NewsArticlePage.objects.get(slug=slug)
        assert article.live and not article.has_unpublished_changes
        soup, text = text_of(client.get(article.url))
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

    social = NewsArticlePage.objects.get(slug="zib-in-den-sozialen-medien")
    soup, _text = text_of(client.get(social.url))
    links = {a.get_text(): a["href"] for a in soup.select(".news-article__body p a")}
    assert links["Instagram-Kanal"].startswith("https://www.instagram.com/")
    assert links["Facebook-Seite"].startswith("https://www.facebook.com/")


def test_intern_article_introduces_adele_robart(demo):
    article = NewsArticlePage.objects.get(slug="praktikum-beim-zib")
    assert article.series == "Das Team des ZIB"
    assert article.introduces.name == "Adèle Robart"
    assert list(article.introduces.introductions.all()) == [article]


def test_loading_twice_creates_no_duplicates(client, demo):
    counts = (NewsArticlePage.objects.count(), Topic.objects.count(), CustomImage.objects.count())
    load_demo(modules=["site", "news"])
    assert (NewsArticlePage.objects.count(), Topic.objects.count(), CustomImage.objects.count()) == counts
    assert counts[0] == 5
    _soup, text = text_of(client.get("/de/aktuelles/"))
    assert text.count("Nun auch digital gut vernetzt") == 1


def test_campaign_article_names_the_organisers_that_exist(client, db):
    from wagtail.models import Locale

    from zib.organizations.models import Organization

    locale = Locale.objects.get_or_create(language_code="de")[0]
    Organization.objects.create(
        name="PuGiS e.V.", slug="pugis-ev", locale=locale, website="https://pugis.example.org/"
    )
    load_demo(modules=["site", "news"])
    article = NewsArticlePage.objects.get(slug="aktionswoche-eine-kleine-impfung-eine-grosse-umarmung")
    soup, _text = text_of(client.get(article.url))
    assert [a.get_text() for a in soup.select(".news-partners a")] == ["PuGiS e.V."]
