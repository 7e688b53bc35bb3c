"""The base queryset of the site's page types."""

from django.db.models import Q
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from zib.pagecache import local


def restricted_paths():
    """Tree paths of the pages with a view restriction, remembered per cache generation."""
    return local.get_or_compute(
        "pages:restricted-paths",
        lambda: sorted(PageViewRestriction.objects.values_list("page__path", flat=True).distinct()),
    )


class SitePageQuerySet(PageQuerySet):
    """Wagtail's page queryset whose ``public()`` needs no query per call.

    Wagtail loads every view restriction each time ``public()`` is used; the
    restricted sections change rarely and any change starts a new cache
    generation, so their paths are remembered.
    """

    def private_q(self):
        q = Q()
        for path in restricted_paths():
            q |= Q(path__startswith=path)
        # Match no page if there is no private section.
        return q if q else Q(pk__in=[])


SitePageManager = PageManager.from_queryset(SitePageQuerySet)
