"""Factories for people, team memberships and the team page."""

import datetime

import factory
import wagtail_factories
from django.utils.text import slugify
from wagtail.models import Locale

from zib.images.tests.factories import CustomImageFactory
from zib.people.models import Person, TeamMembership, TeamPage


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n:03d}")
    slug = factory.LazyAttribute(lambda person: slugify(person.name))
    role = "Sozialarbeiterin"
    locale = factory.LazyFunction(lambda: Locale.objects.get_or_create(language_code="de")[0])
    photo = factory.SubFactory(CustomImageFactory)


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    person = factory.SubFactory(PersonFactory)
    kind = TeamMembership.Kind.STAFF
    start_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    end_date = None


class TeamPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TeamPage

    title = "Team"
    slug = "team"
    intro = "Das Zuwanderungs- und Integrationsbüro wurde 2003 eingerichtet."
