"""The podcast RSS feed: RSS 2.0 with the Apple (itunes) and Podcasting 2.0 (podcast) namespaces.

Built on Django's feed generator, which takes care of XML escaping and RFC 2822
dates; this module adds the podcast tags Apple Podcasts and Spotify require
and recommend. The episodes are loaded in a fixed number of queries.
"""

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed, rfc2822_date
from django.utils.html import escape, linebreaks

from zib.images.models import CustomImage

from . import services
from .enums import split_category
from .transcripts import FORMAT_VTT

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
ATOM_NS = "http://www.w3.org/2005/Atom"
EPISODE_ART_FILTER = "fill-1400x1400|format-jpeg"
GENERATOR = "ZIB-Portal"


def _bool(value):
    return "true" if value else "false"


class PodcastFeed(Rss201rev2Feed):
    """Rss201rev2Feed plus channel and item tags for podcast directories."""

    def rss_attributes(self):
        return {
            "version": self._version,
            "xmlns:atom": ATOM_NS,
            "xmlns:itunes": ITUNES_NS,
            "xmlns:podcast": PODCAST_NS,
            "xmlns:content": CONTENT_NS,
        }

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        feed = self.feed
        handler.addQuickElement("generator", GENERATOR)
        if feed["image_url"]:
            handler.startElement("image", {})
            handler.addQuickElement("url", feed["image_url"])
            handler.addQuickElement("title", feed["title"])
            handler.addQuickElement("link", feed["link"])
            handler.endElement("image")
            handler.addQuickElement("itunes:image", None, {"href": feed["image_url"]})
        handler.addQuickElement("itunes:author", feed["author_name"])
        handler.startElement("itunes:owner", {})
        handler.addQuickElement("itunes:name", feed["owner_name"])
        handler.addQuickElement("itunes:email", feed["owner_email"])
        handler.endElement("itunes:owner")
        main, sub = split_category(feed["category"])
        handler.startElement("itunes:category", {"text": main})
        if sub:
            handler.addQuickElement("itunes:category", None, {"text": sub})
        handler.endElement("itunes:category")
        handler.addQuickElement("itunes:explicit", _bool(feed["explicit"]))
        handler.addQuickElement("itunes:type", feed["show_type"])
        if feed["complete"]:
            handler.addQuickElement("itunes:complete", "Yes")
        if feed["new_feed_url"]:
            handler.addQuickElement("itunes:new-feed-url", feed["new_feed_url"])
        handler.addQuickElement("podcast:guid", feed["podcast_guid"])
        handler.addQuickElement(
            "podcast:locked", "yes" if feed["locked"] else "no", {"owner": feed["owner_email"]}
        )
        handler.addQuickElement("podcast:medium", "podcast")
        if feed["cadence_days"] and not feed["complete"]:
            handler.addQuickElement(
                "podcast:updateFrequency",
                feed["cadence_text"],
                {"rrule": f"FREQ=DAILY;INTERVAL={feed['cadence_days']}"},
            )
        for name, role in feed["people"]:
            handler.addQuickElement("podcast:person", name, {"role": role, "group": "cast"})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:title", item["title"])
        handler.addQuickElement("itunes:duration", str(item["duration"]))
        handler.addQuickElement("itunes:explicit", _bool(item["explicit"]))
        handler.addQuickElement("itunes:episodeType", item["episode_type"])
        if item["episode_number"]:
            handler.addQuickElement("itunes:episode", str(item["episode_number"]))
        if item["season_number"]:
            handler.addQuickElement("itunes:season", str(item["season_number"]))
        if item["image_url"]:
            handler.addQuickElement("itunes:image", None, {"href": item["image_url"]})
        if item["content_html"]:
            handler.addQuickElement("content:encoded", item["content_html"])
        transcript = {"url": item["transcript_url"], "type": item["transcript_type"]}
        if item["language"]:
            transcript["language"] = item["language"]
        if item["transcript_type"] == FORMAT_VTT:
            transcript["rel"] = "captions"
        handler.addQuickElement("podcast:transcript", None, transcript)
        if item["chapters_url"]:
            handler.addQuickElement(
                "podcast:chapters", None, {"url": item["chapters_url"], "type": "application/json+chapters"}
            )
        for name, role in item["people"]:
            handler.addQuickElement("podcast:person", name, {"role": role, "group": "cast"})


