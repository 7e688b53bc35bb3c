"""The event cards of a listing page, loaded only when a card is not remembered yet.

An event card (``events/includes/event_card.html``) is a ``{% fragment %}``
keyed by the event, the heading level and the campaign it belongs to. To
show a page of cards that are all remembered, a listing needs nothing of the
events but these keys and the day of each event (the day headings): the
"facts" of a page, remembered per cache generation like the listing's ids.
The events themselves, with their languages, images and registration
counts, are loaded only when a card has to be rendered, for all cards of the
page together (``{{ event|loaded }}`` in the card).
"""

import hashlib

from wagtail.models import Page

from zib.pagecache import local
from zib.pages import listings

from . import services
from .models import CampaignPage, EventPage


class EventCard:
    """One card of a listing page: the event's id, day and campaign; ``load()`` gives the event."""

    def __init__(self, pk, start_date, campaign_pk, batch):
        self.pk = pk
        self.start_date = start_date
        self.campaign_pk = campaign_pk
        self._batch = batch

    def __repr__(self):
        return f"<EventCard {self.pk}>"

    def load(self):
        """The event with everything its card shows (the page's events are loaded at once)."""
        return self._batch.get(self.pk)


class _Batch:
    """The events of one listing page, loaded on the first card that needs its event."""

    def __init__(self, ids):
        self.ids = ids
        self._events = None

    def get(self, pk):
        if self._events is None:
            from .views import attach_campaigns

            events = listings.load_in_order(services.card_queryset(EventPage.objects.all()), self.ids)
            self._events = {event.pk: event for event in attach_campaigns(events)}
        return self._events.get(pk)


def load_cards(ids):
    """``EventCard``s of the events with these ids, in this order (the ``load`` of a paged listing)."""
    if not ids:
        return []
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()
    facts = local.get_or_compute(
        f"events:card-facts:{digest}", lambda: _card_facts(ids), timeout=local.until_scheduled_change
    )
    batch = _Batch([pk for pk, _day, _campaign in facts])
    return [EventCard(pk, day, campaign_pk, batch) for pk, day, campaign_pk in facts]


def _card_facts(ids):
    """``[(pk, start_date, campaign pk or None)]`` of the live events with these ids, in this order."""
    rows = {
        pk: (start_date, path)
        for pk, start_date, path in EventPage.objects.live()
        .filter(pk__in=ids)
        .values_list("pk", "start_date", "path")
    }
    parent_paths = {path[: -Page.steplen] for _day, path in rows.values()}
    campaigns = dict(CampaignPage.objects.live().filter(path__in=parent_paths).values_list("path", "pk"))
    return [(pk, rows[pk][0], campaigns.get(rows[pk][1][: -Page.steplen])) for pk in ids if pk in rows]
