"""Admin registration: the network menu, the review page and the audit log's labels."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import admin_views
from .viewsets import NetworkViewSetGroup

register_snippet(NetworkViewSetGroup)


@hooks.register("register_admin_urls")
def register_review_urls():
    urls = [path("<int:pk>/", admin_views.review, name="review")]
    return [path("netzwerk/vorschlaege/", include((urls, "organizations_admin")))]


@hooks.register("register_log_actions")
def register_network_log_actions(actions):
    actions.register_action(
        "organizations.proposal.submit", _("Vorschlag eingereicht"), _("Vorschlag eingereicht")
    )
    actions.register_action(
        "organizations.proposal.confirm_email", _("E-Mail-Adresse bestätigt"), _("E-Mail-Adresse bestätigt")
    )
    actions.register_action(
        "organizations.proposal.resubmit", _("Vorschlag überarbeitet"), _("Vorschlag überarbeitet")
    )
    actions.register_action(
        "organizations.proposal.publish", _("Vorschlag veröffentlicht"), _("Vorschlag veröffentlicht")
    )
    actions.register_action(
        "organizations.proposal.return",
        _("Zur Überarbeitung zurückgeschickt"),
        _("Zur Überarbeitung zurückgeschickt"),
    )
    actions.register_action(
        "organizations.proposal.reject", _("Vorschlag abgelehnt"), _("Vorschlag abgelehnt")
    )
    actions.register_action("organizations.entry.confirm", _("Eintrag bestätigt"), _("Eintrag bestätigt"))
    actions.register_action(
        "organizations.entry.request_confirmation", _("Bestätigung angefragt"), _("Bestätigung angefragt")
    )
