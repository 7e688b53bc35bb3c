"""Factories for events, campaigns, videos and the organisations they name."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from zib.events.models import (
    CampaignPage,
    EventIndexPage,
    EventPage,
    EventPageOrganization,
    Language,
    Video,
    VideoCaption,
)
from zib.images.models import CustomImage
from zib.organizations.models import Organization


def _locale_de():
    return Locale.objects.get_or_create(language_code="de")[0]


def language(code):
    """A seeded language (see migration 0002), created if a test database lacks it."""
    return Language.objects.get_or_create(code=code, defaults={"name": code, "native_name": code})[0]


class ImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = CustomImage

    title = factory.Sequence(lambda n: f"Bild {n}")
    description = "Menschen an einem Infostand auf dem Rathausplatz"
    credit = "ZIB"


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Verein {n} e.V.")
    slug = factory.Sequence(lambda n: f"verein-{n}")
    kind = Organization.Kind.ASSOCIATION
    website = "https://example.org/"
    locale = factory.LazyFunction(_locale_de)


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Veranstaltungen"
    slug = "veranstaltungen"
    intro = "Infostände, Workshops und Online-Veranstaltungen in vielen Sprachen."


class EventPageFactory(wagtail_factories.PageFactory):
    """A timed info stand next week on the Rathausplatz, offered in German."""

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Infostand {n}")
    slug = factory.Sequence(lambda n: f"infostand-{n}")
    kind = EventPage.Kind.INFO_STAND
    teaser = "Fragen rund ums Impfen, in Ihrer Sprache."
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    start_time = datetime.time(10, 0)
    end_time = datetime.time(12, 0)
    venue_name = "Rathausplatz"
    street = "Rathausplatz 1"
    postal_code = "66111"
    city = "Saarbrücken"
    latitude = Decimal("49.233160")
    longitude = Decimal("6.995530")
    price = Decimal("0")

    @factory.post_generation
    def languages(obj, create, extracted, **kwargs):
        if create:
            # A ParentalManyToManyField is written to the database on save.
            obj.languages.set([language(code) for code in (extracted or ["de"])])
            obj.save()

    @factory.post_generation
    def organisers(obj, create, extracted, **kwargs):
        if create and extracted:
            for org in extracted:
                obj.organization_links.add(EventPageOrganization(organization=org, role="organiser"))
            obj.save()


class CampaignPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignPage

    title = "Eine kleine Impfung – eine große Umarmung"
    slug = "aktionswoche-impfung"
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=6))


WEBVTT = "WEBVTT\n\n00:00.000 --> 00:03.000\nHallo Saarbrücken!\n"


class VideoFactory(DjangoModelFactory):
    class Meta:
        model = Video

    title = factory.Sequence(lambda n: f"Videostatement {n}")
    kind = Video.Kind.STATEMENT
    locale = factory.LazyFunction(_locale_de)
    poster = factory.SubFactory(ImageFactory)
    spoken_language = factory.LazyFunction(lambda: language("de"))
    duration = 42
    file = factory.django.FileField(filename="statement.mp4", data=b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 32)


class VideoCaptionFactory(DjangoModelFactory):
    class Meta:
        model = VideoCaption

    video = factory.SubFactory(VideoFactory)
    language = factory.LazyFunction(lambda: language("de"))
    file = factory.LazyFunction(lambda: ContentFile(WEBVTT.encode(), name="untertitel.vtt"))
    is_default = True
