"""Stand-ins that load a listing's objects only when a card needs them (zib.news.deferred)."""

from wagtail.models import Page

from zib.news.deferred import deferred_objects
from zib.news.models import NewsArticlePage


class Loaded:
    def __init__(self, pk):
        self.pk = pk
        self.title = f"Objekt {pk}"


def test_stand_ins_know_their_pk_and_load_the_batch_once_on_first_use():
    calls = []

    def load(ids):
        calls.append(list(ids))
        return [Loaded(pk) for pk in ids]

    items = deferred_objects(NewsArticlePage, [3, 1, 2], load)
    assert [item.pk for item in items] == [3, 1, 2]
    # isinstance() (as Wagtail's {% pageurl %} asks) is answered without loading.
    assert isinstance(items[0], Page) and isinstance(items[0], NewsArticlePage)
    assert calls == []
    assert items[1].title == "Objekt 1"
    assert [item.title for item in items] == ["Objekt 3", "Objekt 1", "Objekt 2"]
    assert calls == [[3, 1, 2]]


def test_objects_at_hand_are_used_and_known_attributes_answered():
    def load(ids):
        raise AssertionError("nothing to load")

    items = deferred_objects(
        NewsArticlePage, [1, 2], load, loaded={1: Loaded(1), 2: Loaded(2)}, campaign=None
    )
    assert items[0].campaign is None
    assert items[1].title == "Objekt 2"


def test_a_vanished_object_has_no_attributes():
    items = deferred_objects(NewsArticlePage, [1, 2], lambda ids: [Loaded(1)])
    assert items[0].title == "Objekt 1"
    assert getattr(items[1], "title", "fehlt") == "fehlt"
