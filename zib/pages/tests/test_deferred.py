"""Stand-ins that load a listing's objects only when a card needs them (zib.pages.deferred)."""

import pytest
from django.db.models import Model
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Page

from zib.pages.deferred import Deferred, DeferredBatch, deferred_objects
from zib.pages.models import ContentPage


class Loaded:
    def __init__(self, pk):
        self.pk = pk
        self.title = f"Objekt {pk}"


def recording_load(calls, make=Loaded):
    def load(ids):
        calls.append(list(ids))
        return [make(pk) for pk in ids]

    return load


def test_stand_ins_know_their_pk_and_load_the_batch_once_on_first_use():
    calls = []
    items = deferred_objects(ContentPage, [3, 1, 2], recording_load(calls))
    assert [item.pk for item in items] == [3, 1, 2]
    # isinstance() (as Wagtail's {% pageurl %} asks) is answered without loading.
    assert isinstance(items[0], Page) and isinstance(items[0], ContentPage) and isinstance(items[0], Model)
    assert isinstance(items[0], Deferred)
    assert calls == []
    assert items[1].title == "Objekt 1"
    assert [item.title for item in items] == ["Objekt 3", "Objekt 1", "Objekt 2"]
    assert items[2].object.title == "Objekt 2"
    assert calls == [[3, 1, 2]]


def test_objects_at_hand_are_used_and_known_attributes_answered():
    def load(ids):
        raise AssertionError("nothing to load")

    items = deferred_objects(ContentPage, [1, 2], load, loaded={1: Loaded(1), 2: Loaded(2)}, campaign=None)
    assert items[0].campaign is None
    assert items[1].title == "Objekt 2"


def test_objects_at_hand_are_not_used_when_some_are_missing():
    calls = []
    items = deferred_objects(ContentPage, [1, 2], recording_load(calls), loaded={1: Loaded(1)})
    assert items[0].title == "Objekt 1"
    assert calls == [[1, 2]]


def test_known_attributes_per_item():
    calls = []
    batch = DeferredBatch([1, 2], recording_load(calls))
    items = [Deferred(pk, batch, ContentPage, day=f"Tag {pk}") for pk in batch.ids]
    assert [item.day for item in items] == ["Tag 1", "Tag 2"]
    assert not batch.is_loaded and calls == []
    assert items[0].title == "Objekt 1"
    assert batch.is_loaded


def test_a_vanished_object_has_no_attributes():
    items = deferred_objects(ContentPage, [1, 2], lambda ids: [Loaded(1)])
    assert items[0].title == "Objekt 1"
    assert getattr(items[1], "title", "fehlt") == "fehlt"
    assert items[1].object is None


@pytest.mark.django_db
def test_equality_hash_meta_and_truth_without_loading():
    def load(ids):
        raise AssertionError("nothing to load")

    first, second = deferred_objects(ContentPage, [1, 2], load)
    (again,) = deferred_objects(ContentPage, [1], load)
    page = ContentPage(pk=1)
    assert first == again and first != second
    assert first == page and page == first
    assert first != Page(pk=1)  # another concrete model, as Model.__eq__ says
    assert hash(first) == hash(page) and {first, again} == {first}
    assert first._meta is ContentPage._meta
    assert bool(first)
    assert first != "1"
    assert "ContentPage" in repr(first) and "1" in repr(first)


def test_the_template_engine_loads_nothing_for_known_attributes():
    """Variable lookups (which ask ``isinstance(current, BaseContext)``), ``if``, ``with``,
    filters and loops over stand-ins answer from what the stand-ins know."""
    calls = []
    items = deferred_objects(ContentPage, [1, 2], recording_load(calls), campaign_pk=None)
    template = Template(
        "{% for item in items %}{% if item %}{{ item.pk }}{% endif %}"
        "{% with same=item %}{{ same.pk|add:10 }}{{ same.campaign_pk|default:'-' }}{% endwith %}"
        "{% if item == items.0 %}*{% endif %};{% endfor %}"
    )
    assert template.render(Context({"items": items})) == "111-*;212-;"
    assert calls == []


@pytest.mark.django_db
def test_pageurl_takes_a_stand_in_and_loads_it(home_page):
    page = home_page.add_child(instance=ContentPage(title="Über uns", slug="ueber-uns"))
    calls = []
    (item,) = deferred_objects(
        ContentPage, [page.pk], recording_load(calls, lambda pk: ContentPage.objects.get(pk=pk))
    )
    request = RequestFactory().get("/")
    html = Template("{% load wagtailcore_tags %}{% pageurl item %}").render(
        Context({"item": item, "request": request})
    )
    assert html == page.url
    assert calls == [[page.pk]]
