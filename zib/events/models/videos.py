"""Self-hosted videos: campaign trailers and video statements with captions."""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

VIDEO_EXTENSIONS = ["mp4", "m4v", "webm"]
VIDEO_MIME_TYPES = {"mp4": "video/mp4", "m4v": "video/mp4", "webm": "video/webm"}


def validate_video_file(upload):
    """Accept only MP4 and WebM files of a sensible size, checked by their first bytes."""
    max_size = getattr(settings, "ZIB_VIDEO_MAX_UPLOAD_SIZE", 500 * 1024 * 1024)
    if upload.size and upload.size > max_size:
        raise ValidationError(
            _("Die Videodatei ist zu groß (höchstens %(size)d MB)."),
            params={"size": max_size // 1024 // 1024},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(12)
    upload.seek(position)
    is_mp4 = head[4:8] == b"ftyp"
    is_webm = head[:4] == b"\x1a\x45\xdf\xa3"
    if not (is_mp4 or is_webm):
        raise ValidationError(_("Die Datei ist kein MP4- oder WebM-Video."))


def validate_webvtt(upload):
    """Captions must be WebVTT: the file starts with the line "WEBVTT"."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    if isinstance(head, str):
        head = head.encode()
    if not head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError(_('Die Untertiteldatei muss im WebVTT-Format sein (erste Zeile "WEBVTT").'))


class Video(TranslatableMixin, index.Indexed, ClusterableModel):
    """A video published by the office: a statement, a trailer or a recording.

    The file is served from the site itself; captions come as WebVTT files,
    one per language. Nothing of the video is loaded before the visitor
    presses "Abspielen". A video hosted elsewhere is only linked.
    """

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Videostatement")
        TRAILER = "trailer", _("Trailer")
        RECORDING = "recording", _("Aufzeichnung")

    title = models.CharField(_("Titel"), max_length=255)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.STATEMENT)
    speaker = models.ForeignKey(
        "people.Person",
        verbose_name=_("Sprecher*in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    speaker_role = models.CharField(
        _("Funktion der sprechenden Person"),
        max_length=200,
        blank=True,
        help_text=_("Leer lassen, um die Funktion aus dem Personeneintrag zu zeigen."),
    )
    spoken_language = models.ForeignKey(
        "events.Language",
        verbose_name=_("Gesprochene Sprache"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    file = models.FileField(
        _("Videodatei"),
        upload_to="videos/%Y/",
        blank=True,
        validators=[FileExtensionValidator(VIDEO_EXTENSIONS), validate_video_file],
        help_text=_("MP4 (H.264/AAC) oder WebM. Kurz und klein halten: Viele sehen es mobil."),
    )
    duration = models.PositiveIntegerField(_("Dauer in Sekunden"), null=True, blank=True)
    poster = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("Vorschaubild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    external_url = models.URLField(
        _("Adresse auf einer anderen Website"),
        blank=True,
        help_text=_("Wird nur verlinkt, nie eingebettet: Erst ein Klick baut eine Verbindung dorthin auf."),
    )
    transcript = models.TextField(
        _("Transkript"), blank=True, help_text=_("Der gesprochene Text, für alle, die das Video nicht sehen.")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [FieldPanel("speaker"), FieldPanel("speaker_role"), FieldPanel("spoken_language")],
            heading=_("Wer spricht in welcher Sprache?"),
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("file"), FieldPanel("duration"), FieldPanel("poster"), FieldPanel("external_url")],
            heading=_("Video"),
        ),
        InlinePanel("captions", heading=_("Untertitel (WebVTT)"), label=_("Untertitelspur")),
        FieldPanel("transcript"),
    ]

    # The same person and file in every language; titles and transcripts are translated.
    override_translatable_fields = [SynchronizedField("speaker"), SynchronizedField("file")]

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.SearchField("transcript"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Video")
        verbose_name_plural = _("Videos")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not self.file and not self.external_url and not self.poster:
            raise ValidationError(
                _(
                    "Bitte eine Videodatei hochladen, eine externe Adresse "
                    "oder mindestens ein Vorschaubild angeben."
                )
            )

    @property
    def mime_type(self):
        if not self.file:
            return ""
        extension = os.path.splitext(self.file.name)[1].lstrip(".").lower()
        return VIDEO_MIME_TYPES.get(extension, "video/mp4")

    @property
    def role(self):
        """The speaker's role as shown under the video."""
        if self.speaker_role:
            return self.speaker_role
        return self.speaker.role if self.speaker else ""

    @property
    def duration_display(self):
        if not self.duration:
            return ""
        minutes, seconds = divmod(self.duration, 60)
        return f"{minutes}:{seconds:02d}"


class VideoCaption(Orderable):
    """A WebVTT caption track of a video in one language."""

    class Kind(models.TextChoices):
        SUBTITLES = "subtitles", _("Untertitel (Übersetzung)")
        CAPTIONS = "captions", _("Untertitel für Gehörlose (mit Geräuschen)")

    video = ParentalKey(Video, on_delete=models.CASCADE, related_name="captions")
    language = models.ForeignKey("events.Language", verbose_name=_("Sprache"), on_delete=models.PROTECT)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.SUBTITLES)
    file = models.FileField(
        _("WebVTT-Datei"),
        upload_to="videos/captions/%Y/",
        validators=[FileExtensionValidator(["vtt"]), validate_webvtt],
    )
    is_default = models.BooleanField(
        _("Standardmäßig einblenden"),
        default=False,
        help_text=_("Höchstens eine Spur; üblich ist die gesprochene Sprache."),
    )

    panels = [FieldPanel("language"), FieldPanel("kind"), FieldPanel("file"), FieldPanel("is_default")]

    class Meta(Orderable.Meta):
        verbose_name = _("Untertitelspur")
        verbose_name_plural = _("Untertitelspuren")

    def __str__(self):
        return f"{self.video} – {self.language.code}"

    @property
    def label(self):
        """Shown in the player's caption menu: the language's own name."""
        return self.language.native_name
