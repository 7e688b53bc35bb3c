"""`manage.py purge_event_registrations`: delete registrations past the retention period."""

from django.core.management.base import BaseCommand

from zib.events.models import EventSettings
from zib.events.services import purge_expired_registrations


class Command(BaseCommand):
    help = (
        "Delete the personal data of event registrations a set number of days after the event "
        "(Einstellungen → Veranstaltungen und Anmeldungen). Run daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Override the retention period set in the admin (days after the event).",
        )

    def handle(self, *args, days=None, **options):
        if days is not None and days < 0:
            self.stderr.write("--days must be 0 or more.")
            return
        retention = days if days is not None else EventSettings.load().registration_retention_days
        deleted = purge_expired_registrations(days=retention)
        self.stdout.write(
            f"Deleted {deleted} registration(s) of events that ended more than {retention} days ago."
        )
