"""The backend of the in-process caches (``zib.pagecache.local``)."""

from django.core.cache.backends.locmem import LocMemCache


class ProcessCache(LocMemCache):
    """Django's ``LocMemCache`` without the memcached key check.

    The check walks every character of every key on every read and write (a
    page reads about fifteen keys) to warn about keys memcached would refuse;
    these keys never go to memcached.
    """

    def validate_key(self, key):
        pass
