"""Record the translation status of content published before status tracking existed."""

from django.core.management.base import BaseCommand
from wagtail.models import Page

from zib.languages import services
from zib.languages.dashboard import translatable_snippet_models


class Command(BaseCommand):
    help = "Record the translation status of every live page and translatable snippet that has none yet."

    def handle(self, *args, **options):
        instances = list(Page.objects.live().filter(depth__gt=1).specific())
        for model in translatable_snippet_models():
            instances.extend(model.objects.all())
        # Sources first, so translations compare against a recorded source.
        default_locale_id = services._default_locale_id()
        instances.sort(key=lambda instance: instance.locale_id != default_locale_id)
        created = services.ensure_recorded(instances)
        self.stdout.write(f"{len(created)} status record(s) created.")
