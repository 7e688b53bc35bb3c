import pytest


@pytest.mark.parametrize(
    "query",
    ["?q=ZIB", "?q=", "?q=ZIB&page=abc", "?q=ZIB&page=99999", "?q=" + "x" * 5000, "?q=%00%ff"],
)
def test_search_never_fails(client, home_page, query):
    response = client.get("/de/suche/" + query)
    assert response.status_code == 200


def test_search_finds_live_pages(client, home_page):
    response = client.get("/de/suche/?q=Integrationsbüro")
    assert home_page.title in response.content.decode()


def test_search_rejects_post(client, home_page):
    assert client.post("/de/suche/").status_code == 405


def test_search_with_quotes_and_operators_never_fails(client, home_page):
    for query in ["1'\"<", '"', 'ZIB" OR "x', "NEAR(a b)", "a*", "-x ^y"]:
        response = client.get("/de/suche/", {"q": query})
        assert response.status_code == 200, query


@pytest.fixture
def twelve_pages(home_page):
    from zib.pages.tests.factories import ContentPageFactory

    return [ContentPageFactory(parent=home_page, title=f"Wegweiser {n:02d}") for n in range(12)]


@pytest.fixture
def new_search(client, page_queries):
    """``new_search(url)``: queries and response of a search not remembered yet (all else warm)."""
    from django.core.cache import caches

    def search(url):
        client.get(url)
        caches["typed"].clear()
        return page_queries(url, warm_ups=0)

    return search


@pytest.mark.usefixtures("no_page_cache")
def test_a_page_of_results_takes_one_query_with_its_total(client, new_search, twelve_pages):
    count, response = new_search("/de/suche/?q=Wegweiser")
    html = response.content.decode()
    assert count == SEARCH_QUERIES
    assert "12 Ergebnisse" in html
    assert html.count("<h3>") == 10
    count, response = new_search("/de/suche/?q=Wegweiser&page=2")
    html = response.content.decode()
    assert count == SEARCH_QUERIES
    assert "12 Ergebnisse" in html and html.count("<h3>") == 2
    count, response = new_search("/de/suche/?q=Nirgendwo")
    html = response.content.decode()
    assert count == SEARCH_QUERIES
    assert "0 Ergebnisse" in html


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize(
    ("page", "queries"),
    [("0", 2), ("-1", 2), ("99999999999999999999", 2), ("3", 3)],  # 3: an empty page first
)
def test_a_page_number_out_of_range_shows_the_last_page(client, new_search, twelve_pages, page, queries):
    count, response = new_search("/de/suche/?q=Wegweiser&page=" + page)
    html = response.content.decode()
    assert count == queries
    assert "12 Ergebnisse" in html and html.count("<h3>") == 2


@pytest.mark.usefixtures("no_page_cache")
def test_a_page_of_results_is_remembered_per_query_and_page(client, page_queries, new_search, twelve_pages):
    count, response = new_search("/de/suche/?q=Wegweiser&utm_source=newsletter")
    assert count == SEARCH_QUERIES
    # The same search with other parameters: nothing to ask the database.
    count, response = page_queries("/de/suche/?q=Wegweiser&ref=start", warm_ups=0)
    html = response.content.decode()
    assert count == 0
    assert "12 Ergebnisse" in html and html.count("<h3>") == 10
    assert f'<a href="{twelve_pages[0].url}">Wegweiser 00</a>' in html
    # Another page, another term: one query each.
    assert page_queries("/de/suche/?q=Wegweiser&page=2", warm_ups=0)[0] == SEARCH_QUERIES
    assert page_queries("/de/suche/?q=Wegweiser+01", warm_ups=0)[0] == SEARCH_QUERIES


@pytest.mark.usefixtures("no_page_cache")
def test_remembered_results_follow_what_is_published(client, page_queries, twelve_pages):
    _count, response = page_queries("/de/suche/?q=Wegweiser")
    assert "12 Ergebnisse" in response.content.decode()
    twelve_pages[0].title = "Wegweiser neu betitelt"
    twelve_pages[0].save_revision().publish()
    twelve_pages[1].unpublish()
    html = "".join(
        page_queries(f"/de/suche/?q=Wegweiser&page={number}", warm_ups=0)[1].content.decode()
        for number in (1, 2)
    )
    assert "11 Ergebnisse" in html
    assert "Wegweiser neu betitelt" in html and "Wegweiser 01" not in html


@pytest.mark.usefixtures("no_page_cache")
def test_a_flood_of_search_terms_does_not_push_out_what_pages_are_built_from(client, twelve_pages):
    from django.core.cache import caches

    client.get("/de/suche/?q=Wegweiser")
    remembered = len(caches["local"]._cache)
    for n in range(30):
        client.get(f"/de/suche/?q=Begriff{n}")
    assert len(caches["typed"]._cache) >= 31
    assert len(caches["local"]._cache) == remembered


# The results with their total (COUNT(*) OVER ()); before: the view restrictions, the locale,
# a count and the results.
SEARCH_QUERIES = 1


@pytest.mark.usefixtures("no_page_cache")
def test_private_and_unpublished_pages_are_not_found(client, page_queries, home_page, twelve_pages):
    from wagtail.models import PageViewRestriction

    _count, response = page_queries("/de/suche/?q=Wegweiser")
    html = response.content.decode()
    assert "12 Ergebnisse" in html
    PageViewRestriction.objects.create(page=twelve_pages[0], restriction_type="login")
    twelve_pages[1].unpublish()
    _count, response = page_queries("/de/suche/?q=Wegweiser")
    html = response.content.decode()
    assert "10 Ergebnisse" in html
    assert "Wegweiser 00" not in html and "Wegweiser 01" not in html