def feed_episodes(show):
    """Every due episode of the show, with what the feed needs, in constant queries."""
    from .models import EpisodeChapter, EpisodePage

    return (
        EpisodePage.objects.child_of(show)
        .due()
        .order_by("-publish_date", "-pk")
        .defer("transcript")
        .annotate(has_chapters=Exists(EpisodeChapter.objects.filter(page=OuterRef("pk"))))
        .prefetch_related(
            Prefetch("image", queryset=CustomImage.objects.prefetch_renditions(EPISODE_ART_FILTER)),
            services._people_prefetch(),
        )
    )


def _cover_url(image, absolute):
    # The file hash in the query makes a replaced cover a new URL for directories that cache art.
    url = absolute(image.file.url)
    return f"{url}?v={image.file_hash[:12]}" if image.file_hash else url


def build_feed(show, request=None):
    """The feed as bytes (UTF-8)."""
    from django.utils.translation import gettext as _
    from django.utils.translation import override

    root = show.root_url

    def absolute(url):
        return url if url.startswith(("http://", "https://")) else root + url

    hosts = list(show.hosts.select_related("person").all())
    episodes = list(feed_episodes(show))
    notes = services.expand_rich_texts([episode.show_notes or "" for episode in episodes])
    show_url = show.get_full_url(request)
    with override(show.language):
        cadence_text = _("Alle %(days)d Tage") % {"days": show.cadence_days} if show.cadence_days else ""
    feed = PodcastFeed(
        title=show.title,
        link=show_url,
        description=show.description,
        language=show.language,
        feed_url=show.feed_url,
        feed_copyright=show.copyright or None,
        author_name=show.author_name,
        image_url=_cover_url(show.cover_image, absolute) if show.cover_image else "",
        owner_name=show.owner_name,
        owner_email=show.owner_email,
        category=show.category,
        explicit=show.explicit,
        show_type=show.show_type,
        complete=show.complete,
        new_feed_url=show.new_feed_url,
        podcast_guid=str(show.podcast_guid),
        locked=show.feed_locked,
        cadence_days=show.cadence_days,
        cadence_text=cadence_text,
        people=[(host.person.name, host.role) for host in hosts],
    )
    for episode, notes_html in zip(episodes, notes, strict=True):
        summary_html = linebreaks(escape(episode.summary))
        content_html = summary_html + notes_html if notes_html else summary_html
        image_url = ""
        image = episode.image
        if image and min(image.width, image.height) >= 1400:
            image_url = absolute(image.get_rendition(EPISODE_ART_FILTER).url)
        feed.add_item(
            title=episode.title,
            link=episode.get_full_url(request),
            description=content_html,
            pubdate=episode.publish_date,
            unique_id=str(episode.guid),
            unique_id_is_permalink=False,
            enclosures=[
                Enclosure(absolute(episode.audio_url), str(episode.audio_size), episode.audio_mime_type)
            ],
            duration=episode.audio_duration,
            explicit=episode.explicit or show.explicit,
            episode_type=episode.episode_type,
            episode_number=episode.episode_number,
            season_number=episode.season_number,
            image_url=image_url,
            content_html=content_html,
            transcript_url=absolute(episode.transcript_url),
            transcript_type=episode.transcript_format,
            language=show.language,
            chapters_url=absolute(episode.chapters_url) if episode.has_chapters else "",
            people=[(p.person.name, p.role) for p in episode.people.all()],
        )
    return feed.writeString("utf-8").encode("utf-8")


__all__ = ["ATOM_NS", "CONTENT_NS", "ITUNES_NS", "PODCAST_NS", "PodcastFeed", "build_feed", "rfc2822_date"]
