"""The site's URLs plus a public form, for the CSRF tests."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from zib.urls import urlpatterns as site_urlpatterns


def public_form(request):
    if request.method == "POST":
        return HttpResponse("Nachricht angekommen")
    template = engines["django"].from_string(
        '<form method="post">{% csrf_token %}<button>Senden</button></form>'
    )
    return HttpResponse(template.render({}, request))


urlpatterns = [path("formular/", public_form), *site_urlpatterns]
