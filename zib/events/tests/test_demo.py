"""The demo's campaign week and events load, and load again without copies."""

import pytest

from zib.demo.services import load_demo
from zib.events.models import CampaignPage, EventIndexPage, EventPage, Video
from zib.organizations.models import Organization

pytestmark = pytest.mark.django_db

SEED_SENTENCE = (
    "Veranstaltet wird die Aktionswoche gemeinsam von der Landeshauptstadt und dem Regionalverband "
    "Saarbrücken in Kooperation mit dem Verein PuGiS e.V."
)


def test_demo_campaign_week_and_events(client):
    ctx = load_demo(modules=["site", "events"])
    campaign = ctx.pages["campaign"]
    assert ctx.pages["events"].specific_class is EventIndexPage
    assert campaign.title == "Eine kleine Impfung – eine große Umarmung"
    assert SEED_SENTENCE in str(campaign.body)
    names = {link.organization.name: link.role for link in campaign.organization_links.all()}
    assert names == {
        "Landeshauptstadt Saarbrücken": "organiser",
        "Regionalverband Saarbrücken": "organiser",
        "PuGiS e.V.": "partner",
    }
    programme = EventPage.objects.child_of(campaign)
    codes = set(programme.values_list("languages__code", flat=True))
    assert {"ar", "tr", "ru", "uk", "ro", "fa", "fr", "en"} <= codes
    assert programme.filter(kind="online").exists() and programme.filter(kind="info_stand").exists()
    speakers = {video.speaker.slug for video in Video.objects.exclude(speaker=None)}
    assert speakers == {"uwe-conradt", "peter-gillo"}
    assert all(video.captions.exists() for video in Video.objects.all())
    own = EventPage.objects.child_of(ctx.pages["events"])
    kinds = set(own.values_list("kind", flat=True))
    assert {"workshop", "training", "specialist", "cultural"} <= kinds
    assert own.filter(status="cancelled").exists()
    assert own.filter(kind="workshop", registration_enabled=True).exists()

    for url in (ctx.pages["events"].url, campaign.url, own.get(kind="workshop").url):
        assert client.get(url).status_code == 200

    counts = (EventPage.objects.count(), Video.objects.count(), Organization.objects.count())
    load_demo(modules=["site", "events"])
    assert (EventPage.objects.count(), Video.objects.count(), Organization.objects.count()) == counts
    assert CampaignPage.objects.count() == 1
