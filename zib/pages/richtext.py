"""Rich-text links whose targets are remembered per cache generation.

Wagtail expands every ``<a linktype="page" id="…">`` and ``<a linktype="document"
id="…">`` of a rich text on each render: a query for the pages (another
for their specific types and one for the locale of ``localized``) and one for
the documents. The addresses they lead to change only when a page is
published, moved or unpublished or a document is saved, and each of these
starts a new cache generation, so the addresses are remembered in
``zib.pagecache.local`` instead (per language: a page link leads to the
page's translation in the visitor's language).
"""

import hashlib

from django.utils.html import escape
from django.utils.translation import get_language
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text.pages import PageLinkHandler

from zib.pagecache import local

_GONE = object()


def _key(prefix, attrs_list):
    ids = ",".join(sorted({str(attrs.get("id")) for attrs in attrs_list}))
    if len(ids) > 200:
        ids = hashlib.sha256(ids.encode()).hexdigest()
    return f"{prefix}:{ids}"


def _links(urls, attrs_list):
    """``<a href>`` of each link; a plain ``<a>`` when its target is gone (as Wagtail does)."""
    links = []
    for attrs in attrs_list:
        url = urls.get(str(attrs.get("id")), _GONE)
        links.append("<a>" if url is _GONE else f'<a href="{escape(url)}">')
    return links


class RememberedPageLinkHandler(PageLinkHandler):
    """Wagtail's page links: ``page.localized.url``, remembered per generation and language."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        key = _key(f"richtext:pages:{get_language() or ''}", attrs_list)
        urls = local.get_or_compute(key, lambda: cls.urls(attrs_list), timeout=local.until_scheduled_change)
        return _links(urls, attrs_list)

    @classmethod
    def urls(cls, attrs_list):
        """{id as text: the address of the page (its live translation in the active language)}."""
        pages = cls.get_many(attrs_list)
        return {str(page.pk): page.localized.url for page in pages if page is not None}


class RememberedDocumentLinkHandler(DocumentLinkHandler):
    """Wagtail's document links, remembered per generation."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        urls = local.get_or_compute(_key("richtext:documents", attrs_list), lambda: cls.urls(attrs_list))
        return _links(urls, attrs_list)

    @classmethod
    def urls(cls, attrs_list):
        return {
            str(document.pk): document.url for document in cls.get_many(attrs_list) if document is not None
        }
