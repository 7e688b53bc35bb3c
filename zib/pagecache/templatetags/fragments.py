"""``{% fragment %}``: a piece of a page rendered once per process, language and cache generation.

For what many pages and requests show alike — the footer, the main
navigation, the card of an article or an event in every listing::

    {% load fragments %}
    {% fragment "news-teaser" article.pk heading %} … {% endfragment %}

The key is the name and the given values plus the site and the active
language; like everything in ``zib.pagecache.local`` it is forgotten when
anything a visitor can see changes, and after ``PAGE_CACHE_TIMEOUT`` at the
latest (for what depends on the time of day, such as "Ausgebucht" or a date
that has passed). Previews, requests other than GET/HEAD and fragments
that hold a CSRF token are always rendered afresh.
"""

import hashlib

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from zib.pagecache import local

register = template.Library()

CSRF_FLAG = "CSRF_COOKIE_NEEDS_UPDATE"


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
                local.remember(key, str(html), getattr(settings, "PAGE_CACHE_TIMEOUT", 300))
        return mark_safe(html)


def _may_cache(request):
    return (
        request is not None
        and request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and not getattr(request, "is_dummy", False)
        and CSRF_FLAG not in request.META
    )


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
