"""Machine-facing podcast URLs: the feed, audio with byte ranges, transcripts, chapters.

They live outside the language prefix so they never change when the page
tree or the site's languages change.
"""

import hashlib
import re

from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from . import services
from .audio import ranged_file_response
from .feed import build_feed
from .models import EpisodePage

FEED_MAX_AGE = 60
FEED_CACHE_SECONDS = 600
AUDIO_PATH_RE = re.compile(r"^[0-9a-f]{16}/[A-Za-z0-9_-]{1,80}\.(mp3|m4a)$")


@require_safe
def feed(request):
    """The podcast feed, with ETag/Last-Modified and 304 for an unchanged feed."""
    show = services.feed_show()
    if show is None:
        raise Http404
    state = services.feed_state(show)
    key = (
        "podcast-feed:"
        + hashlib.sha256(
            repr(
                (show.pk, show.last_published_at, state["count"], state["last_modified"], show.feed_url)
            ).encode()
        ).hexdigest()
    )
    cached = cache.get(key)
    if cached is None:
        body = build_feed(show, request)
        cached = (body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
        cache.set(key, cached, FEED_CACHE_SECONDS)
    body, etag = cached
    # HTTP dates have whole seconds; a fraction would make every If-Modified-Since look older.
    last_modified = int(state["last_modified"].timestamp())

    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(body, content_type="application/rss+xml; charset=utf-8")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    services.keep_caches_in_step(response, state["next_due"], FEED_MAX_AGE)
    return response


def _may_preview(request):
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


@require_safe
def audio(request, path):
    """An episode's audio with HEAD, byte ranges (206/416) and no compression."""
    if not AUDIO_PATH_RE.match(path):
        raise Http404
    name = f"podcast/audio/{path}"
    episode = (
        EpisodePage.objects.due()
        .filter(audio_file=name)
        .only("audio_file", "audio_mime_type", "audio_sha256", "slug", "last_published_at", "publish_date")
        .first()
    )
    if episode is None:
        # Editors preview a draft's new audio before it is published.
        if not _may_preview(request):
            raise Http404
        episode = EpisodePage.objects.filter(audio_file=name).first()
        storage = EpisodePage._meta.get_field("audio_file").storage
        if not storage.exists(name):
            raise Http404
        mime_type = "audio/mp4" if path.endswith(".m4a") else "audio/mpeg"
        last_modified = timezone.now()
    else:
        storage = episode.audio_file.storage
        mime_type = episode.audio_mime_type
        last_modified = episode.publish_date
    etag = '"' + path.split("/")[0] + '"'
    filename = path.rsplit("/", 1)[1] if request.GET.get("download") == "1" else None
    try:
        return ranged_file_response(
            request,
            storage,
            name,
            content_type=mime_type,
            etag=etag,
            last_modified=last_modified,
            filename=filename,
        )
    except FileNotFoundError as error:
        raise Http404 from error


def _due_episode(guid):
    return get_object_or_404(EpisodePage.objects.due(), guid=guid)


@require_safe
def transcript(request, guid, extension):
    """The transcript as the editor wrote it: WebVTT (text/vtt) or plain text."""
    episode = _due_episode(guid)
    is_vtt = episode.transcript_format == "text/vtt"
    if (extension == "vtt") != is_vtt:
        raise Http404
    content_type = "text/vtt; charset=utf-8" if is_vtt else "text/plain; charset=utf-8"
    response = HttpResponse(episode.transcript, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=300)
    return response


@require_safe
def chapters(request, guid):
    """Chapters in the Podcasting 2.0 JSON chapters format."""
    episode = _due_episode(guid)
    items = []
    for chapter in episode.chapters.all():
        item = {"startTime": chapter.start_seconds, "title": chapter.title}
        if chapter.url:
            item["url"] = chapter.url
        items.append(item)
    if not items:
        raise Http404
    response = JsonResponse(
        {"version": "1.2.0", "chapters": items},
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json+chapters; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=300)
    return response
