"""The pagination component of every listing: first, last, neighbours and gaps."""

from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def render(page_number, pages=200, query="?topic=x"):
    paginator = Paginator(range(pages * 10), 10)
    request = RequestFactory().get("/de/aktuelles/" + query)
    html = render_to_string("components/pagination.html", {"page_obj": paginator.page(page_number)}, request)
    return BeautifulSoup(html, "html.parser")


def items(soup):
    return [li.get_text(strip=True) for li in soup.select(".pagination li")]


def test_long_listing_shows_ends_neighbours_and_gaps():
    soup = render(50)
    assert items(soup) == ["Zurück", "1", "…", "48", "49", "50", "51", "52", "…", "200", "Weiter"]
    assert soup.select_one("[aria-current=page]").get_text() == "50"
    assert all(gap.get("aria-hidden") == "true" for gap in soup.select(".pagination-gap"))


def test_links_keep_the_other_parameters():
    soup = render(50)
    links = {a.get_text(): a["href"] for a in soup.select(".pagination a")}
    assert links["200"] == "?topic=x&page=200"
    assert links["Weiter"] == "?topic=x&page=51"
    assert soup.select_one("a[aria-label='Seite 49']")["href"] == "?topic=x&page=49"


def test_near_the_start_no_gap_before():
    assert items(render(1, pages=8)) == ["1", "2", "3", "…", "8", "Weiter"]
    assert items(render(3, pages=5)) == ["Zurück", "1", "2", "3", "4", "5", "Weiter"]


def test_single_page_renders_nothing():
    assert render(1, pages=1).select(".pagination") == []


def test_addresses_replace_the_page_and_encode_like_querystring():
    from django.template import RequestContext, Template

    request = RequestFactory().get("/de/suche/", {"q": "Ä b&c", "page": "3"})
    soup = BeautifulSoup(
        render_to_string(
            "components/pagination.html", {"page_obj": Paginator(range(100), 10).page(3)}, request
        ),
        "html.parser",
    )
    expected = Template("{% querystring page=4 %}").render(RequestContext(request))
    assert soup.select_one("a[rel=next]")["href"] == expected.replace("&amp;", "&")
    assert soup.select_one("a[rel=prev]")["href"] == "?q=%C3%84+b%26c&page=2"
