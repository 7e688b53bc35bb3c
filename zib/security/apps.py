from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Site-wide HTTP security: headers, CSRF without cookies, login throttling, two-factor sign-in."""

    name = "zib.security"
    label = "security"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Sicherheit")
