"""Factories for the network directory's tests."""

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from zib.organizations.models import (
    ContactPerson,
    District,
    NetworkDirectoryPage,
    Organization,
    OrganizationProposal,
    Topic,
)


def _german():
    return Locale.objects.get_or_create(language_code="de")[0]


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    locale = factory.LazyFunction(_german)

    class Meta:
        model = Topic


class DistrictFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Stadtteil {n}")
    slug = factory.Sequence(lambda n: f"stadtteil-{n}")

    class Meta:
        model = District


class OrganizationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Verein {n:04d}")
    slug = factory.Sequence(lambda n: f"verein-{n:04d}")
    locale = factory.LazyFunction(_german)
    kind = Organization.Kind.ASSOCIATION
    languages = "de, ar"
    street = "Beispielstraße 1"
    postal_code = "66111"
    city = "Saarbrücken"
    email = factory.Sequence(lambda n: f"verein{n}@example.org")
    last_confirmed_at = factory.LazyFunction(timezone.localdate)
    show_in_directory = True

    class Meta:
        model = Organization

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            self.save()


class ContactPersonFactory(factory.django.DjangoModelFactory):
    organization = factory.SubFactory(OrganizationFactory)
    name = "Beispiel Person"
    role = "Beratung"
    email = "person@example.org"
    consent_to_publish = True

    class Meta:
        model = ContactPerson


class NetworkDirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Netzwerk"
    slug = "netzwerk"
    intro = "Das Netzwerk des ZIB."

    class Meta:
        model = NetworkDirectoryPage


def proposal_data(**overrides):
    """Valid proposal form data (as a partner would type it)."""
    data = {
        "name": "Neuer Verein (Beispiel)",
        "kind": Organization.Kind.ASSOCIATION,
        "description": "Wir helfen bei Behördengängen.",
        "languages": "de, ar",
        "street": "Beispielweg 5",
        "postal_code": "66111",
        "city": "Saarbrücken",
        "phone": "+49 681 000000",
        "email": "verein@example.org",
        "website": "https://verein.example.org/",
        "consultation_hours": "Mo 10–12 Uhr",
        "accessibility": "step_free",
        "social_links": "https://www.instagram.com/verein.example/",
        "contact_name": "Beispiel Kontakt",
        "contact_role": "Vorstand",
        "contact_email": "kontakt@example.org",
        "contact_consent": "on",
        "submitter_name": "Beispiel Einreicherin",
        "submitter_email": "einreicherin@example.org",
        "privacy": "on",
    }
    data.update(overrides)
    return data


class ProposalFactory(factory.django.DjangoModelFactory):
    submitter_name = "Beispiel Einreicherin"
    submitter_email = "einreicherin@example.org"
    status = OrganizationProposal.Status.SUBMITTED
    email_confirmed_at = factory.LazyFunction(timezone.now)
    data = factory.LazyFunction(
        lambda: {
            "name": "Vorgeschlagener Verein",
            "kind": "association",
            "description": "Beschreibung",
            "topics": [],
            "languages": "de, tr",
            "district": "",
            "street": "Beispielweg 1",
            "postal_code": "66111",
            "city": "Saarbrücken",
            "phone": "",
            "email": "vorschlag@example.org",
            "website": "",
            "consultation_hours": "",
            "accessibility": "",
            "accessibility_notes": "",
            "social_links": [],
            "contact_name": "",
            "contact_role": "",
            "contact_email": "",
            "contact_phone": "",
            "contact_consent": False,
        }
    )

    class Meta:
        model = OrganizationProposal
