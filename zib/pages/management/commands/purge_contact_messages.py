"""`manage.py purge_contact_messages`: delete contact messages past their retention period."""

from django.core.management.base import BaseCommand

from zib.pages.services import purge_expired_contact_messages


class Command(BaseCommand):
    help = "Delete contact-form messages older than the contact page's retention period (run daily)."

    def handle(self, *args, **options):
        deleted = purge_expired_contact_messages()
        self.stdout.write(f"{deleted} message(s) deleted.")
