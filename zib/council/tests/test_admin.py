"""The admin screens for the council open for staff, including the edit forms."""

import pytest
from django.urls import reverse

from .factories import MeetingFactory, MembershipFactory, PaperFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "meeting",
    "paper",
    "member",
    "membership",
    "committee",
    "legislativeterm",
    "location",
    "councilfile",
]


@pytest.mark.parametrize("model", MODELS)
def test_list_and_add_views(admin_client, model):
    assert admin_client.get(reverse(f"wagtailsnippets_council_{model}:list")).status_code == 200
    assert admin_client.get(reverse(f"wagtailsnippets_council_{model}:add")).status_code == 200


def test_edit_views(admin_client):
    meeting = MeetingFactory()
    paper = PaperFactory()
    membership = MembershipFactory()
    for model, obj in [("meeting", meeting), ("paper", paper), ("membership", membership)]:
        url = reverse(f"wagtailsnippets_council_{model}:edit", args=[obj.pk])
        assert admin_client.get(url).status_code == 200


def test_network_admin_views(admin_client):
    from zib.organizations.tests.factories import OrganizationFactory, ProposalFactory

    organization = OrganizationFactory()
    ProposalFactory()
    for name in ["organization", "organizationproposal", "topic", "district"]:
        assert admin_client.get(reverse(f"wagtailsnippets_organizations_{name}:list")).status_code == 200
    edit = reverse("wagtailsnippets_organizations_organization:edit", args=[organization.pk])
    assert admin_client.get(edit).status_code == 200


@pytest.mark.parametrize("model", ["member", "membership", "councilfile"])
def test_admin_lists_query_the_same_for_few_and_many_rows(admin_client, model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import CouncilFileFactory

    url = reverse(f"wagtailsnippets_council_{model}:list")

    def count():
        admin_client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def add(n):
        for _ in range(n):
            MembershipFactory()
            CouncilFileFactory()

    add(3)
    few = count()
    add(12)
    assert count() == few
