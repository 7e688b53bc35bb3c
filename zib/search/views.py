"""Site search over all live pages of the visitor's language."""

import hashlib
from collections import namedtuple

from django.core.paginator import EmptyPage, Paginator
from django.core.paginator import Page as ResultsPage
from django.db.models import Count, Window
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from zib.pagecache import local
from zib.pages.querysets import SitePageQuerySet

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
# A result shows its title, description and address: nothing of its specific page type.
RESULT_FIELDS = ("id", "title", "search_description", "url_path", "path", "depth", "locale", "content_type")
# Pages beyond this are answered the classic way (count first), so no absurd OFFSET reaches the database.
MAX_DIRECT_PAGE = 1000


def clean_query(raw):
    """The query without control characters, trimmed to a sane length.

    Double quotes go too: the SQLite full-text backend puts each term in
    quotes without escaping them, so a quote in a term is a syntax error.
    """
    printable = "".join(ch if ch.isprintable() and ch != '"' else " " for ch in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


class Result(namedtuple("Result", "pk title description url")):
    """A search result as the results page shows it."""


def active_locale_id():
    """The id of the locale of the active language (Wagtail's fallback: the default), per generation."""
    return local.get_or_compute(f"search:locale:{get_language()}", lambda: Locale.get_active().pk)


def _page_number(raw):
    try:
        return int(raw)
    except (TypeError, ValueError):
        return 1


def paginate_results(results, raw_number, per_page=RESULTS_PER_PAGE):
    """``(paginator, page)`` of search results.

    A broken page number gives the first page, one past the end the last.

    The results carry their total (``COUNT(*) OVER ()``, see ``remembered_results``), so
    the usual case — a page that has results — takes one query and one
    compilation of the search instead of a count and a page. An empty page
    (no results at all, or a number past the end) falls back to counting.
    """
    number = _page_number(raw_number)
    if 1 <= number <= MAX_DIRECT_PAGE:
        rows = list(results[(number - 1) * per_page : number * per_page])
        total = getattr(rows[0], "search_total", None) if rows else (0 if number == 1 else None)
        if total is not None:
            paginator = Paginator(results, per_page)
            paginator.count = total  # a cached_property: no COUNT query
            return paginator, ResultsPage(rows, number, paginator)
    paginator = Paginator(results, per_page)
    try:
        page = paginator.page(number)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return paginator, page


def remembered_results(request, query, raw_number):
    """``(paginator, page)`` of the results of ``query``, a page of ``Result``s.

    Each page of results (its results, the total and the page number it
    turned out to be) is remembered per site, language, query and page
    number in the ``typed`` in-process cache: the same search with other
    parameters (``?utm_source=…``) or by a signed-in editor takes no
    query. Like the page cache, which keeps the whole page of the same
    address, it is forgotten when anything a visitor can see changes.
    The ``typed`` cache is apart from the others, so a flood of new
    search terms only pushes out older searches.
    """
    locale_id = active_locale_id()
    number = _page_number(raw_number)
    site = getattr(request, "_wagtail_site", None)
    address = "\x1f".join([str(site.pk if site else 0), str(locale_id), str(number), query])
    key = "search:" + hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()

    def compute():
        results = (
            SitePageQuerySet(Page)
            .live()
            .public()
            .filter(locale_id=locale_id)
            .only(*RESULT_FIELDS)
            .annotate(search_total=Window(Count("pk")))
            .search(query)
        )
        paginator, page = paginate_results(results, number)
        rows = [Result(hit.pk, hit.title, hit.search_description, hit.get_url(request)) for hit in page]
        return rows, paginator.count, page.number

    rows, total, number = local.get_or_compute(
        key, compute, timeout=local.until_scheduled_change, alias="typed"
    )
    paginator = Paginator(range(total), RESULTS_PER_PAGE)
    return paginator, ResultsPage(rows, number, paginator)


@require_GET
def search(request):
    """Search live pages; a broken page number shows the first page.

    What does not depend on the query is remembered like everything else:
    the restricted sections (``SitePageQuerySet.public()``) and the locale's
    id; the pages of results in a cache of their own (``remembered_results``).
    """
    query = clean_query(request.GET.get("q", ""))
    if query:
        paginator, page = remembered_results(request, query, request.GET.get("page", 1))
    else:
        paginator, page = paginate_results(Page.objects.none(), 1)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": page, "paginator": paginator},
    )
