"""Agendas and results are translated like other content; OParl keeps the German original."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from zib.council.models import AgendaItem, Meeting

from .factories import AgendaItemFactory, CommitteeFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_translated_meeting_is_shown_in_the_visitors_language(client, council_page):
    english = Locale.objects.get_or_create(language_code="en")[0]
    meeting = MeetingFactory(
        name="2. Sitzung", committee=CommitteeFactory(), start=timezone.now() - datetime.timedelta(days=2)
    )
    AgendaItemFactory(meeting=meeting, name="Bericht des ZIB", result="Zur Kenntnis genommen", sort_order=0)
    translation = meeting.copy_for_translation(english)
    translation.name = "2nd meeting"
    translation.save()
    item = AgendaItem.objects.get(meeting=translation)
    item.name = "Report of the ZIB"
    item.result = "Noted"
    item.save()

    english_url = f"/en{council_page.url[3:]}sitzungen/{meeting.pk}/"
    html = client.get(english_url).content.decode()
    assert "2nd meeting" in html and "Report of the ZIB" in html and "Noted" in html
    german = client.get(f"{council_page.url}sitzungen/{meeting.pk}/").content.decode()
    assert "Bericht des ZIB" in german
    # OParl publishes the original once, not the translation as another meeting.
    data = client.get("/oparl/v1/body/1/meeting").json()["data"]
    assert [m["name"] for m in data] == ["2. Sitzung"]
    assert Meeting.objects.count() == 2
