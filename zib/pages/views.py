"""Views for site-wide pages that are not Wagtail pages."""

from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found as django_page_not_found


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Allow crawlers everywhere but the admin; point them at the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    return django_page_not_found(request, exception, template_name="404.html")


def server_error(request):
    # No context processors: the database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
