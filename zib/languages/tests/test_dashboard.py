"""The admin's translation dashboard: per language what is missing, outdated, incomplete, current."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import ContentPageFactory, edit_and_publish, publish, translate


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktion", "redaktion@example.org", "geheim-123")
    client.force_login(user)
    return client


def counts(html, code):
    row = next(
        tr for tr in html.select("#translation-overview tbody tr") if tr.th.find("span")["lang"] == code
    )
    return {td["data-status"]: int(td.get_text(strip=True)) for td in row.find_all("td")}


@pytest.mark.django_db
class TestDashboard:
    def test_menu_item(self, editor_client, home_page):
        html = editor_client.get("/admin/").content.decode()
        assert "/admin/uebersetzungen/" in html
        assert "Übersetzungen" in html or "\\u00dcbersetzungen" in html

    def test_counts_per_language_and_status(self, editor_client, home_page, about_page):
        team = publish(ContentPageFactory(parent=home_page, title="Team", slug="team"))
        translate(about_page, "en")
        translate(team, "en")
        translate(about_page, "ar")
        edit_and_publish(about_page, teaser="Neu.")  # English and Arabic about pages now outdated
        html = BeautifulSoup(editor_client.get("/admin/uebersetzungen/").content, "html.parser")
        # German content: start page, about, team. The English start page is only an alias.
        assert counts(html, "en") == {
            "missing": 1,
            "outdated": 1,
            "incomplete": 0,
            "current": 1,
            "machine": 0,
        }
        assert counts(html, "ar") == {
            "missing": 2,
            "outdated": 1,
            "incomplete": 0,
            "current": 0,
            "machine": 0,
        }
        assert counts(html, "fa") == {
            "missing": 3,
            "outdated": 0,
            "incomplete": 0,
            "current": 0,
            "machine": 0,
        }

    def test_lists_items_with_links_to_act_on(self, editor_client, home_page, about_page):
        translate(about_page, "ar")
        edit_and_publish(about_page, teaser="Neu.")
        response = editor_client.get("/admin/uebersetzungen/?sprache=ar&stand=outdated")
        html = BeautifulSoup(response.content, "html.parser")
        rows = html.select("table[aria-labelledby=translation-items] tbody tr")
        assert [row.td.get_text(strip=True) for row in rows] == ["Über uns"]
        hrefs = [a["href"] for a in rows[0].find_all("a")]
        assert any("/admin/localize/update/" in href for href in hrefs)
        assert any(href.startswith("/admin/pages/") and href.endswith("/edit/") for href in hrefs)
        missing = BeautifulSoup(
            editor_client.get("/admin/uebersetzungen/?sprache=ar&stand=missing").content, "html.parser"
        )
        assert any(
            f"/admin/localize/submit/page/{home_page.pk}/" in a["href"]
            for a in missing.select("table[aria-labelledby=translation-items] a")
        )

    def test_bad_parameters_show_the_overview(self, editor_client, home_page):
        assert editor_client.get("/admin/uebersetzungen/?sprache=xx&stand=<script>").status_code == 200

    def test_needs_admin_login(self, client, home_page):
        response = client.get("/admin/uebersetzungen/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]

    def test_query_count_is_the_same_for_few_and_many_pages(self, editor_client, home_page):
        def measure():
            # The first visit records the status of content from before tracking (a write that
            # starts a new cache generation); the second fills the caches of that generation.
            editor_client.get("/admin/uebersetzungen/?sprache=en&stand=current")
            editor_client.get("/admin/uebersetzungen/?sprache=en&stand=current")
            with CaptureQueriesContext(connection) as context:
                editor_client.get("/admin/uebersetzungen/?sprache=en&stand=current")
            return len(context.captured_queries)

        for index in range(5):
            translate(publish(ContentPageFactory(parent=home_page, slug=f"a-{index}")), "en")
        few = measure()
        for index in range(15):
            page = publish(ContentPageFactory(parent=home_page, slug=f"b-{index}"))
            translate(page, "en")
            translate(page, "ar")
        assert measure() == few
