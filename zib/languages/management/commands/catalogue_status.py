"""How complete the gettext catalogues are: untranslated, fuzzy and to-be-reviewed strings per language."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

REVIEW_MARK = "needs review"


class Command(BaseCommand):
    help = "Count untranslated, fuzzy and 'needs review' strings in each catalogue under LOCALE_PATHS."

    def handle(self, *args, **options):
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/django.po")):
                po = polib.pofile(str(po_path))
                review = sum(REVIEW_MARK in entry.tcomment for entry in po.translated_entries())
                self.stdout.write(
                    f"{po_path.parent.parent.name:>8}: {po.percent_translated():3d} % translated, "
                    f"{len(po.untranslated_entries())} untranslated, {len(po.fuzzy_entries())} fuzzy, "
                    f"{review} to be reviewed by a native speaker"
                )
