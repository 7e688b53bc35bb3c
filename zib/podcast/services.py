"""What the podcast pages, the feed and the start page ask of the podcast.

All queries for listings run once here, with related rows prefetched, so the
number of queries stays the same however many episodes there are.
"""

import datetime
import re
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import CharField, Count, Max, Min, Prefetch
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from wagtail.models import Locale, PageLogEntry, Revision
from wagtail.rich_text import expand_db_html

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


def next_episode_due(show, last_published=None, upcoming=_UNKNOWN):
    """When the next episode is due, and how sure that is.

    Returns (datetime or None, "scheduled" | "cadence" | None): a scheduled
    episode (published with a future date, or scheduled in Wagtail) wins over
    the date computed from the cadence.
    """
    from .models import EpisodePage

    now = timezone.now()
    upcoming = next_publish_date(show) if upcoming is _UNKNOWN else upcoming
    episode_ids = EpisodePage.objects.child_of(show).annotate(key=Cast("pk", CharField())).values("key")
    scheduled_revision = Revision.page_revisions.filter(
        approved_go_live_at__gt=now, object_id__in=episode_ids
    ).aggregate(first=Min("approved_go_live_at"))["first"]
    candidates = [value for value in (upcoming, scheduled_revision) if value]
    if candidates:
        return min(candidates), "scheduled"
    if show.cadence_days and last_published and not show.complete:
        expected = last_published + datetime.timedelta(days=show.cadence_days)
        if expected > now:
            return expected, "cadence"
    return None, None


def _page_number(request):
    raw = request.GET.get("page", "1")
    return raw if isinstance(raw, str) and raw.isdigit() and len(raw) < 7 else "1"


def show_page_context(show, request):
    """Context of the show page: paginated episodes, hosts, links, next date."""
    episodes = episodes_for_listing(show)
    paginator = Paginator(episodes, EPISODES_PER_PAGE)
    try:
        page_obj = paginator.page(_page_number(request))
    except (EmptyPage, PageNotAnInteger):
        page_obj = paginator.page(paginator.num_pages)
    episode_list = list(page_obj.object_list)
    for episode in episode_list:
        episode.guest_names = [p.person.name for p in episode.people.all() if p.role == "guest"]
    newest = due_episodes(show).only("publish_date").first() if page_obj.number != 1 else None
    newest_date = (episode_list[0].publish_date if episode_list and page_obj.number == 1 else None) or (
        newest.publish_date if newest else None
    )
    if show.show_type == "serial":
        newest_date = (
            due_episodes(show).order_by("-publish_date").values_list("publish_date", flat=True).first()
        )
    upcoming = next_publish_date(show)
    next_due, next_due_kind = next_episode_due(show, newest_date, upcoming)
    hosts = [host.person for host in show.hosts.select_related("person").all()]
    root = _site_root(show, request)
    return {
        "jsonld": _series_jsonld(show, hosts, root),
        "og_image_root": root,
        "episodes": episode_list,
        "page_obj": page_obj,
        "featured_episode": episode_list[0] if episode_list and page_obj.number == 1 else None,
        "hosts": hosts,
        "subscribe_links": list(show.subscribe_links.all()),
        "next_due": next_due,
        "next_publish_date": upcoming,
        "next_due_kind": next_due_kind,
        "feed_url": show.feed_url,
        "show": show,
    }


def episode_page_context(episode, request):
    """Context of an episode page: show, neighbours, people, chapters, transcript."""
    from .models import EpisodePage

    show = episode.get_parent().specific
    siblings = EpisodePage.objects.child_of(show).due().defer(*LISTING_DEFER)
    older = siblings.filter(publish_date__lt=episode.publish_date).order_by("-publish_date", "-pk").first()
    newer = siblings.filter(publish_date__gt=episode.publish_date).order_by("publish_date", "pk").first()
    people = list(episode.people.select_related("person").all())
    root = _site_root(show, request)
    return {
        "next_publish_date": next_publish_date(show),
        "jsonld": _episode_jsonld(episode, show, people, root),
        "og_image": episode.image or show.cover_image,
        "og_image_root": root,
        "og_audio": root + episode.audio_url,
        "og_audio_type": episode.audio_mime_type,
        "show": show,
        "previous_episode": older,
        "next_episode": newer,
        "guests": [p.person for p in people if p.role == "guest"],
        "episode_hosts": [p.person for p in people if p.role != "guest"],
        "chapters": list(episode.chapters.all()),
        "transcript_segments": transcripts.parse_transcript(episode.transcript),
        "feed_url": show.feed_url,
    }


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


def _series_jsonld(show, hosts, root):
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
    if hosts:
        data["actor"] = [{"@type": "Person", "name": person.name} for person in hosts]
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
