"""Site search over all live pages of the visitor's language."""

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


def active_locale_id():
    """The id of the locale of the active language (Wagtail's fallback: the default), per generation."""
    return local.get_or_compute(f"search:locale:{get_language()}", lambda: Locale.get_active().pk)


def paginate_results(results, raw_number, per_page=RESULTS_PER_PAGE):
    """``(paginator, page)`` of search results.

    A broken page number gives the first page, one past the end the last.

    The results carry their total (``COUNT(*) OVER ()``, see ``search``), so
    the usual case — a page that has results — takes one query and one
    compilation of the search instead of a count and a page. An empty page
    (no results at all, or a number past the end) falls back to counting.
    """
    try:
        number = int(raw_number)
    except (TypeError, ValueError):
        number = 1
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


@require_GET
def search(request):
    """Search live pages; a broken page number shows the first page.

    The results are never remembered (the query is free text); what does not
    depend on it is: the restricted sections (``SitePageQuerySet.public()``)
    and the locale's id.
    """
    query = clean_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        results = (
            SitePageQuerySet(Page)
            .live()
            .public()
            .filter(locale_id=active_locale_id())
            .only(*RESULT_FIELDS)
            .annotate(search_total=Window(Count("pk")))
            .search(query)
        )
    paginator, page = paginate_results(results, request.GET.get("page", 1))
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": page, "paginator": paginator},
    )
