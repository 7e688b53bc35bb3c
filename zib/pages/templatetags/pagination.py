"""``{% page_links page_obj as links %}``: the links of a listing's pagination, computed once in Python.

The first and last page, two pages either side of the current one and an
ellipsis for each gap — however many pages the listing has (looping over
every page number in the template cost milliseconds on a listing of 200
pages) — each with its address: the request's query string with ``page``
set, as ``{% querystring page=… %}`` would give it.
"""

from dataclasses import dataclass

from django import template

register = template.Library()

ON_EACH_SIDE = 2
ON_ENDS = 1
PAGE_PARAM = "page"


@dataclass
class PageLinks:
    numbers: list  # (number, url, is_current); number None for a gap
    previous_url: str | None = None
    next_url: str | None = None


@register.simple_tag(takes_context=True)
def page_links(context, page_obj):
    request = context.get("request")
    params = request.GET.copy() if request is not None else None

    def url(number):
        if params is None:
            return f"?{PAGE_PARAM}={number}"
        params[PAGE_PARAM] = number
        return f"?{params.urlencode()}"

    paginator = page_obj.paginator
    numbers = []
    elided = paginator.get_elided_page_range(page_obj.number, on_each_side=ON_EACH_SIDE, on_ends=ON_ENDS)
    for number in elided:
        if number == paginator.ELLIPSIS:
            numbers.append((None, None, False))
        else:
            numbers.append((number, url(number), number == page_obj.number))
    return PageLinks(
        numbers,
        previous_url=url(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        next_url=url(page_obj.next_page_number()) if page_obj.has_next() else None,
    )
