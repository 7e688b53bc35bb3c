"""Site-wide data for the page chrome (header, navigation, footer)."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .models import OfficeSettings


def _load_chrome(request):
    office = OfficeSettings.load(request_or_site=request)
    site = Site.find_for_request(request)
    return {
        "office": office,
        "home": site.root_page.localized if site else None,
        "navigation": [
            item for item in office.navigation_items.select_related("page").all() if item.page.live
        ],
        "footer_links": [item for item in office.footer_links.select_related("page").all() if item.page.live],
        "social_channels": list(office.social_channels.all()),
    }


def site_chrome(request):
    """Header and footer data, loaded only when a template uses it."""
    return {"chrome": SimpleLazyObject(lambda: _load_chrome(request))}
