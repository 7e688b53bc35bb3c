"""Fixed vocabularies of the podcast world: Apple's categories, episode types, services."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zib.languages.services import EXTRA_LANGUAGES

# Apple Podcasts category list (Podcasts Connect, "Apple Podcasts categories").
# The English names are Apple's identifiers and go into the feed unchanged.
APPLE_CATEGORIES = {
    "Arts": ["Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"],
    "Business": ["Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"],
    "Comedy": ["Comedy Interviews", "Improv", "Stand-Up"],
    "Education": ["Courses", "How To", "Language Learning", "Self-Improvement"],
    "Fiction": ["Comedy Fiction", "Drama", "Science Fiction"],
    "Government": [],
    "History": [],
    "Health & Fitness": [
        "Alternative Health",
        "Fitness",
        "Medicine",
        "Mental Health",
        "Nutrition",
        "Sexuality",
    ],
    "Kids & Family": ["Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"],
    "Leisure": [
        "Animation & Manga",
        "Automotive",
        "Aviation",
        "Crafts",
        "Games",
        "Hobbies",
        "Home & Garden",
        "Video Games",
    ],
    "Music": ["Music Commentary", "Music History", "Music Interviews"],
    "News": [
        "Business News",
        "Daily News",
        "Entertainment News",
        "News Commentary",
        "Politics",
        "Sports News",
        "Tech News",
    ],
    "Religion & Spirituality": [
        "Buddhism",
        "Christianity",
        "Hinduism",
        "Islam",
        "Judaism",
        "Religion",
        "Spirituality",
    ],
    "Science": [
        "Astronomy",
        "Chemistry",
        "Earth Sciences",
        "Life Sciences",
        "Mathematics",
        "Natural Sciences",
        "Nature",
        "Physics",
        "Social Sciences",
    ],
    "Society & Culture": [
        "Documentary",
        "Personal Journals",
        "Philosophy",
        "Places & Travel",
        "Relationships",
    ],
    "Sports": [
        "Baseball",
        "Basketball",
        "Cricket",
        "Fantasy Sports",
        "Football",
        "Golf",
        "Hockey",
        "Rugby",
        "Running",
        "Soccer",
        "Swimming",
        "Tennis",
        "Volleyball",
        "Wilderness",
        "Wrestling",
    ],
    "Technology": [],
    "True Crime": [],
    "TV & Film": ["After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"],
}

CATEGORY_SEPARATOR = " > "


def category_choices():
    """Choices for a select: "Society & Culture" and "Society & Culture > Documentary" …"""
    choices = []
    for main, subs in APPLE_CATEGORIES.items():
        choices.append((main, main))
        choices.extend((f"{main}{CATEGORY_SEPARATOR}{sub}", f"{main} › {sub}") for sub in subs)
    return choices


def split_category(value):
    """("Society & Culture", "Documentary") for "Society & Culture > Documentary"; sub may be ""."""
    main, _sep, sub = (value or "").partition(CATEGORY_SEPARATOR)
    return main, sub


class ShowType(models.TextChoices):
    EPISODIC = "episodic", _("Episodisch (neueste Folge zuerst)")
    SERIAL = "serial", _("Serie (in Reihenfolge hören, älteste zuerst)")


class EpisodeType(models.TextChoices):
    FULL = "full", _("Reguläre Folge")
    TRAILER = "trailer", _("Trailer")
    BONUS = "bonus", _("Bonusfolge")


class PersonRole(models.TextChoices):
    """Roles of the Podcasting 2.0 person taxonomy (group "cast")."""

    HOST = "host", _("Moderation")
    CO_HOST = "co-host", _("Co-Moderation")
    GUEST = "guest", _("Gast")


class SubscribeService(models.TextChoices):
    APPLE = "apple", "Apple Podcasts"
    SPOTIFY = "spotify", "Spotify"
    DEEZER = "deezer", "Deezer"
    YOUTUBE_MUSIC = "youtube-music", "YouTube Music"
    AMAZON = "amazon", "Amazon Music"
    POCKET_CASTS = "pocket-casts", "Pocket Casts"
    ANTENNAPOD = "antennapod", "AntennaPod"
    PODCAST_INDEX = "podcast-index", "Podcast Index"
    OTHER = "other", _("Anderer Dienst")


class AudioType(models.TextChoices):
    MP3 = "audio/mpeg", "MP3"
    M4A = "audio/x-m4a", "M4A (AAC)"


AUDIO_EXTENSIONS = {AudioType.MP3: "mp3", AudioType.M4A: "m4a"}


# Kurdish (Kurmanji), spoken by many of the office's visitors, is missing from Django's list.
EXTRA_PODCAST_LANGUAGES = [("ku", EXTRA_LANGUAGES["ku"].name_local)]


def podcast_language_choices():
    """Languages a podcast can be spoken in: every language the site knows, named in its own script.

    A callable, so the migration refers to it instead of copying the list: the
    site's language list can grow without a new migration of this field.
    """
    known = dict(settings.LANGUAGES)
    extra = [(code, name) for code, name in EXTRA_PODCAST_LANGUAGES if code not in known]
    return [*settings.LANGUAGES, *extra]
