"""The anonymous page cache: keys, the cache generation and scheduled publishing.

Every cached page is stored with the cache *generation* current when it was
rendered. Anything that can change a public page (publishing, unpublishing,
moving or deleting a page, saving a snippet, a setting, an image …) starts a
new generation, so all older entries are ignored at once: no visitor gets a
page from before the change. Entries also expire after
``PAGE_CACHE_TIMEOUT`` seconds and never outlive the next scheduled
go-live or expiry, so time-dependent pages stay current too.
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

GENERATION_KEY = "pagecache:generation"
SCHEDULE_KEY = "pagecache:schedule:{generation}"
ENTRY_KEY = "pagecache:page:{digest}"
NO_SCHEDULE = 0


def is_enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def timeout():
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 300)


def invalidate():
    """Start a new cache generation: every page is rendered afresh on its next request.

    Called on publish, unpublish, move and delete through signals. Code that
    changes public content without saving a model (``QuerySet.update``,
    ``bulk_create``) calls it itself.

    Inside a transaction it starts another generation once the transaction
    commits (once per transaction, however many changes it holds): a page
    that another request rendered in between still saw the old data, and
    must not be kept under the new generation.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        savepoints = set(connection.savepoint_ids)
        if not any(
            func is _new_generation and sids == savepoints for sids, func, _robust in connection.run_on_commit
        ):
            transaction.on_commit(_new_generation)
    return _new_generation()


def _new_generation():
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, None)
    return generation


def current_generation():
    """The current cache generation (a new one after a cache flush)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # First request after a cache flush: nothing cached can be trusted.
        generation = _new_generation()
    return generation


def entry_key(request):
    """Cache key of a request: scheme, host, path, query string and language."""
    raw = "\n".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            get_language() or "",
        ]
    )
    return ENTRY_KEY.format(digest=hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest())


def lookup(key, generation=None):
    """The current generation and the entry under ``key`` if it belongs to that generation."""
    generation = generation or current_generation()
    entry = cache.get(key)
    if entry is None or entry.get("generation") != generation:
        return generation, None
    return generation, entry


def store(key, generation, max_age, status, headers, content):
    """Keep a rendered page until it may have changed.

    That is the configured timeout, the ``max-age`` the view itself set (if
    shorter) or the next scheduled go-live or expiry, whichever comes first.
    """
    ttl = timeout() if max_age is None else min(timeout(), max_age)
    next_change = next_scheduled_change(generation)
    if next_change:
        ttl = min(ttl, max(1, int(next_change - time.time())))
    cache.set(
        key,
        {"generation": generation, "status": status, "headers": headers, "content": content},
        ttl,
    )


def next_scheduled_change(generation):
    """Unix time of the next scheduled go-live or expiry, or 0 if none is due.

    Computed once per generation (and at most once per timeout), so a cache
    miss costs no extra queries in the common case.
    """
    key = SCHEDULE_KEY.format(generation=generation)
    value = cache.get(key)
    if value is None or (value and value <= time.time()):
        value = _query_next_scheduled_change()
        cache.set(key, value, timeout())
    return value


def _query_next_scheduled_change():
    from wagtail.models import Page, Revision

    now = timezone.now()
    moments = [
        Revision.objects.filter(approved_go_live_at__gt=now)
        .order_by("approved_go_live_at")
        .values_list("approved_go_live_at", flat=True)
        .first(),
        Page.objects.filter(live=True, expire_at__gt=now)
        .order_by("expire_at")
        .values_list("expire_at", flat=True)
        .first(),
    ]
    moments = [moment for moment in moments if moment is not None]
    return min(moments).timestamp() if moments else NO_SCHEDULE
