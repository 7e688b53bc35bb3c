from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "zib.council"
    label = "council"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Integrationsbeirat")

    def ready(self):
        from . import signal_handlers

        signal_handlers.register()
