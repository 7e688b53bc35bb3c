"""Metadata for machines: Open Graph tags and schema.org JSON-LD of articles."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from zib.pages.context_processors import load_chrome

from .models import LEAD_RENDITION, SOCIAL_RENDITION

# The same escapes as Django's json_script: the JSON can then never close
# the <script> element or start an HTML comment, whatever an editor typed.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """Render `data` as the content of a <script type="application/ld+json">."""
    # Safe: escaped above, exactly as django.utils.html.json_script does.
    return mark_safe(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    )


def _absolute_image_url(request, image, spec):
    rendition = image.get_rendition(spec)
    return request.build_absolute_uri(rendition.url), rendition


def article_open_graph(page, request, full_url=None):
    """Open Graph properties as (property, content) pairs, in document order.

    ``full_url``: the page's absolute address, if already at hand.
    """
    # og:locale and its alternates come from the languages app (base.html).
    office = load_chrome(request)["office"]
    tags = [
        ("og:type", "article"),
        ("og:title", page.seo_title or page.title),
        ("og:description", page.search_description or page.teaser),
        ("og:url", full_url or page.get_full_url(request)),
        ("og:site_name", office["office_name"]),
    ]
    image = page.lead_image
    if image is not None:
        url, rendition = _absolute_image_url(request, image, SOCIAL_RENDITION)
        tags += [
            ("og:image", url),
            ("og:image:width", str(rendition.width)),
            ("og:image:height", str(rendition.height)),
            ("og:image:alt", image.description),
        ]
    tags.append(("article:published_time", page.published_at.isoformat()))
    tags.append(("article:modified_time", page.modified_at.isoformat()))
    if page.author:
        tags.append(("article:author", page.author.name))
    tags += [("article:tag", topic.name) for topic in page.topics]
    return tags


def article_json_ld(page, request, full_url=None):
    """schema.org NewsArticle as Google documents it, ready for the template.

    ``full_url``: the page's absolute address, if already at hand.
    """
    # Office and start page as in the header: cached with the page chrome.
    chrome = load_chrome(request)
    publisher = {
        "@type": "GovernmentOrganization",
        "name": chrome["office"]["office_name"],
        "url": request.build_absolute_uri(chrome["home_url"]),
    }

    images = []
    for image in page.images:
        for spec in (SOCIAL_RENDITION, LEAD_RENDITION):
            images.append(_absolute_image_url(request, image, spec)[0])

    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": full_url or page.get_full_url(request)},
        "headline": page.title[:110],
        "description": page.teaser,
        "inLanguage": page.locale.language_code,
        "datePublished": page.published_at.isoformat(),
        "dateModified": page.modified_at.isoformat(),
        "publisher": publisher,
    }
    if page.author:
        data["author"] = [{"@type": "Person", "name": page.author.name}]
    else:
        data["author"] = [publisher]
    if images:
        data["image"] = images
    topics = page.topics
    if topics:
        data["keywords"] = [topic.name for topic in topics]
    return json_ld_script(data)
