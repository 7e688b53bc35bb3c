"""Factories for images and the "Bildnachweise" page."""

import factory
import wagtail_factories
from wagtail.models import Collection

from zib.images.models import CustomImage, ImageCreditsPage


class CustomImageFactory(wagtail_factories.ImageFactory):
    """A small real PNG with title, alt text and credit."""

    class Meta:
        model = CustomImage

    title = factory.Sequence(lambda n: f"Bild {n:03d}")
    description = factory.Sequence(lambda n: f"Menschen bei einer Veranstaltung des ZIB, Motiv {n}")
    credit = "ZIB"
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=32, height=24, color="teal")


class ImageChooserBlockFactory(wagtail_factories.ImageChooserBlockFactory):
    image = factory.SubFactory(CustomImageFactory)


class ImageCreditsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ImageCreditsPage

    title = "Bildnachweise"
    slug = "bildnachweise"
