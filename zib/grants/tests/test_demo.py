"""The demo content for grants loads, links up and can be loaded twice."""

import pytest

from zib.demo.services import load_demo
from zib.grants.models import FundingProgrammePage, GrantApplication


@pytest.mark.django_db
def test_demo_loads_twice_with_guide_call_and_applications(client, home_page, settings, tmp_path):
    settings.GRANTS_PRIVATE_ROOT = str(tmp_path)
    ctx = load_demo(["site", "grants"])
    ctx = load_demo(["site", "grants"])
    assert FundingProgrammePage.objects.count() == 4
    statuses = set(GrantApplication.objects.values_list("status", flat=True))
    assert statuses == {"draft", "info_requested", "paid", "closed"}
    assert GrantApplication.objects.count() == 4
    guide_html = client.get(ctx.pages["funding"].url).content.decode()
    assert "Landesprogramm Saarland" in guide_html
    call_html = client.get(ctx.pages["grants-call"].url).content.decode()
    assert "Jetzt online beantragen" in call_html
    assert "Theaterworkshop" in call_html  # funded, with consent
