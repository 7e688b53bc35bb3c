from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PodcastConfig(AppConfig):
    name = "zib.podcast"
    label = "podcast"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Podcast")
