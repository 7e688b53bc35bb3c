"""`manage.py request_entry_confirmations`: the yearly confirmation e-mails (run daily by cron)."""

from django.core.management.base import BaseCommand

from zib.organizations.services import request_confirmations


class Command(BaseCommand):
    help = (
        "E-mail every directory entry whose last confirmation is a year old a link to confirm or "
        "correct it, and send staff a digest of entries not confirmed within the set time."
    )

    def handle(self, *args, **options):
        sent, stale = request_confirmations()
        self.stdout.write(f"{sent} confirmation request(s) sent; {len(stale)} entr(y/ies) flagged as stale.")
