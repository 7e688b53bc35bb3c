"""What the podcast pages, the feed and the start page ask of the podcast.

All queries for listings run once here, with related rows prefetched, so the
number of queries stays the same however many episodes there are.
"""

import datetime
import re
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Max, Min, Prefetch, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from wagtail.models import Locale, PageLogEntry, Revision
from wagtail.rich_text import expand_db_html

from zib.pagecache import local
from zib.pages import listings
from zib.pages.deferred import deferred_objects

from . import transcripts

# The Podcasting 2.0 namespace's UUIDv5 namespace for podcast:guid.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
EPISODES_PER_PAGE = 12
LISTING_DEFER = ("transcript", "show_notes")


def podcast_guid_for_url(feed_url):
    """UUIDv5 of the feed URL without scheme and trailing slashes (podcast namespace spec)."""
    stripped = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", feed_url.strip()).rstrip("/")
    return uuid.uuid5(PODCAST_GUID_NAMESPACE, stripped)


def episode_label(episode):
    """ "Staffel 2 · Folge 5", "Folge 5", "Trailer" or "" for display."""
    parts = []
    if episode.season_number:
        parts.append(_("Staffel %(number)d") % {"number": episode.season_number})
    if episode.episode_number:
        parts.append(_("Folge %(number)d") % {"number": episode.episode_number})
    if episode.episode_type != "full":
        parts.append(episode.get_episode_type_display())
    return " · ".join(parts)


def _people_prefetch():
    from .models import EpisodePerson

    return Prefetch("people", queryset=EpisodePerson.objects.select_related("person").order_by("sort_order"))


def due_episodes(show):
    """The show's episodes that listeners may see, newest first (serial shows: oldest first)."""
    from .models import EpisodePage

    order = ("publish_date", "pk") if show.show_type == "serial" else ("-publish_date", "-pk")
    return EpisodePage.objects.child_of(show).due().order_by(*order)


def episodes_for_listing(show):
    """Due episodes with what a listing shows, in a constant number of queries."""
    return (
        due_episodes(show).defer(*LISTING_DEFER).select_related("image").prefetch_related(_people_prefetch())
    )


_UNKNOWN = object()


def next_episode_due(show, last_published=None, upcoming=_UNKNOWN, scheduled=_UNKNOWN):
    """When the next episode is due, and how sure that is.

    Returns (datetime or None, "scheduled" | "cadence" | None): a scheduled
    episode (published with a future date, or scheduled in Wagtail) wins over
    the date computed from the cadence. ``upcoming`` and ``scheduled`` are
    queried unless given (see ``show_state``).
    """
    now = timezone.now()
    upcoming = next_publish_date(show) if upcoming is _UNKNOWN else upcoming
    scheduled = scheduled_go_live(show) if scheduled is _UNKNOWN else scheduled
    candidates = [value for value in (upcoming, scheduled) if value and value > now]
    if candidates:
        return min(candidates), "scheduled"
    if show.cadence_days and last_published and not show.complete:
        expected = last_published + datetime.timedelta(days=show.cadence_days)
        if expected > now:
            return expected, "cadence"
    return None, None


def scheduled_go_live(show):
    """The first moment an episode of the show is scheduled to go live in Wagtail, or None."""
    from .models import EpisodePage

    episode_ids = EpisodePage.objects.child_of(show).annotate(key=Cast("pk", CharField())).values("key")
    return Revision.page_revisions.filter(
        approved_go_live_at__gt=timezone.now(), object_id__in=episode_ids
    ).aggregate(first=Min("approved_go_live_at"))["first"]


def _page_number(request):
    raw = request.GET.get("page", "1")
    return raw if isinstance(raw, str) and raw.isdigit() and len(raw) < 7 else "1"


