"""Paged listings whose order is remembered: the ids behind a listing, per cache generation.

A listing of 2,000 articles costs a COUNT and an OFFSET query over all of
them on every request, and the topic filter a DISTINCT over all of them.
What the listing contains changes only when something a visitor can see
changes, which starts a new cache generation — so each process keeps the
ordered ids of each listing (``zib.pagecache.local``), pages through that
list and loads only the page's objects, by id, with everything their cards
need. What is kept is never older than a page in the page cache could be
(``local.until_scheduled_change``).
"""

from django.core.paginator import Paginator

from zib.pagecache import local


def _queryset(queryset):
    """The queryset itself, or what a callable given instead returns."""
    return queryset() if callable(queryset) else queryset


def remembered_ids(key, queryset):
    """The primary keys of ``queryset`` in its order, remembered under ``key`` for this generation.

    ``queryset`` may be a callable returning it: it is called only when the
    ids are not remembered, so a warm request does not even build it.
    """
    return local.get_or_compute(
        f"listing:{key}",
        # A tuple of ints: kept as it is, not pickled (zib.pagecache.backends).
        lambda: tuple(_queryset(queryset).values_list("pk", flat=True)),
        timeout=local.until_scheduled_change,
    )


def load_in_order(queryset, ids):
    """The objects of ``queryset`` with these ids, in the order of ``ids``.

    An id whose object no longer matches the queryset is left out.
    """
    if not ids:
        return []
    by_pk = {obj.pk: obj for obj in queryset.filter(pk__in=ids)}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def paginate(request, key, queryset, per_page, *, load=None, page_param="page", page_number=None):
    """``(paginator, page)`` of a listing, its page's objects loaded by id.

    ``queryset`` says what the listing holds and in which order (or is a
    callable returning it, called only when it is needed: when the ids are
    not remembered, or to load the page's objects without ``load``);
    ``load`` (ids -> objects in that order) fetches a page's objects with
    what their cards need, by default from ``queryset`` itself. ``key`` must
    name everything the queryset depends on (the page, the language, the
    filters); ``key=None`` remembers nothing (a free-text search).
    The page is ``page_number`` if given, else the request's ``page_param``;
    a page number that is not a number or out of range gives the first or
    the last page, as ``Paginator.get_page`` does.
    """
    if key is None:
        ids = list(_queryset(queryset).values_list("pk", flat=True))
    else:
        ids = remembered_ids(key, queryset)
    paginator = Paginator(ids, per_page)
    page = paginator.get_page(request.GET.get(page_param) if page_number is None else page_number)
    page_ids = list(page.object_list)
    if load is not None:
        page.object_list = load(page_ids)
    else:
        page.object_list = load_in_order(_queryset(queryset), page_ids) if page_ids else []
    return paginator, page
