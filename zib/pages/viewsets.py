"""Admin views of the pages app: messages from the contact form."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import ContactMessage


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Messages come from visitors: staff may read and delete them, never edit or invent them."""

    read_only_actions = ("add", "change", "copy")

    def user_has_permission(self, user, action):
        if action in self.read_only_actions:
            return False
        return super().user_has_permission(user, action)


class ContactMessageViewSet(ModelViewSet):
    """Kontaktanfragen: list, read, delete (personal data; give the permission sparingly)."""

    model = ContactMessage
    icon = "mail"
    menu_label = _("Kontaktanfragen")
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["__str__", "topic", "email", "created_at"]
    list_filter = ["topic", "created_at"]
    search_fields = ["name", "email", "message"]
    inspect_view_fields = ["topic", "name", "email", "message", "language", "created_at", "page"]
    form_fields = ["topic", "name", "email", "message"]
