"""Business rules of the pages app: contact messages."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import ContactMessage, ContactPage

#: Messages whose contact page was deleted are kept this long.
DEFAULT_RETENTION_DAYS = 180


def submit_contact_message(page, cleaned_data, language=""):
    """Store a message from the contact form and e-mail it to staff after the commit."""
    from .tasks import send_contact_notification

    with transaction.atomic():
        message = ContactMessage.objects.create(
            page=page,
            topic=cleaned_data["topic"],
            name=cleaned_data.get("name", ""),
            email=cleaned_data.get("email", ""),
            message=cleaned_data["message"],
            language=(language or "")[:10],
        )
        transaction.on_commit(lambda: send_contact_notification.enqueue(message.pk))
    return message


@transaction.atomic
def purge_expired_contact_messages(now=None):
    """Delete messages older than their contact page's retention period; return how many."""
    now = now or timezone.now()
    deleted = 0
    for page_id, days in ContactPage.objects.values_list("pk", "retention_days"):
        deleted += ContactMessage.objects.filter(
            page_id=page_id, created_at__lt=now - timedelta(days=days)
        ).delete()[0]
    deleted += ContactMessage.objects.filter(
        page__isnull=True, created_at__lt=now - timedelta(days=DEFAULT_RETENTION_DAYS)
    ).delete()[0]
    return deleted
