"""Stand-ins for the objects of a listing: loaded only when a card is actually rendered.

A card (``{% fragment %}``) is rendered once per process and cache
generation; on every other request the template needs no more of its
object than the fragment's key, usually the primary key. A listing whose
ids are remembered (``zib.pages.listings``) can therefore hand the template
``Deferred`` stand-ins instead of the objects::

    items = deferred_objects(EpisodePage, ids, load_episodes)
    items = deferred_objects(EventPage, ids, load_events, campaign=None)   # known to all
    batch = DeferredBatch(ids, load)                                      # known per item
    items = [Deferred(pk, batch, EventPage, start_date=day) for pk, day in facts]

A stand-in answers its ``pk`` and the ``known`` attributes it was given
without a query. The first use of any other attribute loads the objects of
the whole batch at once (``load(ids)``, e.g. with the prefetches of the
cards), and from then on every stand-in of the batch answers from its
object. When every card is remembered nothing is loaded at all.

Where an object of the batch is already at hand (the request that
computed the remembered ids also fetched the objects), ``loaded`` hands them
over and nothing is loaded again.

What the stand-in answers without loading:

- ``isinstance(item, model)`` (and any base class of the model, e.g. Wagtail's
  ``Page`` for ``{% pageurl %}``) is true: ``__class__`` gives the model, which
  is known. Its real type stays ``Deferred``, so Django's template engine,
  which asks ``isinstance(current, BaseContext)`` on every attribute lookup,
  gets a plain "no" without loading anything.
- ``item == other`` and ``hash(item)`` as Django's ``Model`` does (same
  concrete model and pk), for stand-ins and real objects alike.
- ``_meta`` (the model's), ``bool(item)`` (true).

``str(item)``, ``{% pageurl item %}`` and everything else load the batch. An
id whose object no longer exists (``load`` did not return it) gives a
stand-in with no attributes beyond what it knows: ``getattr(item, "title",
default)`` is ``default``.
"""

from django.db.models import Model


class DeferredBatch:
    """The objects of ``ids``, loaded together on first use by ``load(ids)`` (an iterable of objects).

    ``loaded``: objects already at hand, by pk; they are used if every id is among them.
    """

    def __init__(self, ids, load, loaded=None):
        self.ids = list(ids)
        self._load = load
        self._objects = dict(loaded) if loaded and all(pk in loaded for pk in self.ids) else None

    @property
    def is_loaded(self):
        return self._objects is not None

    def get(self, pk):
        """The object with this pk (the whole batch loads at the first call); None if it has vanished."""
        if self._objects is None:
            self._objects = {obj.pk: obj for obj in self._load(self.ids)}
        return self._objects.get(pk)

    def stand_ins(self, model, **known):
        """A ``Deferred`` for each id, in order, each knowing ``known``."""
        return [Deferred(pk, self, model, **known) for pk in self.ids]


class Deferred:
    """Stands for the object ``pk`` (an instance of ``model``) of a ``DeferredBatch`` (see the module)."""

    def __init__(self, pk, batch, model, **known):
        self.__dict__.update(known, pk=pk, _batch=batch, _model=model)

    @property
    def object(self):
        """The object itself (loads the batch); None if it no longer exists."""
        return self._batch.get(self.pk)

    @property
    def _meta(self):
        return self._model._meta

    def __getattr__(self, name):
        # Only called for what the stand-in does not know itself.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._batch.get(self.pk), name)

    @property
    def __class__(self):
        # isinstance() asks this only when the stand-in's own type does not
        # match; it is answered without loading.
        return self._model

    def __eq__(self, other):
        if not isinstance(other, Model):
            return NotImplemented
        if self._model._meta.concrete_model is not other._meta.concrete_model:
            return False
        if self.pk is None:
            return self is other
        return self.pk == other.pk

    def __hash__(self):
        return hash(self.pk)

    def __bool__(self):
        return True

    def __repr__(self):
        return f"<Deferred {self._model.__name__} pk={self.pk!r}>"


def deferred_objects(model, ids, load, loaded=None, **known):
    """Stand-ins for the ``model`` objects of ``ids``, in that order (see the module's docstring).

    ``load(ids)``: the objects (any order; a missing one has vanished).
    ``loaded``: objects already at hand, by pk (they are used if all ids are
    among them). ``known``: attributes every stand-in answers itself.
    """
    return DeferredBatch(ids, load, loaded).stand_ins(model, **known)
