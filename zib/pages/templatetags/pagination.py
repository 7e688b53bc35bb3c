"""``{% page_links page_obj %}``: the page numbers a listing links to, computed once in Python.

The first and last page, two pages either side of the current one and an
ellipsis for each gap — however many pages the listing has (looping over
every page number in the template cost milliseconds on a listing of 200
pages).
"""

from django import template

register = template.Library()

ON_EACH_SIDE = 2
ON_ENDS = 1


@register.simple_tag
def page_links(page_obj):
    """``(number, is_current)`` pairs; ``number`` is None for a gap."""
    paginator = page_obj.paginator
    links = []
    for number in paginator.get_elided_page_range(
        page_obj.number, on_each_side=ON_EACH_SIDE, on_ends=ON_ENDS
    ):
        if number == paginator.ELLIPSIS:
            links.append((None, False))
        else:
            links.append((number, number == page_obj.number))
    return links
