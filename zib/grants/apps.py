from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "zib.grants"
    label = "grants"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Förderung")
