"""The site's URLs plus a public form, for the CSRF tests."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.urls import path

from zib.home.models import HomePage
from zib.urls import urlpatterns as site_urlpatterns


def public_form(request):
    if request.method == "POST":
        return HttpResponse("Nachricht angekommen")
    template = engines["django"].from_string(
        '<form method="post">{% csrf_token %}<button>Senden</button></form>'
    )
    return HttpResponse(template.render({}, request))


def entry(request, entry_id):
    # A primary key that is a one-to-one field: no range check in Django's lookup.
    page = get_object_or_404(HomePage, pk=entry_id)
    return HttpResponse(page.title)


urlpatterns = [
    path("formular/", public_form),
    path("de/eintrag/<int:entry_id>/", entry),
    *site_urlpatterns,
]
