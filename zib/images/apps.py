from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "zib.images"
    label = "images"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Bilder")
