"""Register the events app's admin views, audit-log actions and page buttons."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from . import services
from .models import EventPage, Registration
from .viewsets import EventSnippetsGroup, RegistrationPermissionPolicy, RegistrationViewSet

register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))
registration_viewset = RegistrationViewSet("registrations")
register_snippet(EventSnippetsGroup)


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


@hooks.register("register_log_actions")
def register_event_log_actions(actions):
    actions.register_action("zib_events.registration.confirmed", _("Anmeldung"), _("Angemeldet"))
    actions.register_action(
        "zib_events.registration.waitlisted", _("Warteliste"), _("Auf die Warteliste gesetzt")
    )
    actions.register_action(
        "zib_events.registration.promoted", _("Nachgerückt"), _("Von der Warteliste nachgerückt")
    )
    actions.register_action("zib_events.registration.cancelled", _("Abmeldung"), _("Abgemeldet"))
    actions.register_action(
        "zib_events.registrations.purged",
        _("Anmeldedaten gelöscht"),
        _("Personenbezogene Daten der Anmeldungen nach Ablauf der Frist gelöscht"),
    )


def _registrations_button(page, user, priority):
    """ "Anmeldungen" beside an event with registration, linking to its filtered list."""
    specific = page.specific_deferred
    if not (isinstance(specific, EventPage) and specific.registration_enabled):
        return
    if not registration_viewset.permission_policy.user_has_permission(user, "view"):
        return
    url = reverse(registration_viewset.get_url_name("index")) + f"?event={specific.registration_event.pk}"
    yield PageMenuItem(_("Anmeldungen"), url, icon_name="group", priority=priority, page=page)


@hooks.register("register_page_listing_more_buttons")
def page_listing_registrations(page, user, next_url=None):
    yield from _registrations_button(page, user, priority=35)


@hooks.register("register_page_header_buttons")
def page_header_registrations(page, user, view_name, next_url=None):
    yield from _registrations_button(page, user, priority=45)


@hooks.register("after_publish_page")
def move_up_after_publish(request, page):
    """When an editor raises the capacity, people on the waiting list move up at once."""
    specific = page.specific
    if isinstance(specific, EventPage) and specific.registration_enabled:
        services.fill_free_seats(specific, user=getattr(request, "user", None))
