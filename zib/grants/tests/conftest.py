"""Fixtures of the grants tests: a funding guide, an open call, applicants."""

import pytest
from django.contrib.auth.models import Group

from .factories import (
    ApplicantFactory,
    FundingGuidePageFactory,
    GrantCallPageFactory,
    RequiredDocumentFactory,
    sign_in_as,
)


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.GRANTS_PRIVATE_ROOT = str(tmp_path / "private")
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"


@pytest.fixture
def locale_en(db):
    """English offered as a site language (a Locale exists)."""
    from wagtail.models import Locale

    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def guide(home_page):
    return FundingGuidePageFactory(parent=home_page)


@pytest.fixture
def call(guide):
    call = GrantCallPageFactory(parent=guide)
    RequiredDocumentFactory(page=call, label="Satzung", mandatory=True)
    RequiredDocumentFactory(page=call, label="Flyer", mandatory=False)
    return call


@pytest.fixture
def applicant(db):
    return ApplicantFactory()


@pytest.fixture
def signed_in(client, applicant):
    """A client signed in as `applicant` (session as after a sign-in link)."""
    return sign_in_as(client, applicant)


@pytest.fixture
def grants_group(db):
    """The "Förderung" group (made by a data migration; rebuilt when tests run without migrations)."""
    from django.contrib.auth.models import Permission

    group, _created = Group.objects.get_or_create(name="Förderung")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["grants", "wagtailadmin"],
            codename__in=["access_admin", "view_grantapplication", "change_grantapplication"],
        )
    )
    return group


@pytest.fixture
def staff_user(django_user_model, grants_group):
    user = django_user_model.objects.create_user(username="pruefer", password="pw", first_name="Paula")
    user.groups.add(grants_group)
    return user


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
