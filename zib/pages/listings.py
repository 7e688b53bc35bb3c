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


def remembered_ids(key, queryset):
    """The primary keys of ``queryset`` in its order, remembered under ``key`` for this generation."""
    return local.get_or_compute(
        f"listing:{key}",
        lambda: list(queryset.values_list("pk", flat=True)),
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


def paginate(request, key, queryset, per_page, *, load=None, page_param="page"):
    """``(paginator, page)`` of a listing, its page's objects loaded by id.

    ``queryset`` says what the listing holds and in which order; ``load``
    (ids -> objects in that order) fetches a page's objects with what their
    cards need, by default from ``queryset`` itself. ``key`` must name
    everything the queryset depends on (the page, the language, the filters).
    A page number that is not a number or out of range gives the first or
    the last page, as ``Paginator.get_page`` does.
    """
    ids = remembered_ids(key, queryset)
    paginator = Paginator(ids, per_page)
    page = paginator.get_page(request.GET.get(page_param))
    page_ids = list(page.object_list)
    page.object_list = load(page_ids) if load is not None else load_in_order(queryset, page_ids)
    return paginator, page
