"""Event cards and videos of a page, loaded only when their fragment is not remembered yet.

An event card (``events/includes/event_card.html``) is a ``{% fragment %}``
keyed by the event, the heading level and the campaign it belongs to; a
video (``events/includes/video.html``) one keyed by the video. To show a page
of cards that are all remembered, a listing needs nothing of the events but
these keys and the day of each event (the day headings): the "facts" of a
page, remembered per cache generation like the listing's ids. The events
themselves, with their languages, images and registration counts, are loaded
only when a card has to be rendered, for all cards of the page together
(``{% with event=event|loaded %}`` in the card); videos likewise.
"""

import hashlib

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.models import Page

from zib.pagecache import local
from zib.pages import listings

from . import services
from .models import CampaignPage, EventPage, Video

POSTER_FILTER = "width-960|format-webp"


class StandIn:
    """An object a fragment shows, known by its id; ``load()`` gives the object itself."""

    def __init__(self, pk, batch):
        self.pk = pk
        self._batch = batch

    def __repr__(self):
        return f"<{type(self).__name__} {self.pk}>"

    def load(self):
        """The object (all objects of its batch are loaded at the first call of any of them)."""
        return self._batch.get(self.pk)


class Batch:
    """Objects loaded together, by ``load(ids)``, when the first of them is needed."""

    def __init__(self, ids, load):
        self.ids = list(ids)
        self._load = load
        self._objects = None

    def get(self, pk):
        if self._objects is None:
            self._objects = {obj.pk: obj for obj in self._load(self.ids)}
        return self._objects.get(pk)


class EventCard(StandIn):
    """One card of a listing page: the event's id, day and campaign (what the page needs of it)."""

    def __init__(self, pk, start_date, campaign_pk, batch):
        super().__init__(pk, batch)
        self.start_date = start_date
        self.campaign_pk = campaign_pk


def load_events(ids):
    """The events with these ids with everything their cards show, their campaigns attached."""
    from .views import attach_campaigns

    return attach_campaigns(listings.load_in_order(services.card_queryset(EventPage.objects.all()), ids))


def load_cards(ids):
    """``EventCard``s of the events with these ids, in this order (the ``load`` of a paged listing)."""
    if not ids:
        return []
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()
    facts = local.get_or_compute(
        f"events:card-facts:{digest}", lambda: _card_facts(ids), timeout=local.until_scheduled_change
    )
    batch = Batch([pk for pk, _day, _campaign in facts], load_events)
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


def load_videos(ids):
    """The videos with these ids with everything the player shows."""
    return listings.load_in_order(
        Video.objects.select_related("speaker", "spoken_language").prefetch_related(
            "captions__language",
            Prefetch("poster", queryset=get_image_model().objects.prefetch_renditions(POSTER_FILTER)),
        ),
        ids,
    )


def video_stand_ins(ids):
    """Stand-ins for these videos, loaded together when one of them is not remembered."""
    batch = Batch(ids, load_videos)
    return [StandIn(pk, batch) for pk in ids]
