from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "zib.events"
    label = "events"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Veranstaltungen")
