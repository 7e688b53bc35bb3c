from bs4 import BeautifulSoup


def test_root_redirects_to_language_prefix(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 302
    assert response["Location"] == "/de/"


def test_home_page_renders_with_one_h1_and_lang(client, home_page):
    response = client.get("/de/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "de"
    assert len(soup.find_all("h1")) == 1
    assert soup.find("a", class_="skip-link")["href"] == "#main"
    assert soup.find("main", id="main")


def test_home_page_only_below_root(home_page):
    from wagtail.models import Page

    from zib.home.models import HomePage

    assert HomePage.allowed_parent_page_models() == [Page]
    assert not HomePage.can_create_at(home_page)
