"""Admin registrations of the pages app."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import ContactMessage
from .viewsets import ContactMessageViewSet, ReadOnlyPermissionPolicy

register_permission_policy(ContactMessage, ReadOnlyPermissionPolicy(ContactMessage))


@hooks.register("register_admin_viewset")
def register_contact_message_viewset():
    return ContactMessageViewSet("contact_messages")


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own link types
def remember_rich_text_links(features):
    from .richtext import RememberedDocumentLinkHandler, RememberedPageLinkHandler

    features.register_link_type(RememberedPageLinkHandler)
    features.register_link_type(RememberedDocumentLinkHandler)
