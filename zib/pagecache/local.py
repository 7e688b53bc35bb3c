"""Each server process's memory of what a page is built from, valid for one cache generation.

The page cache keeps whole pages; this keeps the pieces that many pages and
requests share — the site of a host name, the page an address leads to,
image renditions, the rendered header and footer, a page's rendered body —
so a page that is not in the page cache (its first request after a publish,
another query string, a signed-in editor) is still built quickly.

Every key carries the current cache generation (see ``services``): when
anything a visitor can see changes, a new generation starts and every
process stops using what it remembered, exactly as the page cache does.
The generation is read once per request by ``GenerationMiddleware``;
outside a request it is read from the shared cache each time.

It is an in-process cache (``backends.ProcessCache``, a ``LocMemCache``, under the alias ``local``, also
used for ``renditions``): values are pickled, so every request gets its own
copy, and nothing remembered survives a restart.
"""

import contextlib
import contextvars
import datetime
import hashlib
import math
import pickle
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.utils import timezone

from . import services

LOCAL_ALIAS = "local"
_generation = contextvars.ContextVar("zib_cache_generation", default=None)
_MISSING = object()


def make_key(key, key_prefix, version):
    """Cache ``KEY_FUNCTION`` of the local caches: the key within the current generation."""
    generation = _generation.get() or services.current_generation()
    return f"{key_prefix}:{version}:{generation}:{key}"


def activate(generation):
    """Use ``generation`` for this request (returns a token for ``deactivate``)."""
    return _generation.set(generation)


def deactivate(token):
    _generation.reset(token)


def get_or_compute(key, compute, timeout=DEFAULT_TIMEOUT, *, alias=LOCAL_ALIAS, request=None):
    """The value remembered under ``key`` in this generation, else ``compute()`` remembered.

    ``timeout`` may be a function, called only when the value is computed.
    A value that cannot be pickled is computed every time instead.
    ``alias``: the in-process cache to use (``settings.LOCAL_CACHES``).
    ``request``: for a preview (a draft's own rows, e.g. modelcluster's)
    the value is computed afresh and nothing is kept.
    """
    if getattr(request, "is_preview", False):
        return compute()
    value = caches[alias].get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        remember(key, value, timeout() if callable(timeout) else timeout, alias=alias)
    return value


def until_scheduled_change(*moments):
    """How long something that depends on what is published may be kept, in seconds.

    What the page cache allows a page: ``PAGE_CACHE_TIMEOUT``, and never past
    the next scheduled go-live or expiry of a page (so a listing's articles
    or "upcoming" events are at most that old, like a cached page). Nor past
    any of ``moments`` (aware datetimes, ``None`` ignored) the caller knows
    its value changes at: when the first listed event ends, the next meeting
    starts or episode is due, ``next_midnight()`` for what depends on the date.
    """
    ttl = services.timeout()
    deadlines = [moment.timestamp() for moment in moments if moment is not None]
    next_change = services.next_scheduled_change(_generation.get() or services.current_generation())
    if next_change:
        deadlines.append(next_change)
    now = time.time()
    for deadline in deadlines:
        ttl = min(ttl, max(1, math.ceil(deadline - now)))
    return ttl


def next_midnight():
    """The next midnight in the site's time zone."""
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return today + datetime.timedelta(days=1)


def get(key, default=None, *, alias=LOCAL_ALIAS):
    return caches[alias].get(key, default)


def remember(key, value, timeout=DEFAULT_TIMEOUT, *, alias=LOCAL_ALIAS):
    """Keep ``value`` for this generation; for the alias's TIMEOUT unless ``timeout`` says otherwise."""
    with contextlib.suppress(pickle.PicklingError, TypeError, AttributeError):
        caches[alias].set(key, value, timeout)


# --- Sites and routes -------------------------------------------------------------


def _site_key(request):
    meta = request.META
    return "site:" + "|".join(
        (
            meta.get("HTTP_X_FORWARDED_HOST", ""),
            meta.get("HTTP_HOST", ""),
            meta.get("SERVER_NAME", ""),
            str(meta.get("SERVER_PORT", "")),
        )
    )


ROOT_PATHS_KEY = "site-root-paths"


def recall_site(request):
    """Give Wagtail the site this host name led to before, sparing its query.

    Also the sites' root paths Wagtail needs for every page URL (kept in the
    shared cache by Wagtail: a file read per request otherwise).
    """
    site = get(_site_key(request), _MISSING)
    if site is not _MISSING:
        request._wagtail_site = request._zib_site_recalled = site
    root_paths = get(ROOT_PATHS_KEY, _MISSING)
    if root_paths is not _MISSING:
        request._wagtail_cached_site_root_paths = request._zib_root_paths_recalled = root_paths


def remember_site(request):
    """Keep the site and root paths Wagtail found for this request (not when they were recalled)."""
    if hasattr(request, "_wagtail_site") and not hasattr(request, "_zib_site_recalled"):
        remember(_site_key(request), request._wagtail_site)
    root_paths = getattr(request, "_wagtail_cached_site_root_paths", None)
    if root_paths is not None and not hasattr(request, "_zib_root_paths_recalled"):
        remember(ROOT_PATHS_KEY, root_paths)


ROUTE_METHODS = ("GET", "HEAD")


def _route_key(request, site, path):
    digest = hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()
    return f"route:{site.pk}:{request.LANGUAGE_CODE}:{digest}"


def recall_route(request, path):
    """Give Wagtail the page (and sub-route) this address led to before, sparing its queries.

    Routing depends only on the site, the language and the path; who may see
    the page is checked afterwards (``before_serve_page``), as always.
    """
    from wagtail.models import Site

    if request.method not in ROUTE_METHODS or hasattr(request, "_wagtail_route_for_request"):
        return
    site = Site.find_for_request(request)
    if site is None:
        return
    route = get(_route_key(request, site, path), _MISSING)
    if route is not _MISSING:
        request._wagtail_route_for_request = request._zib_route_recalled = route


def remember_route(request, path):
    """Keep the route Wagtail found for this request (once: not when it was recalled)."""
    from wagtail.models import Site

    if hasattr(request, "_zib_route_recalled"):
        return
    route = getattr(request, "_wagtail_route_for_request", None)
    site = Site.find_for_request(request)
    if request.method in ROUTE_METHODS and route is not None and site is not None:
        remember(_route_key(request, site, path), route)