def show_state(show, remember=True):
    """What the show page shows besides the episodes' cards, remembered per process and cache generation.

    The dates (next episode, newest episode, the next go-live scheduled in
    Wagtail), the hosts, the subscribe links and the JSON-LD. Kept no longer
    than a cached page may be (``local.until_scheduled_change``, which covers
    Wagtail's scheduled go-live) and never past the moment the next published
    episode becomes due (its ``publish_date`` is no Wagtail schedule): then
    the listing gains an episode and the dates move on.
    """
    if not remember:  # a preview shows the draft's hosts and links
        return _query_show_state(show)
    key = f"podcast:show:{show.pk}"
    state = local.get(key)
    now = timezone.now()
    if state is None or (state["upcoming"] is not None and state["upcoming"] <= now):
        state = _query_show_state(show)
        local.remember(key, state, local.until_scheduled_change(state["upcoming"]))
    return state


def _query_show_state(show):
    from .models import EpisodePage

    now = timezone.now()
    dates = (
        EpisodePage.objects.child_of(show)
        .live()
        .aggregate(
            upcoming=Min("publish_date", filter=Q(publish_date__gt=now)),
            newest=Max("publish_date", filter=Q(publish_date__lte=now)),
        )
    )
    hosts = [host.person.name for host in show.hosts.select_related("person")]
    root = _site_root(show, None)
    return {
        "upcoming": dates["upcoming"],
        "scheduled": scheduled_go_live(show),
        "newest_date": dates["newest"],
        "host_names": hosts,
        "subscribe_links": [{"url": link.url, "name": link.name} for link in show.subscribe_links.all()],
        "jsonld": _series_jsonld(show, hosts, root),
        "og_image_root": root,
        "og_url": show.full_url,
        "og_locale": show.locale.language_code,
        "feed_url": show.feed_url,
    }


def _deferred_episodes(show, ids):
    """Stand-ins for the episodes of one page of the listing (``zib.pages.deferred``).

    Their cards and the newest episode's box are ``{% fragment %}``s keyed by
    the id: while they are remembered no episode is needed. The first
    attribute a template reads beyond ``pk`` loads the whole page of
    episodes in one go (with images and guests); ``{% pageurl %}`` takes a
    stand-in as an ``EpisodePage``.
    """
    from .models import EpisodePage

    return deferred_objects(EpisodePage, ids, lambda ids: episodes_for_listing(show).filter(pk__in=ids))


def show_page_context(show, request):
    """Context of the show page: a page of episodes, hosts, links, next date.

    The ordered ids of the due episodes are remembered per cache generation
    (and until the next episode becomes due); the page's episodes load only
    when a card is not remembered as a fragment.
    """
    state = show_state(show, remember=not getattr(request, "is_preview", False))
    upcoming = state["upcoming"]
    listing_key = f"podcast:{show.pk}:{show.show_type}:{upcoming.isoformat() if upcoming else 'none'}"
    _paginator, page_obj = listings.paginate(
        request,
        listing_key,
        lambda: due_episodes(show),  # called only when the ids are not remembered
        EPISODES_PER_PAGE,
        page_number=_page_number(request),
        load=lambda ids: _deferred_episodes(show, ids),
    )
    episode_list = page_obj.object_list
    next_due, next_due_kind = next_episode_due(show, state["newest_date"], upcoming, state["scheduled"])
    return {
        "jsonld": state["jsonld"],
        "og_image_root": state["og_image_root"],
        "og_url": state["og_url"],
        "og_locale": state["og_locale"],
        # Called by the template only when the image's meta tags are not remembered.
        # Loaded only when the image's meta tags are not remembered.
        "og_image": SimpleLazyObject(lambda: show.cover_image),
        "og_image_id": show.cover_image_id,
        "episodes": episode_list,
        "page_obj": page_obj,
        "featured_episode": episode_list[0] if episode_list and page_obj.number == 1 else None,
        "host_names": state["host_names"],
        "subscribe_links": state["subscribe_links"],
        "next_due": next_due,
        "next_publish_date": upcoming,
        "next_due_kind": next_due_kind,
        "feed_url": state["feed_url"],
        "show": show,
    }


