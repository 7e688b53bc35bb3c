"""Views outside the page tree: robots.txt, error pages, the contact form's submission."""

from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import get_object_or_404
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.defaults import page_not_found as django_page_not_found

from .forms import ContactForm
from .models import ContactPage
from .services import submit_contact_message


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


@csrf_exempt  # the public site sets no cookies; ContactForm checks a signed token instead
@require_POST
def contact_submit(request, page_id):
    """Receive the contact form: store and e-mail a valid message, else show the form again.

    On errors the contact page is rendered again with everything the person
    typed and an error summary; on success the browser is sent to the
    page's thank-you route (POST/redirect/GET).
    """
    page = get_object_or_404(ContactPage.objects.live().public(), pk=page_id)
    form = ContactForm(request.POST, page=page, privacy_url=page.get_privacy_url(request))
    if form.is_valid():
        submit_contact_message(page, form.cleaned_data, language=getattr(request, "LANGUAGE_CODE", ""))
        response = HttpResponseRedirect(page.get_url(request) + page.reverse_subpage("thank_you_view"))
        response.status_code = 303
        return response
    response = page.render(request, context_overrides={"form": form})
    add_never_cache_headers(response)
    return response
