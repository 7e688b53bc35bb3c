"""The translation status of each language version of a page or snippet."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationStatus(models.Model):
    """How current one language version of a translatable page or snippet is.

    One row per (model, translation key, locale), written whenever that
    version is published (pages, snippets with drafts) or saved (other
    snippets); see `zib.languages.services`.
    """

    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("Inhaltstyp"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Das übersetzbare Basismodell, für alle Seiten „Seite“."),
    )
    translation_key = models.UUIDField(_("Übersetzungsschlüssel"), db_index=True)
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("Sprache"), on_delete=models.CASCADE, related_name="+"
    )
    content_hash = models.CharField(_("Fingerabdruck des Inhalts"), max_length=64)
    content_changed_at = models.DateTimeField(_("Inhalt zuletzt geändert"))
    source_locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("übersetzt aus"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_hash = models.CharField(
        _("Fingerabdruck der Vorlage"),
        max_length=64,
        blank=True,
        help_text=_("Der Stand der Vorlage, den diese Übersetzung wiedergibt."),
    )
    complete = models.BooleanField(_("vollständig übersetzt"), default=True)
    machine_translated = models.BooleanField(
        _("maschinell übersetzt, ungeprüft"),
        default=False,
        help_text=_("Enthält maschinell übersetzte Texte, die noch niemand geprüft hat."),
    )
    updated_at = models.DateTimeField(_("aktualisiert"), auto_now=True)

    class Meta:
        verbose_name = _("Übersetzungsstand")
        verbose_name_plural = _("Übersetzungsstände")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "translation_key", "locale"], name="unique_translation_status"
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.translation_key}:{self.locale_id}"
