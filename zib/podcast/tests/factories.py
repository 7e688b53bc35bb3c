"""Factories for the podcast's pages and what they point to."""

import io
from datetime import timedelta

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.models import Locale

from zib.images.models import CustomImage
from zib.people.models import Person
from zib.podcast.enums import PersonRole, SubscribeService
from zib.podcast.models import (
    EpisodeChapter,
    EpisodePage,
    EpisodePerson,
    PodcastShowPage,
    ShowHost,
    SubscribeLink,
)
from zib.podcast.samples import silent_mp3

VTT_TRANSCRIPT = """WEBVTT

00:00.000 --> 00:03.000
<v Veronika Kabis>Herzlich willkommen bei Tolle Leute.

00:03.000 --> 00:06.000
<v Veronika Kabis>Heute ist Rodica Petcu zu Gast.

00:06.000 --> 00:09.500
<v Rodica Petcu>Danke für die Einladung!
"""


def image_bytes(width=1400, height=1400, mode="RGB", file_format="JPEG"):
    """An encoded image of the given size, colour mode and format."""
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height), "#00516e" if mode != "RGBA" else (0, 81, 110, 128)).save(
        buffer, format=file_format
    )
    return buffer.getvalue()


class CustomImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = CustomImage

    title = factory.Sequence(lambda n: f"Bild {n}")
    description = factory.Sequence(lambda n: f"Ein blaues Quadrat Nummer {n}")
    credit = "ZIB"
    file = factory.LazyAttribute(lambda o: ContentFile(image_bytes(*o.pixels), name="cover.jpg"))

    class Params:
        pixels = (1400, 1400)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    role = "Sozialarbeiterin"
    locale = factory.LazyFunction(Locale.get_default)


class PodcastShowPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PodcastShowPage

    title = "Tolle Leute"
    slug = "podcast"
    description = "Alle zwei Wochen lernt ihr in unserem Podcast TOLLE LEUTE kennen."
    cover_image = factory.SubFactory(CustomImageFactory)
    owner_name = "Zuwanderungs- und Integrationsbüro (ZIB)"
    owner_email = "zib@saarbruecken.de"
    cadence_days = 14
    category = "Society & Culture"


class ShowHostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShowHost

    page = factory.SubFactory(PodcastShowPageFactory)
    person = factory.SubFactory(
        PersonFactory, name="Veronika Kabis", slug=factory.Sequence(lambda n: f"host-{n}")
    )
    role = PersonRole.HOST


class SubscribeLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubscribeLink

    page = factory.SubFactory(PodcastShowPageFactory)
    service = SubscribeService.SPOTIFY
    url = "https://open.spotify.com/show/example"


class EpisodePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EpisodePage

    title = factory.Sequence(lambda n: f"Gespräch Nummer {n}")
    slug = factory.Sequence(lambda n: f"gespraech-{n}")
    summary = "Eine Sozialarbeiterin erzählt, wie sie zur Märchenerzählerin wurde."
    show_notes = '<p>Mehr über <a href="https://example.org/maerchen">Märchen</a>.</p>'
    # Long past, each episode a minute newer than the one made before. `n` is the counter of
    # Wagtail's PageFactory, which factory_boy shares with every page factory of every app: it
    # grows through the whole test session, so one step must stay small enough never to carry
    # the date into the future (an episode not yet due has no audio and no feed item).
    publish_date = factory.Sequence(lambda n: timezone.now() - timedelta(days=1000) + timedelta(minutes=n))
    audio_file = factory.LazyFunction(lambda: ContentFile(silent_mp3(10), name="folge.mp3"))
    transcript = VTT_TRANSCRIPT
    episode_number = factory.Sequence(lambda n: n + 1)


class EpisodePersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EpisodePerson

    page = factory.SubFactory(EpisodePageFactory)
    person = factory.SubFactory(PersonFactory, name="Rodica Petcu")
    role = PersonRole.GUEST


class EpisodeChapterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EpisodeChapter

    page = factory.SubFactory(EpisodePageFactory)
    start = "0:00"
    title = "Begrüßung"
