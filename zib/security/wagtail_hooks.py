"""Admin URLs and menu entries of the two-factor sign-in; HTTP methods of pages."""

from django.http import HttpResponseNotAllowed
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.contrib.forms.models import FormMixin
from wagtail.models import Page

from . import services, views

DEFAULT_PAGE_METHODS = ("GET", "HEAD")


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", views.two_factor_setup, name="security_two_factor_setup"),
        path("two-factor/verify/", views.two_factor_verify, name="security_two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("security_two_factor_setup"),
        "label": _("Zwei-Faktor-Anmeldung"),
        "help_text": _("Anmeldung zusätzlich mit einem Code aus einer Authenticator-App absichern."),
    }


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    actions.register_action(
        services.TWO_FACTOR_ENABLED_ACTION,
        _("Zwei-Faktor-Anmeldung eingerichtet"),
        _("Zwei-Faktor-Anmeldung eingerichtet"),
    )
    actions.register_action(
        services.TWO_FACTOR_DISABLED_ACTION,
        _("Zwei-Faktor-Anmeldung entfernt"),
        _("Zwei-Faktor-Anmeldung entfernt"),
    )


def allowed_page_methods(page):
    """HTTP methods a page answers, or None where Wagtail's own check decides.

    A page type that sets Wagtail's ``allowed_http_methods`` gets exactly
    those (Wagtail's ``check_request_method`` hook enforces them), and
    Wagtail's form pages take POST. Every other page only reads — forms of
    the site post to their own views — so it answers GET and HEAD, even
    though Wagtail's default would accept any method.
    """
    page_class = type(page)
    if page_class.allowed_http_methods is not Page.allowed_http_methods:
        return None
    if issubclass(page_class, FormMixin):
        return None
    return DEFAULT_PAGE_METHODS


@hooks.register("before_serve_page")
def refuse_unsupported_methods(page, request, serve_args, serve_kwargs):
    """POST, PUT, DELETE … on a page that only reads get 405, not the page."""
    allowed = allowed_page_methods(page)
    if allowed is not None and request.method not in allowed:
        return HttpResponseNotAllowed(allowed)
    return None
