from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LanguagesConfig(AppConfig):
    """Languages: offered languages, routing per language, translation status."""

    name = "zib.languages"
    label = "languages"
    verbose_name = _("Sprachen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
