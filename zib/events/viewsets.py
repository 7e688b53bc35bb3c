"""Admin for events: registrations (list, CSV export), videos and languages."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from zib.security.spreadsheets import SpreadsheetSafeExportMixin

from . import services
from .models import Language, Registration, Video

# What staff see of a registration, on its own page and in the export.
REGISTRATION_FIELDS = [
    "event",
    "status",
    "name",
    "email",
    "phone",
    "note",
    "language",
    "created_at",
    "promoted_at",
    "cancelled_at",
]


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Registrations come only from the public form: staff view, export, correct and remove them."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


class RegistrationIndexView(SpreadsheetSafeExportMixin, IndexView):
    """Registrations with a CSV export that spreadsheets cannot run as formulas."""


class RegistrationDeleteView(DeleteView):
    """Removing a registration frees its seat: the waiting list moves up first."""

    def delete_action(self):
        with transaction.atomic():
            registration = self.object
            if registration.is_active and registration.event.ends_at > timezone.now():
                services.cancel_registration(registration, user=self.request.user)
            super().delete_action()


class RegistrationViewSet(ModelViewSet):
    """Who registered for which event; filter by event and status, export as CSV or Excel."""

    model = Registration
    icon = "group"
    menu_label = _("Anmeldungen")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = RegistrationIndexView
    delete_view_class = RegistrationDeleteView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["name", "phone", "note"]
    list_display = ["name", "email", "event", "status", "created_at"]
    list_filter = ["status", "event"]
    list_export = REGISTRATION_FIELDS
    export_filename = "anmeldungen"
    search_fields = ["name", "email"]
    ordering = ["event", "status", "created_at"]
    inspect_view_fields = REGISTRATION_FIELDS

    def get_queryset(self, request):
        return Registration.objects.select_related("event")


class VideoViewSet(SnippetViewSet):
    model = Video
    icon = "media"
    menu_label = _("Videos")
    list_display = ["title", "kind", "speaker", "spoken_language", "locale"]
    list_filter = ["kind", "spoken_language", "locale"]
    search_fields = ["title", "description"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    menu_label = _("Sprachen")
    list_display = ["name", "native_name", "code"]
    search_fields = ["name", "native_name", "code"]
    ordering = ["sort_order", "name"]


class EventSnippetsGroup(SnippetViewSetGroup):
    items = (VideoViewSet, LanguageViewSet)
    menu_icon = "date"
    menu_label = _("Videos und Sprachen")
    menu_name = "event-snippets"
    menu_order = 260