def episode_page_context(episode, request):
    """Context of an episode page: show, neighbours, people, chapters, transcript.

    Everything but the episode's own fields is remembered per process and
    cache generation (``episode_state``); a preview shows the draft, so it
    is computed afresh and not remembered.
    """
    state = episode_state(episode, request)
    cover_id = state["show_cover_image_id"]

    def og_image():
        from zib.images.models import CustomImage

        return episode.image if episode.image_id else CustomImage.objects.filter(pk=cover_id).first()

    return {
        **state,
        "og_image_id": episode.image_id or cover_id,
        # Loaded (once) only when the image's meta tags are not remembered.
        "og_image": SimpleLazyObject(og_image),
        "next_publish_date": state["upcoming"],
    }


def episode_state(episode, request):
    """What an episode page shows besides the episode's own fields (see ``show_state`` for how long)."""
    from wagtail.models import Site

    if getattr(request, "is_preview", False):
        return _query_episode_state(episode, request)
    site = Site.find_for_request(request)
    key = f"podcast:episode:{episode.pk}:{site.pk if site else 0}"
    state = local.get(key)
    now = timezone.now()
    if state is None or (state["upcoming"] is not None and state["upcoming"] <= now):
        state = _query_episode_state(episode, request)
        local.remember(key, state, local.until_scheduled_change(state["upcoming"]))
    return state


def _query_episode_state(episode, request):
    from .models import EpisodePage

    show = episode.get_parent().specific
    siblings = EpisodePage.objects.child_of(show).due().only("title", "url_path", "path", "depth", "locale")
    older = siblings.filter(publish_date__lt=episode.publish_date).order_by("-publish_date", "-pk").first()
    newer = siblings.filter(publish_date__gt=episode.publish_date).order_by("publish_date", "pk").first()
    people = list(episode.people.select_related("person").all())
    root = _site_root(show, request)
    return {
        "upcoming": next_publish_date(show),
        "jsonld": _episode_jsonld(episode, show, people, root),
        "og_image_root": root,
        "og_url": episode.full_url,
        "og_locale": episode.locale.language_code,
        "og_audio": root + episode.audio_url,
        "og_audio_type": episode.audio_mime_type,
        "show": {"title": show.title, "url": show.get_url(request)},
        "show_cover_image_id": show.cover_image_id,
        "previous_episode": _neighbour(older, request),
        "next_episode": _neighbour(newer, request),
        "guests": [_person(p.person) for p in people if p.role == "guest"],
        "episode_hosts": [_person(p.person) for p in people if p.role != "guest"],
        "chapters": [
            {"start_seconds": c.start_seconds, "title": c.title, "url": c.url} for c in episode.chapters.all()
        ],
        "transcript_segments": transcripts.parse_transcript(episode.transcript),
        "transcript_url": episode.transcript_url,
        "feed_url": show.feed_url,
    }


def _neighbour(episode, request):
    return {"title": episode.title, "url": episode.get_url(request)} if episode else None


def _person(person):
    return {"name": person.name, "role": person.role}


def latest_episode(locale=None):
    """The newest due episode in a locale (a Locale or a language code), or None.

    For the start page: the episode comes with its image and show loaded.
    """
    from .models import EpisodePage

    episodes = EpisodePage.objects.due().defer(*LISTING_DEFER).select_related("image")
    if locale is not None:
        if isinstance(locale, str):
            locale = Locale.objects.filter(language_code=locale).first()
            if locale is None:
                return None
        episodes = episodes.filter(locale=locale)
    return episodes.order_by("-publish_date", "-pk").first()


def feed_show():
    """The show whose feed /podcast/feed.xml serves: the one in the default language."""
    from .models import PodcastShowPage

    shows = PodcastShowPage.objects.live().select_related("cover_image")
    try:
        default = Locale.get_default()
    except Locale.DoesNotExist:
        default = None
    return (shows.filter(locale=default).first() if default else None) or shows.order_by("pk").first()


