"""Background work of the pages app (run through django-tasks)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_contact_notification(message_id):
    """E-mail a stored contact message to the office's staff."""
    from .models import ContactMessage

    message = ContactMessage.objects.filter(pk=message_id).select_related("page").first()
    if message is None or not settings.STAFF_NOTIFICATION_EMAILS:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("pages/email/contact_subject.txt", {"message": message}).strip()
        body = render_to_string(
            "pages/email/contact_body.txt", {"message": message, "admin_url": settings.WAGTAILADMIN_BASE_URL}
        )
    EmailMessage(
        subject=subject,
        body=body,
        to=settings.STAFF_NOTIFICATION_EMAILS,
        reply_to=[message.email] if message.email else None,
    ).send()
