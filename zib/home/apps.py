from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "zib.home"
    label = "home"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Startseite")
