"""The podcast "Tolle Leute": one show page and its episode pages.

The show page holds what a podcast directory needs (cover art, category,
owner, language …) and lists the episodes; each episode page carries its
audio file, whose type, length and size are read from the file itself.
"""

import re
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from zib.pages.models import BasePage
from zib.pages.querysets import SitePageQuerySet

from . import artwork, audio, services, transcripts
from .enums import (
    EpisodeType,
    PersonRole,
    ShowType,
    SubscribeService,
    category_choices,
    podcast_language_choices,
)
from .forms import EpisodePageForm, PodcastShowPageForm

SHOW_NOTES_FEATURES = ["bold", "italic", "link", "ol", "ul"]
PAGE_MAX_AGE = 60
EPISODES_PER_PAGE = 12


class PodcastShowPage(BasePage):
    """The show: everything a podcast directory reads from the feed's channel."""

    description = models.TextField(
        _("Beschreibung"),
        help_text=_(
            "Worum geht es im Podcast? Erscheint auf der Seite und in Podcast-Apps (höchstens 4000 Zeichen)."
        ),
    )
    cover_image = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("Titelbild (Cover)"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("JPEG oder PNG, quadratisch, 1400 bis 3000 Pixel breit, Farbraum RGB."),
    )
    category = models.CharField(
        _("Kategorie (Apple Podcasts)"),
        max_length=100,
        choices=category_choices(),
        default="Society & Culture",
    )
    language = models.CharField(
        _("Sprache des Podcasts"),
        max_length=10,
        choices=podcast_language_choices,
        default="de",
        help_text=_("Die Sprache, die in den Folgen gesprochen wird."),
    )
    explicit = models.BooleanField(
        _("Nicht jugendfrei (explicit)"),
        default=False,
        help_text=_("Nur ankreuzen, wenn Folgen Inhalte enthalten, die für Kinder ungeeignet sind."),
    )
    author = models.CharField(
        _("Herausgeber*in"),
        max_length=200,
        blank=True,
        help_text=_(
            "Wird in Podcast-Apps als Autor*in angezeigt. Leer lassen für den Namen der Dienststelle."
        ),
    )
    owner_name = models.CharField(_("Name der verantwortlichen Stelle"), max_length=200)
    owner_email = models.EmailField(
        _("E-Mail der verantwortlichen Stelle"),
        help_text=_(
            "Ein Team-Postfach, kein persönliches: Spotify und Apple schicken dorthin den "
            "Bestätigungscode, wenn der Podcast angemeldet wird."
        ),
    )
    show_type = models.CharField(
        _("Art des Podcasts"), max_length=10, choices=ShowType.choices, default=ShowType.EPISODIC
    )
    copyright = models.CharField(_("Urheberrechtshinweis"), max_length=200, blank=True)
    cadence_days = models.PositiveSmallIntegerField(
        _("Erscheint alle … Tage"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Zum Beispiel 14 für alle zwei Wochen. Daraus berechnet die Seite, wann die nächste Folge kommt."
        ),
    )
    feed_locked = models.BooleanField(
        _("Gegen Übernahme sperren (podcast:locked)"),
        default=True,
        help_text=_(
            "Verhindert, dass andere Plattformen den Podcast ohne Bestätigung per E-Mail übernehmen."
        ),
    )
    complete = models.BooleanField(
        _("Abgeschlossen"), default=False, help_text=_("Ankreuzen, wenn keine Folgen mehr erscheinen.")
    )
    podcast_guid = models.UUIDField(
        _("Podcast-GUID"),
        null=True,
        blank=True,
        help_text=_(
            "Wird beim ersten Speichern aus der Feed-Adresse berechnet und bleibt danach gleich, auch "
            "wenn die Website umzieht. Nur ausfüllen, wenn ein bestehender Podcast übernommen wird."
        ),
    )
    new_feed_url = models.URLField(
        _("Neue Feed-Adresse"),
        blank=True,
        help_text=_("Nur bei einem Umzug zu einem anderen Anbieter: Podcast-Apps folgen dieser Adresse."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("description"),
        FieldPanel("cover_image"),
        InlinePanel("hosts", heading=_("Moderation"), label=_("Person"), min_num=1),
        MultiFieldPanel(
            [FieldPanel("cadence_days"), FieldPanel("show_type"), FieldPanel("complete")],
            heading=_("Erscheinungsweise"),
        ),
        InlinePanel("subscribe_links", heading=_("Abonnieren bei"), label=_("Dienst")),
    ]
    directory_panels = [
        FieldRowPanel([FieldPanel("category"), FieldPanel("language")]),
        FieldPanel("explicit"),
        FieldPanel("author"),
        FieldRowPanel([FieldPanel("owner_name"), FieldPanel("owner_email")]),
        FieldPanel("copyright"),
        FieldPanel("feed_locked"),
        FieldPanel("podcast_guid"),
        FieldPanel("new_feed_url"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("description")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["podcast.EpisodePage"]
    max_count = 1
    base_form_class = PodcastShowPageForm

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhalt")),
            ObjectList(directory_panels, heading=_("Podcast-Verzeichnisse")),
            ObjectList(BasePage.promote_panels, heading=_("Promotion")),
            ObjectList(BasePage.settings_panels, heading=_("Einstellungen"), classname="settings"),
        ]
    )

    class Meta:
        verbose_name = _("Podcast")
        verbose_name_plural = _("Podcasts")

    def clean(self):
        super().clean()
        errors = {}
        if self.description and len(self.description.encode("utf-8")) > 4000:
            errors["description"] = _(
                "Die Beschreibung ist zu lang: Podcast-Verzeichnisse erlauben höchstens 4000 Byte "
                "(jetzt %(size)d)."
            ) % {"size": len(self.description.encode("utf-8"))}
        if self.cover_image_id:
            try:
                artwork.check_cover_art(self.cover_image)
            except ValidationError as error:
                errors["cover_image"] = error.messages
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.podcast_guid:
            self.podcast_guid = services.podcast_guid_for_url(self.feed_url)
        return super().save(*args, **kwargs)

    @cached_property
    def root_url(self):
        """Scheme and host of the site the show belongs to."""
        site = self.get_site() if self.path else None
        return (site.root_url if site else settings.WAGTAILADMIN_BASE_URL).rstrip("/")

    @property
    def feed_url(self):
        """The feed's absolute address; it does not depend on where the page sits in the tree."""
        return self.root_url + reverse("podcast_feed")

    @property
    def author_name(self):
        return self.author or self.owner_name

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(services.show_page_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        return _keep_caches_in_step(super().serve(request, *args, **kwargs))


def _keep_caches_in_step(response):
    """The next episode's moment bounds how long any cache may keep the page."""
    context = getattr(response, "context_data", None) or {}
    return services.keep_caches_in_step(response, context.get("next_publish_date"), PAGE_MAX_AGE)


class ShowHost(Orderable):
    """A person who hosts the show."""

    page = ParentalKey(PodcastShowPage, on_delete=models.CASCADE, related_name="hosts")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("Person"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=PersonRole.choices, default=PersonRole.HOST)

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("Moderation")


class SubscribeLink(Orderable):
    """Where listeners can subscribe: Spotify, Deezer, Apple Podcasts …"""

    page = ParentalKey(PodcastShowPage, on_delete=models.CASCADE, related_name="subscribe_links")
    service = models.CharField(_("Dienst"), max_length=20, choices=SubscribeService.choices)
    label = models.CharField(
        _("Name des Dienstes"), max_length=100, blank=True, help_text=_("Nur bei „Anderer Dienst“ nötig.")
    )
    url = models.URLField(_("Adresse des Podcasts beim Dienst"))

    panels = [FieldPanel("service"), FieldPanel("label"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("Abo-Link")

    def clean(self):
        super().clean()
        if self.service == SubscribeService.OTHER and not self.label:
            raise ValidationError({"label": _("Bitte den Namen des Dienstes angeben.")})

    @property
    def name(self):
        return self.label or self.get_service_display()


class EpisodePageQuerySet(SitePageQuerySet):
    def due(self):
        """Live episodes whose publish date has come: the ones listeners may see."""
        return self.live().filter(publish_date__lte=timezone.now())


EpisodePageManager = PageManager.from_queryset(EpisodePageQuerySet)


def audio_upload_to(instance, filename):
    """podcast/audio/<first 16 hex digits of the content hash>/<readable name>.<ext>.

    The hash puts a replaced file at a new address, so no podcast app or cache
    ever keeps an old file under the new URL.
    """
    instance._analyse_new_audio()
    stem = slugify(PurePath(filename).stem)[:60] or "folge"
    extension = audio.AUDIO_EXTENSIONS.get(instance.audio_mime_type, "mp3")
    return f"podcast/audio/{instance.audio_sha256[:16]}/{stem}.{extension}"


class EpisodePage(BasePage):
    """One episode: audio, transcript, show notes, guests and chapters."""

    guid = models.UUIDField(
        _("GUID"),
        default=uuid.uuid4,
        editable=False,
        unique=True,
        help_text=_("Dauerhafte Kennung der Folge für Podcast-Apps; ändert sich nie."),
    )
    episode_number = models.PositiveIntegerField(
        _("Folge Nr."), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    season_number = models.PositiveIntegerField(
        _("Staffel"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    episode_type = models.CharField(
        _("Art der Folge"), max_length=10, choices=EpisodeType.choices, default=EpisodeType.FULL
    )
    publish_date = models.DateTimeField(
        _("Erscheint am"),
        default=timezone.now,
        db_index=True,
        help_text=_(
            "Ab diesem Zeitpunkt ist die veröffentlichte Folge auf der Website und im Feed zu sehen. "
            "Ein Zeitpunkt in der Zukunft plant die Folge ein."
        ),
    )
    summary = models.TextField(
        _("Kurzbeschreibung"),
        max_length=600,
        help_text=_("Zwei, drei Sätze für die Übersicht und für Podcast-Apps."),
    )
    show_notes = RichTextField(_("Shownotes"), features=SHOW_NOTES_FEATURES, blank=True)
    audio_file = models.FileField(
        _("Audiodatei"),
        upload_to=audio_upload_to,
        max_length=255,
        db_index=True,
        help_text=_("MP3 oder M4A. Länge, Größe und Format werden aus der Datei gelesen."),
    )
    audio_mime_type = models.CharField(_("Audioformat"), max_length=40, blank=True)
    audio_duration = models.PositiveIntegerField(_("Dauer (Sekunden)"), default=0)
    audio_size = models.PositiveBigIntegerField(_("Dateigröße (Byte)"), default=0)
    audio_sha256 = models.CharField(_("Prüfsumme"), max_length=64, blank=True)
    image = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Zum Beispiel ein Foto des Gastes. Der Bildnachweis wird angezeigt."),
    )
    explicit = models.BooleanField(_("Nicht jugendfrei (explicit)"), default=False)
    transcript = models.TextField(
        _("Transkript"),
        help_text=_(
            "Pflicht für die Barrierefreiheit. Entweder WebVTT (beginnt mit WEBVTT; Sprecher*innen mit "
            "<v Name>) oder Text mit einer Zeile je Redebeitrag: „Name: Text“."
        ),
    )

    # Set from the transcript on save, so listings need not load the whole text.
    transcript_type = models.CharField(_("Format des Transkripts"), max_length=20, blank=True)

    objects = EpisodePageManager()

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel(
            [FieldPanel("episode_number"), FieldPanel("season_number"), FieldPanel("episode_type")]
        ),
        FieldPanel("publish_date"),
        FieldPanel("audio_file"),
        FieldPanel("summary"),
        InlinePanel("people", heading=_("Gäste und Moderation"), label=_("Person")),
        FieldPanel("image"),
        FieldPanel("show_notes"),
        FieldPanel("transcript"),
        InlinePanel("chapters", heading=_("Kapitel"), label=_("Kapitel")),
        FieldPanel("explicit"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("show_notes"),
        index.SearchField("transcript"),
        index.FilterField("publish_date"),
    ]

    parent_page_types = ["podcast.PodcastShowPage"]
    subpage_types = []
    base_form_class = EpisodePageForm
    # A copy is a new episode: it must never share the original's GUID.
    exclude_fields_in_copy = ["guid"]

    class Meta:
        verbose_name = _("Podcast-Folge")
        verbose_name_plural = _("Podcast-Folgen")
        ordering = ["-publish_date"]

    def clean(self):
        super().clean()
        errors = {}
        if self.audio_file and not self.audio_file._committed:
            try:
                self._analyse_new_audio()
            except ValidationError as error:
                errors["audio_file"] = error.messages
        try:
            transcripts.validate_transcript(self.transcript)
        except ValidationError as error:
            errors["transcript"] = error.messages
        if self.title and re.match(r"^\s*(folge|episode|ep\.?|#)\s*\d+", self.title, re.IGNORECASE):
            errors["title"] = _(
                "Bitte die Nummer der Folge nicht in den Titel schreiben, sondern in das Feld „Folge Nr.“: "
                "Podcast-Apps zeigen sie selbst an."
            )
        if errors:
            raise ValidationError(errors)

    def apply_audio_info(self, info):
        self.audio_mime_type = info.mime_type
        self.audio_duration = info.duration
        self.audio_size = info.size
        self.audio_sha256 = info.sha256

    def save(self, *args, **kwargs):
        if "transcript" not in self.get_deferred_fields():
            self.transcript_type = transcripts.transcript_format(self.transcript)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "transcript" in update_fields:
            kwargs["update_fields"] = [*update_fields, "transcript_type"]
        return super().save(*args, **kwargs)

    def _analyse_new_audio(self):
        """Read type, length, size and hash of a newly assigned file (once per file)."""
        if getattr(self, "_analysed_audio", None) is not self.audio_file.file:
            self.apply_audio_info(audio.analyse_audio(self.audio_file))
            self._analysed_audio = self.audio_file.file

    def _commit_audio(self):
        # Saving a draft stores only a revision; the uploaded file must be in
        # storage (under its content hash) before the revision refers to it by name.
        if self.audio_file and not self.audio_file._committed:
            self._analyse_new_audio()
            self.audio_file.save(self.audio_file.name, self.audio_file.file, save=False)

    def save_revision(self, *args, **kwargs):
        self._commit_audio()
        self.transcript_type = transcripts.transcript_format(self.transcript)
        return super().save_revision(*args, **kwargs)

    @property
    def is_due(self):
        return self.live and self.publish_date <= timezone.now()

    def serve(self, request, *args, **kwargs):
        # A published episode whose date has not come yet stays hidden, except in the preview.
        if not self.is_due and not getattr(request, "is_preview", False):
            raise Http404
        response = super().serve(request, *args, **kwargs)
        return _keep_caches_in_step(response)

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.is_due else []

    @cached_property
    def audio_url(self):
        """The audio's address; it changes whenever the file is replaced."""
        if not self.audio_file:
            return ""
        return reverse("podcast_audio", kwargs={"path": self.audio_file.name.removeprefix("podcast/audio/")})

    @property
    def transcript_format(self):
        return self.transcript_type or transcripts.transcript_format(self.transcript)

    @property
    def transcript_url(self):
        extension = "vtt" if self.transcript_format == transcripts.FORMAT_VTT else "txt"
        return reverse("podcast_transcript", kwargs={"guid": self.guid, "extension": extension})

    @property
    def chapters_url(self):
        return reverse("podcast_chapters", kwargs={"guid": self.guid})

    @cached_property
    def guest_names(self):
        """Names of the guests, for the episode's card (prefetched people where a listing has them)."""
        return [p.person.name for p in self.people.all() if p.role == PersonRole.GUEST]

    @property
    def display_number(self):
        """ "S2 · Folge 5", "Folge 5" or ""."""
        return services.episode_label(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(services.episode_page_context(self, request))
        return context


class EpisodePerson(Orderable):
    """A guest or host of one episode (podcast:person in the feed)."""

    page = ParentalKey(EpisodePage, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("Person"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=PersonRole.choices, default=PersonRole.GUEST)

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("Person der Folge")


chapter_time_validator = RegexValidator(
    r"^(\d{1,2}:)?[0-5]?\d:[0-5]\d$",
    _("Bitte die Zeit als Minuten:Sekunden oder Stunden:Minuten:Sekunden angeben, z. B. 12:30."),
)


class EpisodeChapter(Orderable):
    """A chapter mark: listeners jump to it on the page and in podcast apps."""

    page = ParentalKey(EpisodePage, on_delete=models.CASCADE, related_name="chapters")
    start = models.CharField(
        _("Beginn"), max_length=8, validators=[chapter_time_validator], help_text=_("z. B. 0:00 oder 12:30")
    )
    title = models.CharField(_("Titel"), max_length=200)
    url = models.URLField(_("Weiterführender Link"), blank=True)

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("title")]), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("Kapitel")
        verbose_name_plural = _("Kapitel")

    @property
    def start_seconds(self):
        seconds = 0
        for part in self.start.split(":"):
            seconds = seconds * 60 + int(part)
        return seconds
