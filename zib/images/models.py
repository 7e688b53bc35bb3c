"""Custom image model (alt text and photo credit required) and the "Bildnachweise" page."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.search import index

from zib.pages.models import BasePage


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


class ImageCreditsPage(BasePage):
    """The generated "Bildnachweise" page: every image on a live page with its credit.

    Nothing is entered by hand: the list is built from Wagtail's reference
    index, so it is complete as soon as a page using an image is published.
    """

    intro = models.TextField(
        _("Einleitung"),
        blank=True,
        default="Hier finden Sie die Urheber*innen aller Bilder, die auf unseren Seiten zu sehen sind.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    per_page = 48
    thumbnail_spec = "fill-240x160"

    class Meta:
        verbose_name = _("Bildnachweise")
        verbose_name_plural = _("Bildnachweise")

    def get_context(self, request, *args, **kwargs):
        from .services import image_credits

        context = super().get_context(request, *args, **kwargs)
        context["page_obj"] = image_credits(
            page_number=request.GET.get("page"),
            per_page=self.per_page,
            locale=self.locale,
            thumbnail_spec=self.thumbnail_spec,
        )
        return context
