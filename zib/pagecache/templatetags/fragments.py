"""``{% fragment %}``: a piece of a page rendered once per process, language and cache generation.

For what many pages and requests show alike — the footer, the main
navigation, the card of an article or an event in every listing::

    {% load fragments %}
    {% fragment "news-teaser" article.pk heading %} … {% endfragment %}

A whole list of such cards can be one fragment too, keyed by what it shows
(``pks``: the primary keys of the listed objects, in order); a request then
reads one remembered piece instead of one per card, while each card stays a
fragment of its own for the other lists it appears in::

    {% fragment "news-list" articles|pks %}{% for article in articles %} … {% endfor %}{% endfragment %}

The key is the name and the given values plus the site and the active
language; like everything in ``zib.pagecache.local`` it is forgotten when
anything a visitor can see changes, and after ``PAGE_CACHE_TIMEOUT`` at the
latest (for what depends on the time of day, such as "Ausgebucht" or a date
that has passed). Previews, requests other than GET/HEAD and fragments
that hold a CSRF token are always rendered afresh.
"""

import hashlib
import re

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from zib.pagecache import local

register = template.Library()

CSRF_FLAG = "CSRF_COOKIE_NEEDS_UPDATE"
# A line break and the whitespace after it: the indentation of the templates.
_INDENTATION = re.compile(r"\n\s+")


def compact(html):
    """``html`` without the templates' indentation and blank lines (each such run becomes one line break).

    A browser shows a run of whitespace as one space either way, except in
    ``<pre>`` and ``<textarea>``: a fragment with either is kept as it is.
    A list of 50 event cards loses about a quarter of its weight.
    """
    if "<pre" in html or "<textarea" in html:
        return html
    return _INDENTATION.sub("\n", html)


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if not _may_cache(request):
            return self.nodelist.render(context)
        site = getattr(request, "_wagtail_site", None)
        parts = [str(site.pk if site else 0), get_language() or "", str(self.name.resolve(context))]
        parts += [str(value.resolve(context)) for value in self.vary_on]
        digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
        key = f"fragment:{digest}"
        html = local.get(key)
        if html is None:
            html = self.nodelist.render(context)
            if CSRF_FLAG not in request.META:  # the fragment holds no per-visitor token
                html = compact(str(html))
                local.remember(key, html, getattr(settings, "PAGE_CACHE_TIMEOUT", 300))
        return mark_safe(html)


def _may_cache(request):
    return (
        request is not None
        and request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and not getattr(request, "is_dummy", False)
        and CSRF_FLAG not in request.META
    )


@register.filter
def pks(objects):
    """The primary keys of ``objects`` in their order, as "3,1,2" (a fragment key for a list)."""
    return ",".join([str(obj.pk) for obj in objects])


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )
