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
