from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "zib.pages"
    label = "pages"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Inhaltsseiten")
