"""Delete or anonymise grant data past the retention period (run daily by a scheduler)."""

from django.core.management.base import BaseCommand

from zib.grants.services import apply_retention


class Command(BaseCommand):
    help = (
        "Anonymise closed grant applications after the retention period set in the admin "
        "(Einstellungen → Kleinförderung), delete stale drafts, unused accounts and used sign-in links."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count, change nothing.")

    def handle(self, *args, dry_run=False, **options):
        counts = apply_retention(dry_run=dry_run)
        prefix = "Would " if dry_run else ""
        for key, value in counts.items():
            self.stdout.write(f"{prefix}{key.replace('_', ' ')}: {value}")
