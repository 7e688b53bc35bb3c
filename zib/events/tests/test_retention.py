"""Personal data of registrations is deleted a set number of days after the event."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from zib.events import services
from zib.events.models import EventSettings, Registration
from zib.events.tasks import purge_expired_registrations_task

from .factories import EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished_and_coming(events_index):
    today = timezone.localdate()
    finished = EventPageFactory(
        parent=events_index, registration_enabled=True, start_date=today + datetime.timedelta(days=2)
    )
    coming = EventPageFactory(
        parent=events_index, registration_enabled=True, start_date=today + datetime.timedelta(days=3)
    )
    for n in range(3):
        services.register(finished, name=f"Person {n}", email=f"p{n}@example.org")
    services.register(coming, name="Amal", email="amal@example.org")
    services.cancel_registration(Registration.objects.filter(event=finished).first())
    # The first event took place 40 days ago.
    finished.start_date = today - datetime.timedelta(days=40)
    finished.save()
    return finished, coming


def test_registrations_are_deleted_after_the_retention_period(finished_and_coming):
    finished, coming = finished_and_coming
    settings = EventSettings.load()
    settings.registration_retention_days = 30
    settings.save()

    assert services.purge_expired_registrations() == 3  # cancelled ones too
    assert not Registration.objects.filter(event=finished).exists()
    assert Registration.objects.filter(event=coming).count() == 1
    entry = PageLogEntry.objects.get(action="zib_events.registrations.purged", page=finished)
    assert entry.data == {"count": 3, "retention_days": 30}
    assert services.purge_expired_registrations() == 0


def test_longer_retention_keeps_them(finished_and_coming):
    settings = EventSettings.load()
    settings.registration_retention_days = 60
    settings.save()
    assert services.purge_expired_registrations() == 0
    assert Registration.objects.count() == 4


def test_management_command_and_task(finished_and_coming):
    out = StringIO()
    call_command("purge_event_registrations", "--dry-run", stdout=out)
    assert "Would delete 3" in out.getvalue()
    assert Registration.objects.count() == 4
    call_command("purge_event_registrations", "--days=50", stdout=out)
    assert "Deleted 0" in out.getvalue()
    call_command("purge_event_registrations", stdout=out)  # default: 30 days
    assert "Deleted 3" in out.getvalue()
    assert purge_expired_registrations_task.call() == 0
