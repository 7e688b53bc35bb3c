"""axe-core (WCAG 2.1 A/AA rules) on the events pages, left to right and right to left."""

import os
import shutil

import pytest

from .factories import CampaignPageFactory, EventPageFactory, VideoCaptionFactory, VideoFactory

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Chromium is not installed"),
]

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def pages(home_page):
    from wagtail.models import Site

    from .factories import EventIndexPageFactory

    site = Site.objects.get()
    site.hostname = "localhost"
    site.save()
    index = EventIndexPageFactory(parent=home_page)
    campaign = CampaignPageFactory(parent=index)
    trailer = VideoFactory(title="Trailer", kind="trailer")
    VideoCaptionFactory(video=trailer)
    campaign.trailer = trailer
    campaign.save_revision().publish()
    EventPageFactory(parent=campaign, title="Infostand auf Arabisch", languages=["ar", "fa"])
    event = EventPageFactory(
        parent=index,
        title="Workshop",
        kind="workshop",
        registration_enabled=True,
        capacity=5,
        languages=["de"],
    )
    EventPageFactory(parent=index, title="Abgesagt", status="cancelled", status_note="Krankheit")
    return [index.url, index.url + "?language=xx&date_from=kaputt", campaign.url, event.url]


def test_no_axe_violations(live_server, pages):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    axe = Axe()
    failures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        for path in pages:
            for language in ("de", "ar"):
                url = live_server.url + path.replace("/de/", f"/{language}/", 1)
                response = page.goto(url)
                assert response.ok, url
                assert page.locator("h1").count() == 1, url
                result = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
                if result.violations_count:
                    failures.append(f"{url}\n{result.generate_report()}")
        browser.close()
    assert not failures, "\n\n".join(failures)
