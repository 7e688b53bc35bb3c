"""The sitemap: every live page in every language, with its translations as alternates."""

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from .services import offered_language_codes


class PageSitemap(Sitemap):
    """Wagtail's sitemap over all language trees of the site.

    Each URL lists the page's real translations (<xhtml:link rel="alternate"
    hreflang>) and x-default (the German page). Aliases, which only mirror
    German content under another language's address, are left out.
    """

    def items(self):
        if not hasattr(self, "_pages"):
            site = self.get_wagtail_site()
            roots = Page.objects.filter(translation_key=site.root_page.translation_key)
            in_site = Q()
            for root in roots:
                in_site |= Q(path__startswith=root.path)
            self._pages = list(
                Page.objects.live()
                .public()
                .filter(in_site, alias_of__isnull=True)
                .order_by("path")
                .defer_streamfields()
                .specific()
            )
        return self._pages

    def _alternates(self):
        if not hasattr(self, "_alternates_by_key"):
            codes = dict(Locale.objects.values_list("id", "language_code"))
            offered = set(offered_language_codes())
            groups = {}
            for page in self.items():
                code = codes.get(page.locale_id)
                if code not in offered:
                    continue
                location = page.get_full_url(self.request)
                if location:
                    groups.setdefault(page.translation_key, []).append(
                        {"lang_code": code, "location": location}
                    )
            for alternates in groups.values():
                default = next((a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None)
                if default is not None:
                    alternates.append({"lang_code": "x-default", "location": default["location"]})
            self._alternates_by_key = groups
        return self._alternates_by_key

    def _urls(self, page, protocol, domain):
        alternates = self._alternates()
        urls = []
        last_mods = set()
        for item in self.paginator.page(page).object_list:
            for position, url_info in enumerate(item.get_sitemap_urls(self.request)):
                if position == 0:
                    url_info.setdefault("alternates", alternates.get(item.translation_key, []))
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
