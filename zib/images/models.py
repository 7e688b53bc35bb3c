"""Custom image model: every image carries alt text and a photo credit."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """An image with required alt text and credit ("Bildnachweis").

    Alt text describes the picture for people who cannot see it; the title is
    only the editors' name for the file. The credit is shown under the image
    wherever it appears and on the generated "Bildnachweise" page.
    """

    # Wagtail uses `description` as the default alt text; here it is required.
    description = models.CharField(
        _("Alternativtext"),
        max_length=255,
        help_text=_(
            "Beschreibt, was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen "
            "können. Nicht identisch mit dem Titel."
        ),
    )
    credit = models.CharField(
        _("Bildnachweis"),
        max_length=255,
        help_text=_('Wer hat das Bild gemacht? Zum Beispiel "Christian Bart", "Privat" oder "ZIB".'),
    )

    admin_form_fields = (*Image.admin_form_fields, "credit")

    @property
    def alt_text(self):
        return self.description

    def clean(self):
        super().clean()

        if self.description and self.title and self.description.strip() == self.title.strip():
            raise ValidationError(
                {
                    "description": _(
                        "Der Alternativtext muss das Bild beschreiben, nicht den Titel wiederholen."
                    )
                }
            )

    class Meta(AbstractImage.Meta):
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")


class CustomRendition(AbstractRendition):
    """A resized version of a CustomImage."""

    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
