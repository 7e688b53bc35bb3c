"""`manage.py load_demo`: publish the demo content (idempotent)."""

from django.core.management.base import BaseCommand

from zib.demo.services import load_demo, site_is_empty


class Command(BaseCommand):
    help = "Publish the demo content of the ZIB Saarbrücken. Safe to run more than once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only load when the database has no start page yet (used by `make run`).",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and not site_is_empty():
            self.stdout.write("Database already has content; demo not loaded.")
            return
        load_demo()
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
