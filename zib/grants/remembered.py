"""What the funding pages show, remembered per cache generation (``zib.pagecache.local``).

Each page keeps two things: its objects (programmes, deadlines, calls …)
and an outline of their ids, which is cheap to recall. The page's template
renders each item as a fragment keyed by its id, so on most requests only
the outline is recalled; the objects are recalled (or loaded) only when a
fragment is not remembered.

What depends on the date (deadlines from today on) is kept until the day
ends at the latest, and never longer than a page in the page cache.
"""

import math

from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property

from zib.pagecache import local


def seconds_until_tomorrow():
    """Seconds until the next local midnight (at least 1)."""
    return max(1, math.ceil((local.next_midnight() - timezone.now()).total_seconds()))


def until_tomorrow():
    """Timeout for what depends on today's date and on what is published."""
    return local.until_scheduled_change(local.next_midnight())


class Remembered:
    """The lists of a page's objects under ``key``, loaded by ``load`` (a dict of lists).

    ``outline`` gives each list as ids; ``items(name)`` gives stand-ins for
    its objects until something other than a ``pk`` is needed. Nothing is
    kept for a preview.
    """

    def __init__(self, request, key, load, timeout=local.until_scheduled_change):
        self.request = request
        self.key = key
        self.load = load
        self.timeout = timeout

    @cached_property
    def objects(self):
        """``{name: [objects]}``, recalled or loaded at the first use of one (once per request)."""
        return local.get_or_compute(
            f"{self.key}:objects", self.load, timeout=self.timeout, request=self.request
        )

    @cached_property
    def outline(self):
        """``{name: [ids]}``, recalled without the objects (once per request)."""
        return local.get_or_compute(
            f"{self.key}:outline",
            lambda: {name: [obj.pk for obj in objects] for name, objects in self.objects.items()},
            timeout=self.timeout,
            request=self.request,
        )

    @cached_property
    def _by_pk(self):
        return {(name, obj.pk): obj for name, objects in self.objects.items() for obj in objects}

    def items(self, name):
        """The list ``name`` as stand-ins that load the objects on first use."""
        return [RememberedItem(self, name, pk) for pk in self.outline[name]]

    def get(self, name, pk):
        return self._by_pk.get((name, pk))


class RememberedItem:
    """One object of a ``Remembered`` list, known by its id."""

    def __init__(self, remembered, name, pk):
        self.pk = pk
        self._remembered = remembered
        self._name = name

    @property
    def object(self):
        """The object itself (e.g. for ``{% pageurl %}``, which wants a page)."""
        return self._remembered.get(self._name, self.pk)

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(self.object, attr)


def remembered_person(page):
    """A page's contact person, loaded (with the photo) only when the card is rendered."""
    from zib.people.models import Person

    return SimpleLazyObject(
        lambda: Person.objects.select_related("photo").filter(pk=page.contact_person_id).first()
    )
