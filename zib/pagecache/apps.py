from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    """The server-side cache of anonymous page responses and its invalidation."""

    name = "zib.pagecache"
    label = "pagecache"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Seiten-Cache")

    def ready(self):
        from . import signal_handlers

        signal_handlers.register()
