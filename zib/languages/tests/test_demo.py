"""The demo's translations show what visitors meet: translated pages, an outdated one, untranslated ones."""

import pytest
from bs4 import BeautifulSoup

from zib.demo.content import languages as demo_languages
from zib.demo.services import DemoContext
from zib.languages import services

from .factories import ContentPageFactory, publish


@pytest.mark.django_db
def test_demo_translations(client, home_page):
    about = publish(
        ContentPageFactory(
            parent=home_page,
            title="Über das ZIB",
            slug="ueber-das-zib",
            teaser=demo_languages.EARLIER_ABOUT_TEASER
            + " Als Stabsstelle ist es im Dezernat für Finanzen und Nachhaltigkeit angesiedelt.",
        )
    )
    team = publish(ContentPageFactory(parent=home_page, title="Team", slug="team"))
    ctx = DemoContext(pages={"home": home_page, "about": about})
    demo_languages.load(ctx)
    demo_languages.load(ctx)  # loading twice changes nothing

    assert services.translation_state(about, "en") == services.CURRENT
    assert services.translation_state(about, "ar") == services.CURRENT
    assert services.translation_state(about, "uk") == services.OUTDATED
    assert services.translation_state(team, "en") == services.MISSING

    html = BeautifulSoup(client.get("/ar/ueber-das-zib/").content, "html.parser")
    assert html.find("h1").get_text() == "عن المكتب"
    assert html.html["dir"] == "rtl"
    assert html.find(class_="language-notice") is None
    outdated = BeautifulSoup(client.get("/uk/ueber-das-zib/").content, "html.parser")
    assert outdated.find(class_="language-notice") is not None
    fallback = BeautifulSoup(client.get("/en/team/").content, "html.parser")
    assert fallback.find("main")["lang"] == "de"
