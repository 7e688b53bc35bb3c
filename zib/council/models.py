"""The Integrationsbeirat: terms, members, working groups, meetings and papers.

Everything here is published twice: as public pages under the
`CouncilPage`, and as OParl 1.1 through the API in `zib.council.oparl`.
Each model keeps `created` and `modified`; objects removed for good leave
an `OParlTombstone` so OParl clients learn about the deletion.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from zib.pages.models import BasePage


class TimestampedModel(models.Model):
    """`created` and `modified`, as every OParl object needs them."""

    created = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    modified = models.DateTimeField(_("Geändert am"), auto_now=True)

    class Meta:
        abstract = True


@register_setting(icon="group")
class CouncilSettings(BaseGenericSetting):
    """The body the council belongs to (OParl `Body`/`System`) and the council office's contact."""

    body_name = models.CharField(_("Körperschaft"), max_length=200, default="Landeshauptstadt Saarbrücken")
    body_short_name = models.CharField(_("Kurzname"), max_length=100, default="Saarbrücken")
    body_website = models.URLField(
        _("Website der Körperschaft"), blank=True, default="https://www.saarbruecken.de/"
    )
    ags = models.CharField(_("Amtlicher Gemeindeschlüssel"), max_length=8, blank=True, default="10041100")
    rgs = models.CharField(_("Regionalschlüssel"), max_length=12, blank=True, default="100410100100")
    classification = models.CharField(_("Art der Körperschaft"), max_length=100, blank=True, default="Stadt")
    data_license = models.URLField(
        _("Lizenz der Daten"), blank=True, default="https://creativecommons.org/licenses/by/4.0/"
    )
    office_name = models.CharField(
        _("Geschäftsstelle"), max_length=200, default="Geschäftsstelle des Integrationsbeirats im ZIB"
    )
    office_email = models.EmailField(_("E-Mail der Geschäftsstelle"), blank=True)
    office_phone = models.CharField(_("Telefon der Geschäftsstelle"), max_length=50, blank=True)
    office_address = models.TextField(_("Anschrift der Geschäftsstelle"), blank=True)
    office_hours = models.TextField(_("Sprechzeiten der Geschäftsstelle"), blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)
    modified = models.DateTimeField(auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("body_name"),
                FieldPanel("body_short_name"),
                FieldPanel("body_website"),
                FieldRowPanel([FieldPanel("ags"), FieldPanel("rgs")]),
                FieldPanel("classification"),
                FieldPanel("data_license"),
            ],
            heading=_("Körperschaft (OParl)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("office_email"),
                FieldPanel("office_phone"),
                FieldPanel("office_address"),
                FieldPanel("office_hours"),
            ],
            heading=_("Geschäftsstelle"),
        ),
    ]

    @classmethod
    def current(cls):
        """The settings for a visitor's request, which never writes: their defaults until an editor saves."""
        return cls.base_queryset().first() or cls()

    class Meta:
        verbose_name = _("Integrationsbeirat und OParl")


class LegislativeTerm(TimestampedModel):
    """A term of office (Wahlperiode) of the council."""

    name = models.CharField(_("Bezeichnung"), max_length=200, help_text=_("z. B. Wahlperiode 2024–2029"))
    start_date = models.DateField(_("Beginn"))
    end_date = models.DateField(_("Ende"), null=True, blank=True)

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])]

    class Meta:
        verbose_name = _("Wahlperiode")
        verbose_name_plural = _("Wahlperioden")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="council_term_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name

    def is_current(self, today=None):
        today = today or timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)


