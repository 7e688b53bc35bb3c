"""Registrations for events and the office's retention setting."""

from django.core import signing
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

TOKEN_SALT = "zib.events.registration"  # noqa: S105 (a signing namespace, not a secret)


class Registration(models.Model):
    """A person's registration for an event: a seat or a place on the waiting list.

    Created and changed only through `zib.events.services` (seats are counted
    under a lock). Personal data is deleted a set number of days after the
    event (`EventSettings.registration_retention_days`).
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Angemeldet")
        WAITING = "waiting", _("Warteliste")
        CANCELLED = "cancelled", _("Abgemeldet")

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("Veranstaltung"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED)
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"), max_length=254)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    note = models.TextField(_("Hinweise"), blank=True, max_length=2000)
    language = models.CharField(_("Sprache der Anmeldung"), max_length=35, default="de")
    created_at = models.DateTimeField(_("Angemeldet am"), auto_now_add=True, db_index=True)
    promoted_at = models.DateTimeField(_("Von der Warteliste nachgerückt am"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("Abgemeldet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            # One active registration per e-mail address and event; a person
            # who cancelled may register again.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="unique_active_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="registration_queue_idx")]

    def __str__(self):
        # No personal data: this label ends up in the audit log.
        return f"Anmeldung #{self.pk}"

    @property
    def token(self):
        """Signed reference used in the e-mailed link to view and cancel the registration."""
        return signing.dumps({"r": self.pk}, salt=TOKEN_SALT, compress=False)

    @classmethod
    def from_token(cls, token):
        """The registration a token refers to, or None for a forged or stale token."""
        try:
            data = signing.loads(token, salt=TOKEN_SALT)
        except signing.BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("r"), int):
            return None
        return cls.objects.select_related("event").filter(pk=data["r"]).first()

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED


@register_setting(icon="date")
class EventSettings(BaseGenericSetting):
    """Rules the office sets for event registrations."""

    registration_retention_days = models.PositiveIntegerField(
        _("Personenbezogene Daten löschen nach (Tagen)"),
        default=30,
        validators=[MinValueValidator(0), MaxValueValidator(3650)],
        help_text=_(
            "So viele Tage nach dem Ende einer Veranstaltung werden die Anmeldungen mit Namen, "
            "E-Mail-Adressen und Telefonnummern endgültig gelöscht."
        ),
    )
    registration_contact_email = models.EmailField(
        _("Antwortadresse für Anmeldebestätigungen"),
        blank=True,
        help_text=_("Leer lassen: die Absenderadresse der Website."),
    )

    class Meta:
        verbose_name = _("Veranstaltungen und Anmeldungen")
