"""Where images are used, found through Wagtail's reference index.

The reference index records every foreign key, chooser block and rich-text
embed that points at an image, for pages and for snippets. From it the
"Bildnachweise" page is built in a fixed number of queries, however many
images and pages the site has.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail import hooks
from wagtail.models import Page, ReferenceIndex

from zib.pagecache import local
from zib.pages import listings
from zib.pages.deferred import deferred_objects

from .models import CustomImage

#: Wagtail hook name: functions registered under it return (image_id, page)
#: pairs for images a page shows without referencing them itself, e.g. the
#: photos of the current team on the team page.
IMAGE_USAGE_HOOK = "zib_image_usages"


def _live_page_ids():
    """Ids of live, publicly visible pages as strings (the index stores text ids)."""
    return (
        Page.objects.live().public().annotate(id_text=Cast("pk", output_field=CharField())).values("id_text")
    )


def image_usage():
    """Map each image id to the ids of the live pages that show it.

    An image counts as used on a page when the page references it directly
    (image field, image block, image in rich text) or through a snippet the
    page references (a person's photo, an organisation's logo). Drafts and
    unpublished pages do not count: the index holds what is saved on the page
    row, which is the live version for published pages.
    """
    page_ct = ContentType.objects.get_for_model(Page)
    image_ct = ContentType.objects.get_for_model(CustomImage)

    usage = defaultdict(set)
    # Snippets referenced by live pages: (content type id, object id) -> page ids.
    snippets = defaultdict(set)
    references = (
        ReferenceIndex.objects.filter(base_content_type=page_ct, object_id__in=_live_page_ids())
        .exclude(to_content_type=page_ct)
        .values_list("object_id", "to_content_type_id", "to_object_id")
        .distinct()
    )
    for page_id, to_ct_id, to_id in references:
        if to_ct_id == image_ct.pk:
            usage[int(to_id)].add(int(page_id))
        else:
            snippets[(to_ct_id, to_id)].add(int(page_id))

    if snippets:
        by_type = defaultdict(list)
        for ct_id, object_id in snippets:
            by_type[ct_id].append(object_id)
        condition = Q()
        for ct_id, object_ids in by_type.items():
            condition |= Q(base_content_type_id=ct_id, object_id__in=object_ids)
        for ct_id, object_id, image_id in (
            ReferenceIndex.objects.filter(condition, to_content_type=image_ct)
            .values_list("base_content_type_id", "object_id", "to_object_id")
            .distinct()
        ):
            usage[int(image_id)].update(snippets[(ct_id, object_id)])

    for provider in hooks.get_hooks(IMAGE_USAGE_HOOK):
        for image_id, page_id in provider():
            usage[image_id].add(page_id)
    return usage


#: How many pages an entry names; the rest are counted ("und 1990 weitere Seiten").
PAGES_NAMED = 10


def _pick_translations(rows, locale):
    """``(pk, title)`` of one page per translation key, preferring ``locale``, ordered by title.

    ``rows``: ``(pk, translation_key, locale_id, title)`` of the pages an image is used on.
    """
    chosen = {}
    for pk, translation_key, locale_id, title in rows:
        current = chosen.get(translation_key)
        if current is None or (locale is not None and locale_id == locale.pk):
            chosen[translation_key] = (pk, title)
    return sorted(chosen.values(), key=lambda page: page[1].casefold())


def remembered_usage():
    """``image_usage()``, remembered per process and cache generation.

    Publishing, unpublishing, moving a page, a new view restriction, a saved
    image or team membership each start a new generation; a page's scheduled
    expiry is a scheduled change (``local.until_scheduled_change``).
    """
    return local.get_or_compute("images:usage", image_usage, timeout=local.until_scheduled_change)


def _load_credits(ids, locale, thumbnail_spec):
    """The images of one page of credits with their thumbnails and the pages they are used on.

    Each image gets ``used_on``, the first ``PAGES_NAMED`` pages (one per
    translation, ordered by title), and ``used_on_more``, how many pages
    there are besides. Only the named pages are loaded as pages: a header
    image of 2,000 articles costs a list of 2,000 titles, not 2,000 pages.
    """
    usage = remembered_usage()
    images = list(CustomImage.objects.filter(pk__in=ids).prefetch_renditions(thumbnail_spec))
    page_ids = {page_id for image in images for page_id in usage.get(image.pk, ())}
    used_pages = Page.objects.filter(pk__in=page_ids)
    rows = {row[0]: row for row in used_pages.values_list("pk", "translation_key", "locale_id", "title")}
    named = {}
    for image in images:
        used_on = _pick_translations([rows[pk] for pk in usage.get(image.pk, ()) if pk in rows], locale)
        named[image.pk] = [pk for pk, _title in used_on[:PAGES_NAMED]]
        image.used_on_more = max(0, len(used_on) - PAGES_NAMED)
    pages = (
        Page.objects.filter(pk__in={pk for pks in named.values() for pk in pks})
        .select_related("locale")
        .only("pk", "title", "url_path", "path", "depth", "locale", "translation_key", "content_type")
    )
    pages_by_id = {page.pk: page for page in pages}
    for image in images:
        image.used_on = [pages_by_id[pk] for pk in named[image.pk] if pk in pages_by_id]
    return images


def image_credits(page_number=None, per_page=48, locale=None, thumbnail_spec="fill-240x160"):
    """One page (of a `Paginator`) of images used on live pages, ordered by title.

    Each image carries `used_on`: the live pages showing it, one per
    translation, in `locale` where a translation exists. The ordered ids
    are remembered per cache generation; the page's images are stand-ins
    (``zib.pages.deferred``): they and their renditions for `thumbnail_spec`
    and their pages are loaded, all at once, only when an entry is not
    remembered.
    """
    ids = listings.remembered_ids(
        "images:credits",
        lambda: CustomImage.objects.filter(pk__in=list(remembered_usage())).order_by("title", "pk"),
    )
    page_obj = Paginator(ids, per_page).get_page(page_number)
    page_obj.object_list = deferred_objects(
        CustomImage, page_obj.object_list, lambda page_ids: _load_credits(page_ids, locale, thumbnail_spec)
    )
    return page_obj
