"""URL configuration.

Public pages live under a language prefix (/de/, /en/, /ar/ …); the admin,
documents, feeds for machines and static files do not.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from zib.languages import views as language_views
from zib.languages.sitemaps import PageSitemap
from zib.pages import views as page_views
from zib.search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("podcast/", include("zib.podcast.urls")),
    path("robots.txt", page_views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico on pages without an icon link (e.g. Wagtail's own login page).
    path("favicon.ico", require_safe(lambda request: redirect(static("img/favicon.svg"), permanent=True))),
    path("oparl/v1/", include("zib.council.urls")),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": {"pages": PageSitemap}}, name="sitemap"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("suche/", search_views.search, name="search"),
    path("foerderung/antrag/", include("zib.grants.urls")),
    path("", include("zib.events.urls")),
    path("netzwerk-eintrag/", include("zib.organizations.urls")),
    path("formulare/", include("zib.pages.urls")),
    # Wagtail's page view with the fallback to German for untranslated pages.
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", language_views.serve, name="zib_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "zib.pages.views.page_not_found"
handler500 = "zib.pages.views.server_error"
