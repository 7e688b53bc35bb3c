"""The backend of the in-process caches (``zib.pagecache.local``)."""

import datetime
import pickle

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.utils.safestring import SafeString

# Values that cannot be changed in place are kept as they are, not pickled.
# Most of what is remembered is rendered HTML (``{% fragment %}``), up to
# tens of kilobytes a piece, read many times a request, and the ordered ids
# of listings (a tuple of up to thousands of ints); unpickling copies them
# each time. Pickled values are always ``bytes``, so ``bytes`` is pickled too.
ATOMS = frozenset({str, SafeString, int, float, bool, type(None), datetime.date, datetime.datetime})


def is_frozen(value):
    """Whether nothing about ``value`` can be changed: an atom, or a tuple of frozen values.

    A named tuple counts only without a ``__dict__`` (a subclass that does
    not declare ``__slots__ = ()`` takes attributes).
    """
    kind = type(value)
    if kind in ATOMS:
        return True
    if isinstance(value, tuple) and not hasattr(value, "__dict__"):
        return all(is_frozen(item) for item in value)
    return False


class ProcessCache(LocMemCache):
    """Django's ``LocMemCache`` without the memcached key check, frozen values kept unpickled.

    The check walks every character of every key on every read and write (a
    page reads about fifteen keys) to warn about keys memcached would refuse;
    these keys never go to memcached. Any other value is pickled as
    ``LocMemCache`` does, so every reader gets its own copy.
    """

    def validate_key(self, key):
        pass

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not is_frozen(value):
            return super().set(key, value, timeout, version)
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            stored = self._cache[key]
            self._cache.move_to_end(key, last=False)
        # Only this process's own pickles are ever stored here.
        return pickle.loads(stored) if type(stored) is bytes else stored  # noqa: S301