class Committee(TimestampedModel):
    """A group in OParl's sense: the council itself, a working group, or a list members ran on."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Beirat")
        WORKING_GROUP = "working_group", _("Arbeitsgruppe")
        LIST = "list", _("Liste oder Gruppe")

    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=50, blank=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.WORKING_GROUP)
    description = models.TextField(_("Beschreibung"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Gehört zu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subcommittees",
        help_text=_("Für Arbeitsgruppen: der Beirat."),
    )
    start_date = models.DateField(_("Gegründet am"), null=True, blank=True)
    end_date = models.DateField(_("Aufgelöst am"), null=True, blank=True)
    published = models.BooleanField(_("Veröffentlicht"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("published"),
    ]

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class Member(TimestampedModel):
    """A person's place in the council, with what of their data may be published.

    The person (name, photo, bio, contact) lives in `people.Person`; here
    staff record each member's consent, field by field.
    """

    person = models.OneToOneField(
        "people.Person", verbose_name=_("Person"), on_delete=models.PROTECT, related_name="council_member"
    )
    publish_name = models.BooleanField(
        _("Name veröffentlichen"),
        default=False,
        help_text=_("Ohne diese Zustimmung erscheint das Mitglied weder auf der Website noch in OParl."),
    )
    publish_photo = models.BooleanField(_("Foto veröffentlichen"), default=False)
    publish_bio = models.BooleanField(_("Kurzbiografie veröffentlichen"), default=False)
    publish_contact = models.BooleanField(_("Kontaktdaten veröffentlichen"), default=False)
    name_published_since = models.DateTimeField(null=True, blank=True, editable=False)
    is_demo = models.BooleanField(
        _("Beispieldaten"), default=False, help_text=_("Für die Demo erfundene Person.")
    )

    panels = [
        FieldPanel("person"),
        MultiFieldPanel(
            [
                FieldPanel("publish_name"),
                FieldPanel("publish_photo"),
                FieldPanel("publish_bio"),
                FieldPanel("publish_contact"),
            ],
            heading=_("Zustimmung zur Veröffentlichung"),
        ),
        FieldPanel("is_demo"),
    ]

    class Meta:
        verbose_name = _("Mitglied")
        verbose_name_plural = _("Mitglieder")
        ordering = ["person__name"]

    def __str__(self):
        return str(self.person)

    def save(self, *args, **kwargs):
        if self.publish_name and self.name_published_since is None:
            self.name_published_since = timezone.now()
        super().save(*args, **kwargs)


class Membership(TimestampedModel):
    """A member's seat in the council or a working group, for a term, in a role."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Vorsitz")
        DEPUTY = "deputy", _("Stellvertretender Vorsitz")
        ELECTED = "elected", _("Gewähltes Mitglied")
        ADVISORY = "advisory", _("Beratendes Mitglied")

    member = models.ForeignKey(
        Member, verbose_name=_("Mitglied"), on_delete=models.CASCADE, related_name="memberships"
    )
    committee = models.ForeignKey(
        Committee, verbose_name=_("Gremium"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.ELECTED)
    on_behalf_of = models.ForeignKey(
        Committee,
        verbose_name=_("Liste oder Gruppe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="represented_memberships",
        limit_choices_to={"kind": Committee.Kind.LIST},
    )
    legislative_term = models.ForeignKey(
        LegislativeTerm,
        verbose_name=_("Wahlperiode"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)

    panels = [
        FieldPanel("member"),
        FieldPanel("committee"),
        FieldPanel("role"),
        FieldPanel("on_behalf_of"),
        FieldPanel("legislative_term"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
    ]

    ROLE_ORDER = {Role.CHAIR: 0, Role.DEPUTY: 1, Role.ELECTED: 2, Role.ADVISORY: 3}

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["committee", "role", "member__person__name"]

    def __str__(self):
        return f"{self.member} – {self.committee} ({self.get_role_display()})"

    @property
    def voting_right(self):
        """Advisory members speak but do not vote."""
        return self.role != self.Role.ADVISORY


class Location(TimestampedModel):
    """Where meetings take place."""

    description = models.CharField(_("Bezeichnung"), max_length=200, help_text=_("z. B. Rathaus St. Johann"))
    room = models.CharField(_("Raum"), max_length=100, blank=True)
    street_address = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("PLZ"), max_length=10, blank=True)
    locality = models.CharField(_("Ort"), max_length=100, blank=True, default="Saarbrücken")
    latitude = models.DecimalField(_("Breitengrad"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("Längengrad"), max_digits=9, decimal_places=6, null=True, blank=True)
    accessibility_notes = models.TextField(_("Hinweise zur Barrierefreiheit"), blank=True)

    panels = [
        FieldPanel("description"),
        FieldPanel("room"),
        FieldPanel("street_address"),
        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("locality")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("accessibility_notes"),
    ]

    class Meta:
        verbose_name = _("Sitzungsort")
        verbose_name_plural = _("Sitzungsorte")
        ordering = ["description"]

    def __str__(self):
        return f"{self.description}, {self.room}" if self.room else self.description

    def one_line(self):
        parts = [
            self.description,
            self.room,
            self.street_address,
            " ".join(p for p in [self.postal_code, self.locality] if p),
        ]
        return ", ".join(p for p in parts if p)


class CouncilFile(TimestampedModel):
    """A file published with a meeting, agenda item or paper (invitation, minutes, motion …)."""

    name = models.CharField(
        _("Bezeichnung"), max_length=255, help_text=_("Ohne Dateiendung, z. B. Einladung")
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("Dokument"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("Datum"), null=True, blank=True)
    text = models.TextField(
        _("Textfassung"), blank=True, help_text=_("Reiner Text des Dokuments, falls vorhanden.")
    )

    panels = [FieldPanel("name"), FieldPanel("document"), FieldPanel("date"), FieldPanel("text")]

    class Meta:
        verbose_name = _("Datei")
        verbose_name_plural = _("Dateien")
        ordering = ["-date", "name"]

    def __str__(self):
        return self.name

    def get_download_url(self):
        return reverse("oparl:file_download", args=[self.pk])


class Meeting(TranslatableMixin, index.Indexed, ClusterableModel):
    """A meeting of the council or a working group, with its agenda and files.

    Translations (wagtail-localize) carry the name and agenda texts; OParl
    publishes the German original.
    """

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Terminiert")
        INVITED = "invited", _("Eingeladen")
        HELD = "held", _("Durchgeführt")
        CANCELLED = "cancelled", _("Abgesagt")

    name = models.CharField(
        _("Bezeichnung"), max_length=255, help_text=_("z. B. 3. Sitzung des Integrationsbeirats")
    )
    committee = models.ForeignKey(
        Committee, verbose_name=_("Gremium"), on_delete=models.PROTECT, related_name="meetings"
    )
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    location = models.ForeignKey(
        Location,
        verbose_name=_("Ort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    state = models.CharField(_("Status"), max_length=20, choices=State.choices, default=State.SCHEDULED)
    summary = models.TextField(_("Hinweise für die Öffentlichkeit"), blank=True)
    invitation = models.ForeignKey(
        CouncilFile,
        verbose_name=_("Einladung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    results_protocol = models.ForeignKey(
        CouncilFile,
        verbose_name=_("Protokoll"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    auxiliary_files = ParentalManyToManyField(
        CouncilFile, verbose_name=_("Weitere Dateien"), blank=True, related_name="meetings_auxiliary"
    )
    published = models.BooleanField(
        _("Veröffentlicht"),
        default=False,
        help_text=_("Erst veröffentlichte Sitzungen erscheinen auf der Website und in OParl."),
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    modified = models.DateTimeField(_("Geändert am"), auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("committee"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("location"),
        FieldPanel("state"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("invitation"), FieldPanel("results_protocol"), FieldPanel("auxiliary_files")],
            heading=_("Dateien"),
        ),
        InlinePanel("agenda_items", heading=_("Tagesordnung"), label=_("Tagesordnungspunkt")),
        FieldPanel("published"),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("summary"),
        index.FilterField("locale_id"),
        index.FilterField("published"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["-start"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.published and self.first_published_at is None:
            self.first_published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def cancelled(self):
        return self.state == self.State.CANCELLED


class AgendaItem(TranslatableMixin, Orderable):
    """An item of a meeting's agenda. Non-public items show only that they exist."""

    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.CharField(_("Nummer"), max_length=20, help_text=_("z. B. 1, 2.1 oder Ö 3"))
    name = models.CharField(_("Thema"), max_length=500)
    public = models.BooleanField(_("Öffentlich"), default=True)
    result = models.CharField(
        _("Ergebnis"),
        max_length=200,
        blank=True,
        help_text=_("z. B. Einstimmig beschlossen, Zur Kenntnis genommen"),
    )
    resolution_text = models.TextField(_("Beschlusstext"), blank=True)
    resolution_file = models.ForeignKey(
        CouncilFile,
        verbose_name=_("Beschluss als Datei"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    auxiliary_files = ParentalManyToManyField(
        CouncilFile, verbose_name=_("Anlagen"), blank=True, related_name="agenda_items_auxiliary"
    )
    created = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    modified = models.DateTimeField(_("Geändert am"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("public")]),
        FieldPanel("name"),
        FieldPanel("result"),
        FieldPanel("resolution_text"),
        FieldPanel("resolution_file"),
        FieldPanel("auxiliary_files"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")

    def __str__(self):
        return f"{self.meeting} – TOP {self.number}: {self.name}"


class Paper(TimestampedModel, ClusterableModel):
    """A motion, report or notice the council deals with (Drucksache)."""

    class Type(models.TextChoices):
        MOTION = "motion", _("Antrag")
        REPORT = "report", _("Bericht")
        NOTICE = "notice", _("Mitteilung")
        QUESTION = "question", _("Anfrage")
        STATEMENT = "statement", _("Stellungnahme")

    name = models.CharField(_("Titel"), max_length=500)
    reference = models.CharField(
        _("Aktenzeichen"), max_length=50, blank=True, help_text=_("z. B. IB/2025/001")
    )
    date = models.DateField(_("Datum"))
    paper_type = models.CharField(_("Art"), max_length=20, choices=Type.choices, default=Type.MOTION)
    summary = models.TextField(_("Kurzfassung"), blank=True)
    main_file = models.ForeignKey(
        CouncilFile,
        verbose_name=_("Hauptdatei"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    auxiliary_files = ParentalManyToManyField(
        CouncilFile, verbose_name=_("Anlagen"), blank=True, related_name="papers_auxiliary"
    )
    originator_committees = ParentalManyToManyField(
        Committee, verbose_name=_("Eingebracht von (Gremium)"), blank=True, related_name="papers"
    )
    published = models.BooleanField(_("Veröffentlicht"), default=False)
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("reference"), FieldPanel("date")]),
        FieldPanel("paper_type"),
        FieldPanel("summary"),
        FieldPanel("main_file"),
        FieldPanel("auxiliary_files"),
        FieldPanel("originator_committees"),
        InlinePanel("consultations", heading=_("Beratungen"), label=_("Beratung")),
        FieldPanel("published"),
    ]

    class Meta:
        verbose_name = _("Vorlage")
        verbose_name_plural = _("Vorlagen")
        ordering = ["-date", "reference"]

    def __str__(self):
        return f"{self.reference} {self.name}".strip()

    def save(self, *args, **kwargs):
        if self.published and self.first_published_at is None:
            self.first_published_at = timezone.now()
        super().save(*args, **kwargs)


class Consultation(Orderable):
    """A paper dealt with under an agenda item of a meeting (Beratung)."""

    paper = ParentalKey(Paper, on_delete=models.CASCADE, related_name="consultations")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("Tagesordnungspunkt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    role = models.CharField(
        _("Rolle"), max_length=100, blank=True, help_text=_("z. B. Beratung, Entscheidung")
    )
    authoritative = models.BooleanField(_("Abschließende Entscheidung"), default=False)
    created = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    modified = models.DateTimeField(_("Geändert am"), auto_now=True)

    panels = [FieldPanel("agenda_item"), FieldPanel("role"), FieldPanel("authoritative")]

    class Meta(Orderable.Meta):
        verbose_name = _("Beratung")
        verbose_name_plural = _("Beratungen")

    def __str__(self):
        return f"{self.paper} – {self.agenda_item or ''}"


class OParlTombstone(models.Model):
    """What remains of a deleted object, so OParl clients can remove their copy."""

    oparl_type = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    created = models.DateTimeField()
    modified = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Gelöschtes OParl-Objekt")
        verbose_name_plural = _("Gelöschte OParl-Objekte")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["oparl_type", "object_id"], name="unique_oparl_tombstone")
        ]

    def __str__(self):
        return f"{self.oparl_type} {self.object_id}"


class CouncilPage(RoutablePageMixin, BasePage):
    """The council's public page: members, working groups, the office, meetings and papers."""

    intro = models.TextField(_("Einleitung"), blank=True)
    meetings_per_page = models.PositiveSmallIntegerField(_("Sitzungen pro Seite"), default=20)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("meetings_per_page")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "pages.ContentPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Integrationsbeirat")
        verbose_name_plural = _("Integrationsbeirat-Seiten")

    @path("")
    def index_route(self, request):
        from .views import council_index

        return council_index(request, self)

    @path("sitzungen/", name="meetings")
    def meetings_route(self, request):
        from .views import meeting_list

        return meeting_list(request, self)

    @path("sitzungen/kalender/", name="ical")
    def ical_route(self, request):
        from .views import meeting_ical

        return meeting_ical(request, self)

    @path("sitzungen/<int:pk>/", name="meeting")
    def meeting_route(self, request, pk):
        from .views import meeting_detail

        return meeting_detail(request, self, pk)

    @path("vorlagen/<int:pk>/", name="paper")
    def paper_route(self, request, pk):
        from .views import paper_detail

        return paper_detail(request, self, pk)
