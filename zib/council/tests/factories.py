"""Factories for the council's tests."""

import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale

from zib.council.models import (
    AgendaItem,
    Committee,
    Consultation,
    CouncilFile,
    CouncilPage,
    LegislativeTerm,
    Location,
    Meeting,
    Member,
    Membership,
    Paper,
)
from zib.people.models import Person


def _german():
    return Locale.objects.get_or_create(language_code="de")[0]


class DocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Dokument {n}")
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 Beispiel", name="protokoll.pdf"))

    class Meta:
        model = get_document_model()


class CouncilFileFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Datei {n}")
    document = factory.SubFactory(DocumentFactory)
    date = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = CouncilFile


class TermFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Wahlperiode {n}")
    start_date = datetime.date(2024, 9, 1)
    end_date = datetime.date(2029, 8, 31)

    class Meta:
        model = LegislativeTerm


class CommitteeFactory(factory.django.DjangoModelFactory):
    name = "Integrationsbeirat"
    kind = Committee.Kind.COUNCIL

    class Meta:
        model = Committee


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Mitglied {n}")
    slug = factory.Sequence(lambda n: f"mitglied-{n}")
    locale = factory.LazyFunction(_german)

    class Meta:
        model = Person


class MemberFactory(factory.django.DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    publish_name = True
    is_demo = True

    class Meta:
        model = Member


class MembershipFactory(factory.django.DjangoModelFactory):
    member = factory.SubFactory(MemberFactory)
    committee = factory.SubFactory(CommitteeFactory)
    role = Membership.Role.ELECTED
    legislative_term = factory.SubFactory(TermFactory)

    class Meta:
        model = Membership


class LocationFactory(factory.django.DjangoModelFactory):
    description = "Rathaus St. Johann"
    room = "Festsaal"
    street_address = "Rathausplatz 1"
    postal_code = "66111"
    latitude = "49.234362"
    longitude = "6.996379"

    class Meta:
        model = Location


class MeetingFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"{n}. Sitzung")
    locale = factory.LazyFunction(_german)
    committee = factory.SubFactory(CommitteeFactory)
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    location = factory.SubFactory(LocationFactory)
    state = Meeting.State.INVITED
    published = True

    class Meta:
        model = Meeting


class AgendaItemFactory(factory.django.DjangoModelFactory):
    meeting = factory.SubFactory(MeetingFactory)
    locale = factory.LazyFunction(_german)
    number = factory.Sequence(lambda n: str(n + 1))
    name = factory.Sequence(lambda n: f"Thema {n}")
    public = True
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = AgendaItem


class PaperFactory(factory.django.DjangoModelFactory):
    name = "Antrag: Mehrsprachige Informationen"
    reference = factory.Sequence(lambda n: f"IB/2025/{n:03d}")
    date = factory.LazyFunction(timezone.localdate)
    published = True

    class Meta:
        model = Paper


class ConsultationFactory(factory.django.DjangoModelFactory):
    paper = factory.SubFactory(PaperFactory)
    agenda_item = factory.SubFactory(AgendaItemFactory)
    role = "Entscheidung"
    authoritative = True

    class Meta:
        model = Consultation


class CouncilPageFactory(wagtail_factories.PageFactory):
    title = "Integrationsbeirat"
    slug = "integrationsbeirat"

    class Meta:
        model = CouncilPage
