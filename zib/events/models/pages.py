"""Event pages, the events listing and campaign weeks."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, PageManager
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from zib.pages.blocks import BodyBlock
from zib.pages.models import BasePage
from zib.pages.querysets import SitePageQuerySet


def event_timezone():
    """Events happen in Saarbrücken: all local times are Europe/Berlin."""
    return ZoneInfo(settings.TIME_ZONE)


class OrganizationRole(models.TextChoices):
    ORGANISER = "organiser", _("Veranstalter")
    PARTNER = "partner", _("Kooperationspartner")


class EventPageQuerySet(SitePageQuerySet):
    """Queries shared by the listing, the campaign programme, feeds and the start page."""

    def for_locale(self, locale):
        """Events in `locale`, falling back to the original (default-locale) page.

        An event that has not been translated yet still appears in every
        language's listing, in its original language, instead of missing.
        """
        default = Locale.get_default()
        locale_id = getattr(locale, "pk", locale)  # a Locale or its id
        if locale_id is None or locale_id == default.pk:
            return self.filter(locale=default)
        translated = EventPage.objects.filter(locale_id=locale_id, live=True).values("translation_key")
        return self.filter(Q(locale_id=locale_id) | (Q(locale=default) & ~Q(translation_key__in=translated)))

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def in_person(self):
        has_place = ~Q(venue_name="") | ~Q(street="")
        return self.filter(has_place).exclude(status=EventPage.Status.MOVED_ONLINE)

    def online(self):
        return self.filter(~Q(online_url="") | Q(status=EventPage.Status.MOVED_ONLINE))


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class OrganizationLink(Orderable):
    """An organisation taking part, as organiser or as cooperation partner."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    role = models.CharField(
        _("Rolle"), max_length=20, choices=OrganizationRole.choices, default=OrganizationRole.ORGANISER
    )

    panels = [FieldPanel("organization"), FieldPanel("role")]

    # Translations name the same organisations (proper names), even before
    # the organisation's own entry is translated.
    override_translatable_fields = [SynchronizedField("organization")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"


class EventIndexPage(BasePage):
    """The events listing ("Veranstaltungen"): upcoming and past, filterable, with a calendar feed."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage", "events.CampaignPage"]
    max_count_per_parent = 1

    per_page = 12

    class Meta:
        verbose_name = _("Veranstaltungsübersicht")
        verbose_name_plural = _("Veranstaltungsübersichten")

    def get_context(self, request, *args, **kwargs):
        from zib.events.views import event_listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_listing_context(request, self))
        return context


class EventPage(BasePage):
    """One event: an info stand, an online event, a workshop, a training …

    Times are entered in local time (Europe/Berlin); without a start time the
    event lasts all day. `starts_at`/`ends_at` are derived on save, in UTC,
    for filtering and ordering. `ends_at` is the explicit end or else the end
    of the (last) day, so an event stays "upcoming" for the whole of its day.
    """

    class Kind(models.TextChoices):
        INFO_STAND = "info_stand", _("Infostand")
        ONLINE = "online", _("Online-Veranstaltung")
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Fortbildung")
        SPECIALIST = "specialist", _("Fachveranstaltung")
        CULTURAL = "cultural", _("Kulturelle Veranstaltung")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Findet statt")
        CANCELLED = "cancelled", _("Abgesagt")
        POSTPONED = "postponed", _("Verschoben (neuer Termin folgt)")
        RESCHEDULED = "rescheduled", _("Auf einen neuen Termin verlegt")
        MOVED_ONLINE = "moved_online", _("Findet online statt")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.INFO_STAND)
    teaser = models.TextField(_("Kurzbeschreibung"), blank=True)
    image = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("Beschreibung"), blank=True)

    start_date = models.DateField(_("Datum"))
    start_time = models.TimeField(_("Beginn"), null=True, blank=True, help_text=_("Leer lassen: ganztägig."))
    end_date = models.DateField(
        _("Enddatum"), null=True, blank=True, help_text=_("Nur bei mehrtägigen Veranstaltungen.")
    )
    end_time = models.TimeField(_("Ende"), null=True, blank=True)
    starts_at = models.DateTimeField(_("Beginnt (UTC)"), editable=False, db_index=True)
    ends_at = models.DateTimeField(_("Endet (UTC)"), editable=False, db_index=True)

    venue_name = models.CharField(_("Ort"), max_length=200, blank=True, help_text=_("z. B. Rathausplatz"))
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Stadt"), max_length=100, blank=True, default="Saarbrücken")
    latitude = models.DecimalField(
        _("Breitengrad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("Längengrad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    online_url = models.URLField(
        _("Online-Zugang"), blank=True, help_text=_("Adresse des Videoraums oder Livestreams.")
    )

    languages = ParentalManyToManyField(
        "events.Language",
        verbose_name=_("Sprachen"),
        related_name="events",
        blank=True,
        help_text=_("In welchen Sprachen findet die Veranstaltung statt?"),
    )
    target_group = models.CharField(_("Zielgruppe"), max_length=255, blank=True)

    step_free = models.BooleanField(_("Stufenlos zugänglich"), default=False)
    sign_language = models.BooleanField(_("Gebärdensprachdolmetschung"), default=False)
    hearing_loop = models.BooleanField(_("Induktionsschleife"), default=False)
    easy_language = models.BooleanField(_("In Leichter Sprache"), default=False)
    childcare = models.BooleanField(_("Kinderbetreuung"), default=False)
    accessibility_notes = models.TextField(_("Weitere Hinweise zur Barrierefreiheit"), blank=True)

    price = models.DecimalField(
        _("Kosten in Euro"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
        help_text=_("0 für kostenlos."),
    )
    price_note = models.CharField(_("Hinweis zu den Kosten"), max_length=255, blank=True)

    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    status_note = models.CharField(
        _("Hinweis zum Status"), max_length=255, blank=True, help_text=_("z. B. der Grund der Absage")
    )
    # iCalendar SEQUENCE: raised whenever time, place or status change, so that
    # calendar apps replace their copy (RFC 5545, 3.8.7.4).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    registration_enabled = models.BooleanField(_("Anmeldung erforderlich"), default=False)
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("Leer lassen: unbegrenzt.")
    )
    registration_deadline = models.DateTimeField(
        _("Anmeldeschluss"), null=True, blank=True, help_text=_("Leer lassen: bis zum Beginn.")
    )
    waiting_list_enabled = models.BooleanField(
        _("Warteliste"),
        default=True,
        help_text=_("Wer abspringt, macht den Platz frei; die Nächste rückt automatisch nach."),
    )
    registration_note = models.TextField(_("Hinweis zur Anmeldung"), blank=True)

    objects = EventPageManager()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        FieldPanel("status"),
        FieldPanel("status_note"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
            ],
            heading=_("Wann? (Ortszeit Saarbrücken)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("online_url"),
            ],
            heading=_("Wo? Ort und/oder online"),
        ),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        FieldPanel("teaser"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("target_group"),
        InlinePanel("organization_links", heading=_("Veranstalter und Partner"), label=_("Organisation")),
        MultiFieldPanel(
            [
                FieldPanel("step_free"),
                FieldPanel("sign_language"),
                FieldPanel("hearing_loop"),
                FieldPanel("easy_language"),
                FieldPanel("childcare"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Barrierefreiheit"),
        ),
        FieldRowPanel([FieldPanel("price"), FieldPanel("price_note")], heading=_("Kosten")),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldPanel("capacity"),
                FieldPanel("registration_deadline"),
                FieldPanel("waiting_list_enabled"),
                FieldPanel("registration_note"),
            ],
            heading=_("Anmeldung"),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.SearchField("target_group"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("starts_at"),
    ]

    parent_page_types = ["events.EventIndexPage", "events.CampaignPage"]
    subpage_types = []

    # Addresses and links are the same in every language.
    override_translatable_fields = [
        SynchronizedField("street"),
        SynchronizedField("postal_code"),
        SynchronizedField("online_url"),
    ]

    # Changes of these fields make calendar apps update their copy.
    SEQUENCE_FIELDS = (
        "title",
        "start_date",
        "start_time",
        "end_date",
        "end_time",
        "status",
        "venue_name",
        "street",
        "postal_code",
        "city",
        "online_url",
    )

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    # --- times -------------------------------------------------------------

    @property
    def is_all_day(self):
        return self.start_time is None

    def _compute_bounds(self):
        tz = event_timezone()
        if self.start_date is None:
            return
        self.starts_at = datetime.datetime.combine(self.start_date, self.start_time or datetime.time.min, tz)
        last_day = self.end_date or self.start_date
        if self.end_time is not None:
            self.ends_at = datetime.datetime.combine(last_day, self.end_time, tz)
        else:
            self.ends_at = datetime.datetime.combine(
                last_day + datetime.timedelta(days=1), datetime.time.min, tz
            )

    @property
    def local_start(self):
        """Start as an aware datetime in Europe/Berlin (midnight for all-day events)."""
        return datetime.datetime.combine(
            self.start_date, self.start_time or datetime.time.min, event_timezone()
        )

    @property
    def local_end(self):
        """The explicit end in Europe/Berlin, or None when the editor gave none."""
        if self.end_time is None:
            return None
        return datetime.datetime.combine(self.end_date or self.start_date, self.end_time, event_timezone())

    @property
    def last_day(self):
        return self.end_date or self.start_date

    @property
    def is_multi_day(self):
        return bool(self.end_date and self.end_date != self.start_date)

    # --- place -------------------------------------------------------------

    @property
    def has_place(self):
        return bool(self.venue_name or self.street)

    @property
    def is_online(self):
        return bool(self.online_url) or self.status == self.Status.MOVED_ONLINE

    @property
    def attendance_mode(self):
        """ "offline", "online" or "mixed" (schema.org eventAttendanceMode)."""
        if self.status == self.Status.MOVED_ONLINE or not self.has_place:
            return "online" if self.is_online else "offline"
        return "mixed" if self.online_url else "offline"

    @property
    def address_line(self):
        """The place on one line, for calendars and maps."""
        locality = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.venue_name, self.street, locality) if part)

    @property
    def has_geo(self):
        return self.latitude is not None and self.longitude is not None

    # --- status ------------------------------------------------------------

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_free(self):
        return not self.price

    @property
    def accessibility_features(self):
        """Labels of the accessibility features this event offers."""
        names = ("step_free", "sign_language", "hearing_loop", "easy_language", "childcare")
        return [self._meta.get_field(name).verbose_name for name in names if getattr(self, name)]

    # --- registration ------------------------------------------------------

    @property
    def registration_closes_at(self):
        return self.registration_deadline or self.starts_at

    def registration_open_until(self):
        """Until when the public may register, or None if not at all (capacity is checked separately)."""
        if not self.registration_enabled:
            return None
        if self.status in (self.Status.CANCELLED, self.Status.POSTPONED):
            return None
        return self.registration_closes_at

    def registration_is_open(self, now=None):
        """Whether the public may register now (capacity is checked separately)."""
        until = self.registration_open_until()
        return until is not None and (now or timezone.now()) < until

    @cached_property
    def registration_event(self):
        """The page that holds the registrations: the original of a translated event.

        All translations of an event share one set of seats.
        """
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        original = EventPage.objects.filter(translation_key=self.translation_key, locale=default).first()
        return original or self

    # --- validation and saving --------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.end_time and not self.start_time:
            errors["end_time"] = _("Ein Ende braucht auch einen Beginn; ohne Uhrzeit gilt der ganze Tag.")
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("Das Enddatum liegt vor dem Datum.")
        elif (
            self.start_time
            and self.end_time
            and (self.end_date or self.start_date) == self.start_date
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = _("Das Ende liegt vor dem Beginn.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Bitte Breiten- und Längengrad angeben, oder keinen von beiden.")
        if not self.has_place and not self.online_url and self.status != self.Status.POSTPONED:
            errors["venue_name"] = _("Bitte einen Ort oder einen Online-Zugang angeben.")
        if self.status == self.Status.MOVED_ONLINE and not self.online_url:
            errors["online_url"] = _(
                "Wenn die Veranstaltung online stattfindet, bitte den Online-Zugang angeben."
            )
        if self.capacity is not None and not self.registration_enabled:
            errors["capacity"] = _("Plätze gibt es nur mit Anmeldung.")
        if self.registration_deadline and self.start_date:
            self._compute_bounds()
            if self.registration_deadline > self.ends_at:
                errors["registration_deadline"] = _("Der Anmeldeschluss liegt nach der Veranstaltung.")
        if errors:
            raise ValidationError(errors)
        self._compute_bounds()

    def save(self, *args, **kwargs):
        self._compute_bounds()
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or set(update_fields) & set(self.SEQUENCE_FIELDS)):
            previous = EventPage.objects.filter(pk=self.pk).values("sequence", *self.SEQUENCE_FIELDS).first()
            if previous:
                # A revision may carry an older sequence than the live row.
                self.sequence = max(self.sequence, previous["sequence"])
                if any(previous[name] != getattr(self, name) for name in self.SEQUENCE_FIELDS):
                    self.sequence += 1
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "sequence"}
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from zib.events.views import event_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_detail_context(request, self))
        return context


class EventPageOrganization(OrganizationLink):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="organization_links")


class CampaignPage(BasePage):
    """A campaign week (Aktionswoche): period, partners, videos and a programme of events."""

    teaser = models.TextField(_("Kurzbeschreibung"), blank=True)
    start_date = models.DateField(_("Beginn"))
    end_date = models.DateField(_("Ende"))
    image = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("Beschreibung"), blank=True)
    trailer = models.ForeignKey(
        "events.Video",
        verbose_name=_("Trailer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Zeitraum")),
        FieldPanel("teaser"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("organization_links", heading=_("Veranstalter und Partner"), label=_("Organisation")),
        FieldPanel("trailer"),
        InlinePanel("statements", heading=_("Videostatements"), label=_("Video")),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("teaser"), index.SearchField("body")]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.EventPage"]

    # A week's programme fits on one page; a very large one is split into pages.
    per_page = 50

    override_translatable_fields = [SynchronizedField("trailer")]

    class Meta:
        verbose_name = _("Aktionswoche")
        verbose_name_plural = _("Aktionswochen")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Das Ende liegt vor dem Beginn.")})

    def get_context(self, request, *args, **kwargs):
        from zib.events.views import campaign_context

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_context(request, self))
        return context


class CampaignPageOrganization(OrganizationLink):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="organization_links")


class CampaignStatement(Orderable):
    """A video statement shown on a campaign page."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="statements")
    video = models.ForeignKey(
        "events.Video", verbose_name=_("Video"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("video")]

    override_translatable_fields = [SynchronizedField("video")]

    class Meta(Orderable.Meta):
        verbose_name = _("Videostatement")
        verbose_name_plural = _("Videostatements")
