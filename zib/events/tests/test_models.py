"""Event pages: local times, validation, calendar sequence and where pages may live."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from zib.events.models import CampaignPage, EventIndexPage, EventPage
from zib.home.models import HomePage
from zib.pages.models import ContentPage

from .factories import CampaignPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def test_times_are_berlin_local_time_across_daylight_saving(events_index):
    winter = EventPageFactory(parent=events_index, start_date=datetime.date(2030, 1, 15))
    summer = EventPageFactory(parent=events_index, start_date=datetime.date(2030, 7, 15))
    assert winter.starts_at == datetime.datetime(2030, 1, 15, 9, 0, tzinfo=UTC)
    assert summer.starts_at == datetime.datetime(2030, 7, 15, 8, 0, tzinfo=UTC)
    assert summer.ends_at == datetime.datetime(2030, 7, 15, 10, 0, tzinfo=UTC)


def test_all_day_event_lasts_until_midnight_of_its_last_day(events_index):
    event = EventPageFactory(
        parent=events_index,
        start_date=datetime.date(2030, 7, 15),
        end_date=datetime.date(2030, 7, 16),
        start_time=None,
        end_time=None,
    )
    assert event.is_all_day
    assert event.starts_at == datetime.datetime(2030, 7, 14, 22, 0, tzinfo=UTC)
    assert event.ends_at == datetime.datetime(2030, 7, 16, 22, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_time": datetime.time(9, 0)}, "end_time"),
        ({"end_date": datetime.date(2000, 1, 1)}, "end_date"),
        ({"start_time": None}, "end_time"),
        ({"latitude": None}, "longitude"),
        ({"venue_name": "", "street": "", "online_url": ""}, "venue_name"),
        ({"status": EventPage.Status.MOVED_ONLINE}, "online_url"),
        ({"capacity": 10}, "capacity"),
    ],
)
def test_invalid_events_are_refused_with_a_message_on_the_field(events_index, changes, field):
    event = EventPageFactory.build(start_date=datetime.date(2030, 5, 1))
    for name, value in changes.items():
        setattr(event, name, value)
    with pytest.raises(ValidationError) as excinfo:
        event.clean()
    assert field in excinfo.value.message_dict


def test_sequence_rises_when_time_or_status_change_but_not_for_text(events_index):
    event = EventPageFactory(parent=events_index)
    assert event.sequence == 0
    event.teaser = "Neuer Text"
    event.save()
    assert event.sequence == 0
    event.status = EventPage.Status.CANCELLED
    event.save()
    assert event.sequence == 1
    # A revision restored with an older sequence never lowers it.
    event.sequence = 0
    event.start_time = datetime.time(11, 0)
    event.save()
    event.refresh_from_db()
    assert event.sequence == 2


def test_publishing_a_cancellation_through_a_revision_raises_the_sequence(events_index):
    event = EventPageFactory(parent=events_index)
    event.status = EventPage.Status.CANCELLED
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.status == EventPage.Status.CANCELLED
    assert event.sequence == 1


def test_tree_rules(home_page, events_index):
    assert EventIndexPage in home_page.specific_class.allowed_subpage_models()
    assert set(EventIndexPage.allowed_subpage_models()) == {EventPage, CampaignPage}
    assert CampaignPage.allowed_subpage_models() == [EventPage]
    assert EventPage.allowed_subpage_models() == []
    assert set(EventPage.allowed_parent_page_models()) == {EventIndexPage, CampaignPage}
    assert not EventPage.can_create_at(home_page)
    assert not CampaignPage.can_create_at(home_page)
    # Only one listing per start page.
    assert not EventIndexPage.can_create_at(home_page)
    assert HomePage not in EventPage.allowed_parent_page_models()
    assert ContentPage not in CampaignPage.allowed_parent_page_models()
    campaign = CampaignPageFactory(parent=events_index)
    assert EventPage.can_create_at(campaign)


def test_campaign_must_end_after_it_starts(events_index):
    campaign = CampaignPageFactory.build(
        start_date=datetime.date(2030, 5, 7), end_date=datetime.date(2030, 5, 1)
    )
    with pytest.raises(ValidationError):
        campaign.clean()


def test_translating_with_wagtail_localize_keeps_place_organisations_and_videos(events_index):
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    from .factories import OrganizationFactory, VideoFactory

    arabic = Locale.objects.get_or_create(language_code="ar")[0]
    campaign = CampaignPageFactory(parent=events_index)
    campaign.trailer = VideoFactory(title="Trailer")
    campaign.save_revision().publish()
    event = EventPageFactory(
        parent=campaign,
        online_url="https://meet.example.org/x",
        organisers=[OrganizationFactory(name="PuGiS e.V.", slug="pugis-ev")],
    )
    for page in (events_index.get_parent().specific, events_index, campaign, event):
        source, _created = TranslationSource.get_or_create_from_instance(page)
        source.create_or_update_translation(arabic, fallback=True)
    translated = EventPage.objects.get(translation_key=event.translation_key, locale=arabic)
    assert translated.street == event.street
    assert translated.online_url == event.online_url
    assert [link.organization.name for link in translated.organization_links.all()] == ["PuGiS e.V."]
    assert translated.starts_at == event.starts_at
    assert list(translated.languages.values_list("code", flat=True)) == ["de"]
    translated_campaign = CampaignPage.objects.get(translation_key=campaign.translation_key, locale=arabic)
    assert translated_campaign.trailer_id == campaign.trailer_id