def feed_state(show):
    """A cheap summary of everything the feed shows, for Last-Modified and caching.

    Includes the number of due episodes, so a scheduled episode that becomes
    due changes the state without any write to the database.
    """
    from .models import EpisodePage

    now = timezone.now()
    state = (
        EpisodePage.objects.child_of(show)
        .live()
        .filter(publish_date__lte=now)
        .aggregate(count=Count("pk"), last_published=Max("last_published_at"), last_date=Max("publish_date"))
    )
    upcoming = (
        EpisodePage.objects.child_of(show)
        .live()
        .filter(publish_date__gt=now)
        .aggregate(first=Min("publish_date"))["first"]
    )
    # Unpublishing or deleting an episode leaves a log entry: it must count as a change too.
    logged = PageLogEntry.objects.filter(
        content_type__in=[ContentType.objects.get_for_model(model) for model in (EpisodePage, type(show))]
    ).aggregate(last=Max("timestamp"))["last"]
    stamps = [show.last_published_at, state["last_published"], state["last_date"], logged]
    last_modified = max((stamp for stamp in stamps if stamp), default=now)
    return {
        "count": state["count"],
        "last_modified": last_modified,
        "next_due": upcoming,
    }


SPLIT_MARK = "<!--zib-episode-split-->"


def expand_rich_texts(values):
    """Expand Wagtail's internal links in many rich texts at once.

    One call to the rewriter loads all linked pages and documents in one
    query per kind, instead of one per episode.
    """
    if not values:
        return []
    joined = expand_db_html(SPLIT_MARK.join(values))
    parts = joined.split(SPLIT_MARK)
    if len(parts) != len(values):  # a rich text contained the mark itself
        return [expand_db_html(value) for value in values]
    return parts


def _site_root(show, request):
    return show.root_url


def _series_jsonld(show, host_names, root):
    data = {
        "@context": "https://schema.org",
        "@type": "PodcastSeries",
        "name": show.title,
        "description": show.description,
        "url": show.full_url,
        "webFeed": show.feed_url,
        "inLanguage": show.language,
        "author": {"@type": "Organization", "name": show.author_name},
    }
    if host_names:
        data["actor"] = [{"@type": "Person", "name": name} for name in host_names]
    if show.cover_image:
        data["image"] = root + show.cover_image.file.url
    return data


def _episode_jsonld(episode, show, people, root):
    data = {
        "@context": "https://schema.org",
        "@type": "PodcastEpisode",
        "name": episode.title,
        "description": episode.summary,
        "url": episode.full_url,
        "datePublished": episode.publish_date.isoformat(),
        "timeRequired": _iso_duration(episode.audio_duration),
        "inLanguage": show.language,
        "partOfSeries": {
            "@type": "PodcastSeries",
            "name": show.title,
            "url": show.full_url,
            "webFeed": show.feed_url,
        },
        "associatedMedia": {
            "@type": "MediaObject",
            "contentUrl": root + episode.audio_url,
            "encodingFormat": episode.audio_mime_type,
            "duration": _iso_duration(episode.audio_duration),
            "contentSize": str(episode.audio_size),
        },
    }
    if episode.episode_number:
        data["episodeNumber"] = episode.episode_number
    if episode.season_number:
        data["partOfSeason"] = {"@type": "PodcastSeason", "seasonNumber": episode.season_number}
    if people:
        data["actor"] = [{"@type": "Person", "name": p.person.name} for p in people]
    if episode.transcript:
        data["transcript"] = root + episode.transcript_url
    return data


def _iso_duration(seconds):
    hours, rest = divmod(int(seconds or 0), 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{secs}S"


def next_publish_date(show):
    """When the next published-but-not-yet-due episode of the show becomes visible, or None."""
    from .models import EpisodePage

    return (
        EpisodePage.objects.child_of(show)
        .live()
        .filter(publish_date__gt=timezone.now())
        .aggregate(first=Min("publish_date"))["first"]
    )


def keep_caches_in_step(response, next_due, max_age):
    """Cache-Control that lets no cache hold a response past the next episode's moment.

    The site's page cache and any proxy may keep a response for a while; when
    an episode becomes due sooner than that, the response must be revalidated
    every time (`no-cache`), so the episode appears on the dot.
    """
    longest_cache = max(max_age, getattr(settings, "PAGE_CACHE_TIMEOUT", 300) or 0)
    if next_due is not None and (next_due - timezone.now()).total_seconds() <= longest_cache:
        patch_cache_control(response, public=True, no_cache=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=max_age)
    return response
