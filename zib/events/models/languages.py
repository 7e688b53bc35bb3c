"""Languages in which events are offered and videos are spoken."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# A practical subset of BCP 47 (RFC 5646): a 2-3 letter language, then
# optional script, region or variant subtags ("de", "fa-AF", "sr-Latn", "gsg").
BCP47_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

# Languages written right to left (primary subtag).
RTL_LANGUAGES = {"ar", "fa", "prs", "ps", "ur", "he", "yi", "ckb", "dv", "sd", "ug"}


def validate_bcp47(value):
    """Reject anything that is not a well-formed BCP 47 language tag."""
    if not BCP47_PATTERN.match(value or ""):
        raise ValidationError(
            _("%(value)s ist kein gültiges Sprachkürzel nach BCP 47 (z. B. de, ar, fa-AF)."),
            params={"value": value},
        )


class Language(models.Model):
    """A language in which an event is held or a video is spoken.

    The code is a BCP 47 tag; the native name is shown to visitors (marked up
    with `lang`), so that everybody recognises their own language.
    """

    code = models.CharField(
        _("Sprachkürzel (BCP 47)"),
        max_length=35,
        unique=True,
        validators=[validate_bcp47],
        help_text=_("z. B. de, ar, tr, uk, fa, gsg (Deutsche Gebärdensprache)"),
    )
    name = models.CharField(_("Name auf Deutsch"), max_length=100)
    native_name = models.CharField(
        _("Name in der Sprache selbst"), max_length=100, help_text=_("z. B. العربية, Türkçe, Українська")
    )
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=100)

    class Meta:
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        # Language subtags are lower case by convention (RFC 5646, 2.1.1).
        primary, _sep, rest = self.code.partition("-")
        self.code = primary.lower() + (f"-{rest}" if rest else "")
        super().save(*args, **kwargs)

    @property
    def primary_subtag(self):
        return self.code.split("-", 1)[0]

    @property
    def direction(self):
        """The writing direction, for the HTML `dir` attribute."""
        return "rtl" if self.primary_subtag in RTL_LANGUAGES else "ltr"
