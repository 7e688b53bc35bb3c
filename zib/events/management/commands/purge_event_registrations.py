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
        parser.add_argument("--dry-run", action="store_true", help="Only count, delete nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is not None and days < 0:
            self.stderr.write("--days must be 0 or more.")
            return
        retention = days if days is not None else EventSettings.load().registration_retention_days
        deleted = purge_expired_registrations(days=retention, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {deleted} registration(s) of events that ended more than {retention} days ago."
        )
