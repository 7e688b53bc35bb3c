"""Stand-ins for the objects of a listing: loaded only when a card is actually rendered.

A card (``{% fragment %}``) is rendered once per process and cache
generation; on every other request the template needs no more of its
object than the fragment's key, usually the primary key. A listing whose
ids are remembered (``zib.pages.listings``) can therefore hand the template
``Deferred`` stand-ins: they know their ``pk`` (and any other ``known``
attribute) without a query, and the first use of anything else loads the
objects of the whole batch at once (``load``, e.g. with the prefetches of
the cards). When every card is remembered nothing is loaded at all.

A stand-in passes ``isinstance`` checks as an instance of its ``model``
(Wagtail's ``{% pageurl %}``) without loading, so the cards' templates need
no change.
"""


class DeferredBatch:
    """The objects of ``ids``, loaded together on first use by ``load(ids)`` (an iterable of objects)."""

    def __init__(self, ids, load, loaded=None):
        self.ids = list(ids)
        self._load = load
        self._objects = dict(loaded) if loaded and all(pk in loaded for pk in self.ids) else None

    @property
    def is_loaded(self):
        return self._objects is not None

    def get(self, pk):
        """The object with this pk; None if it no longer exists."""
        if self._objects is None:
            self._objects = {obj.pk: obj for obj in self._load(self.ids)}
        return self._objects.get(pk)


class Deferred:
    """Stands for the object ``pk`` (an instance of ``model``) of a ``DeferredBatch``."""

    def __init__(self, pk, batch, model, **known):
        self.__dict__.update(known, pk=pk, _batch=batch, _model=model)

    def __getattr__(self, name):
        # Only called for what the stand-in does not know itself.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._batch.get(self.pk), name)

    @property
    def __class__(self):
        # isinstance() asks this when the stand-in's own type does not match
        # (the template engine asks on every lookup): answered without loading.
        return self._model

    def __repr__(self):
        return f"<Deferred pk={self.pk!r}>"


def deferred_objects(model, ids, load, loaded=None, **known):
    """Stand-ins for the ``model`` objects of ``ids``, in that order (see the module's docstring).

    ``loaded``: objects already at hand, by pk (they are used if all ids are
    among them). ``known``: attributes every stand-in answers itself.
    """
    batch = DeferredBatch(ids, load, loaded)
    return [Deferred(pk, batch, model, **known) for pk in batch.ids]
