"""Paged listings whose ids are remembered (zib.pages.listings): callables, page numbers, no key."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from zib.pages import listings
from zib.pages.models import ContentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    return [
        home_page.add_child(instance=ContentPage(title=f"Seite {n}", slug=f"seite-{n}")) for n in range(5)
    ]


def listing_of(pages, calls):
    def build():
        calls.append(1)
        return ContentPage.objects.filter(pk__in=[page.pk for page in pages]).order_by("-title")

    return build


def titles(page):
    return [obj.title for obj in page.object_list]


def test_remembered_ids_call_the_callable_only_when_not_remembered(pages):
    calls = []
    build = listing_of(pages, calls)
    expected = tuple(page.pk for page in reversed(pages))
    assert listings.remembered_ids("test:pages", build) == expected
    assert calls == [1]
    with CaptureQueriesContext(connection) as queries:
        assert listings.remembered_ids("test:pages", build) == expected
    assert calls == [1] and len(queries) == 0


def test_remembered_ids_still_take_a_queryset(pages):
    queryset = ContentPage.objects.order_by("title")
    assert listings.remembered_ids("test:qs", queryset) == tuple(page.pk for page in pages)


def test_paginate_builds_nothing_on_a_warm_request(pages):
    calls = []
    build = listing_of(pages, calls)
    request = RequestFactory().get("/", {"page": "2"})
    load = lambda ids: [f"Karte {pk}" for pk in ids]  # noqa: E731
    paginator, page = listings.paginate(request, "test:warm", build, 2, load=load)
    assert calls == [1] and paginator.count == 5
    with CaptureQueriesContext(connection) as queries:
        paginator, page = listings.paginate(request, "test:warm", build, 2, load=load)
    assert calls == [1] and len(queries) == 0
    assert page.number == 2 and page.object_list == [f"Karte {pages[2].pk}", f"Karte {pages[1].pk}"]


def test_paginate_loads_from_the_callable_without_load(pages):
    calls = []
    build = listing_of(pages, calls)
    _paginator, page = listings.paginate(RequestFactory().get("/"), "test:default", build, 2)
    assert titles(page) == ["Seite 4", "Seite 3"]
    calls.clear()
    _paginator, page = listings.paginate(RequestFactory().get("/", {"page": "3"}), "test:default", build, 2)
    assert titles(page) == ["Seite 0"]
    assert calls == [1]  # only to load the page's objects, the ids were remembered


def test_an_explicit_page_number_wins_over_the_request(pages):
    calls = []
    request = RequestFactory().get("/", {"page": "1", "seite": "1"})
    _paginator, page = listings.paginate(request, "test:explicit", listing_of(pages, calls), 2, page_number=3)
    assert page.number == 3 and titles(page) == ["Seite 0"]
    # Out of range or not a number: the last or the first page, as without it.
    _paginator, page = listings.paginate(request, "test:explicit", listing_of(pages, calls), 2, page_number=9)
    assert page.number == 3
    _paginator, page = listings.paginate(
        request, "test:explicit", listing_of(pages, calls), 2, page_number="x"
    )
    assert page.number == 1
    _paginator, page = listings.paginate(
        request, "test:explicit", listing_of(pages, calls), 2, page_param="seite"
    )
    assert page.number == 1


def test_without_a_key_nothing_is_remembered(pages, monkeypatch):
    calls = []
    build = listing_of(pages, calls)
    monkeypatch.setattr(listings, "remembered_ids", lambda *args: pytest.fail("remembered"))
    request = RequestFactory().get("/")
    for _ in range(2):
        paginator, page = listings.paginate(request, None, build, 2, load=lambda ids: ids)
        assert paginator.count == 5 and page.object_list == [pages[4].pk, pages[3].pk]
    assert calls == [1, 1]


def test_the_ids_follow_a_new_generation(pages):
    """A change a visitor can see starts a new generation: the listing is built again."""
    calls = []
    build = listing_of(pages, calls)
    assert listings.remembered_ids("test:gen", build)[0] == pages[4].pk
    pages[4].unpublish()
    assert listings.remembered_ids("test:gen", lambda: build().live())[0] == pages[3].pk
    assert calls == [1, 1]
