"""The demo of the network and the council loads twice without duplicates."""

import pytest
from django.test import Client

from zib.council.models import Meeting, Member, OParlTombstone, Paper
from zib.demo.services import load_demo
from zib.organizations.models import Organization, OrganizationProposal

pytestmark = pytest.mark.django_db(transaction=False)


def test_demo_loads_twice(settings):
    settings.PAGE_CACHE_ENABLED = False
    modules = ["site", "organizations", "council"]
    first_ctx = load_demo(modules)
    revisions = {key: first_ctx.pages[key].revisions.count() for key in ("network", "council")}
    counts = (
        Organization.objects.count(),
        Meeting.objects.count(),
        Member.objects.count(),
        Paper.objects.count(),
    )
    ctx = load_demo(modules)
    assert counts == (
        Organization.objects.count(),
        Meeting.objects.count(),
        Member.objects.count(),
        Paper.objects.count(),
    )
    assert Organization.objects.count() >= 20
    for key in ("network", "council"):
        page = ctx.pages[key]
        assert page.pk == first_ctx.pages[key].pk and page.live
        assert page.revisions.count() == revisions[key], f"{key} page republished without changes"
    for slug in ["landeshauptstadt-saarbruecken", "regionalverband-saarbruecken", "pugis-ev"]:
        assert Organization.objects.filter(slug=slug).count() == 1
    assert OrganizationProposal.objects.filter(status="submitted").count() == 1
    assert any(o.is_stale for o in Organization.objects.all())
    assert OParlTombstone.objects.filter(oparl_type="Meeting").count() == 1
    assert Member.objects.filter(is_demo=True).count() == Member.objects.count()
    client = Client()
    assert client.get(ctx.pages["network"].url).status_code == 200
    assert client.get(ctx.pages["council"].url).status_code == 200
    assert client.get("/oparl/v1/body/1/meeting").status_code == 200
