"""Organisations: partners, organisers, associations, the network directory.

An `Organization` is used as organiser and partner of events and campaigns
and, when `show_in_directory` is set, as an entry of the public network
directory (`NetworkDirectoryPage`). Partners keep their entries current
through `OrganizationProposal`s that staff review before anything is
published, and through a yearly confirmation link sent by e-mail.
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from zib.languages.codes import normalize_language_codes
from zib.pages.models import BasePage

from .languages import language_name


def confirmation_max_age():
    """How long a confirmation counts before an entry is flagged as stale."""
    return datetime.timedelta(days=getattr(settings, "ORGANIZATIONS_CONFIRMATION_MAX_AGE_DAYS", 395))


class Topic(TranslatableMixin, models.Model):
    """A field of work in the directory (language courses, work, health …)."""

    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Kurzname für die Adresse"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Themenfeld")
        verbose_name_plural = _("Themenfelder")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class District(models.Model):
    """A district (Stadtbezirk or Stadtteil) of the city."""

    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Kurzname für die Adresse"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("Stadtteil")
        verbose_name_plural = _("Stadtteile")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organization(TranslatableMixin, index.Indexed, ClusterableModel):
    """An organisation the office works with.

    Used as organiser and partner of events and campaigns, and as an entry of
    the public network directory.
    """

    class Kind(models.TextChoices):
        CITY_OFFICE = "city_office", _("Amt der Stadtverwaltung")
        REGIONAL_BODY = "regional_body", _("Regionale Körperschaft")
        ASSOCIATION = "association", _("Verein (e. V.)")
        MIGRANT_ORGANISATION = "migrant_org", _("Migrantenorganisation")
        COMMUNITY_PROJECT = "community_project", _("Projekt der Gemeinwesenarbeit")
        OTHER = "other", _("Sonstige")

    class Accessibility(models.TextChoices):
        UNKNOWN = "", _("Keine Angabe")
        STEP_FREE = "step_free", _("Stufenlos zugänglich")
        PARTIAL = "partial", _("Teilweise barrierefrei")
        NOT_STEP_FREE = "not_step_free", _("Nicht stufenlos zugänglich")

    name = models.CharField(_("Name"), max_length=255)
    slug = models.SlugField(_("Kurzname für die Adresse"), max_length=255)
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices, default=Kind.ASSOCIATION)
    description = models.TextField(_("Beschreibung"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True, default="Saarbrücken")
    latitude = models.DecimalField(_("Breitengrad"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("Längengrad"), max_digits=9, decimal_places=6, null=True, blank=True)
    languages = models.CharField(
        _("Sprachen"),
        max_length=200,
        blank=True,
        help_text=_("Sprachkürzel (BCP 47), durch Komma getrennt, z. B. de, ar, uk."),
    )
    logo = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Network directory.
    show_in_directory = models.BooleanField(
        _("Im Netzwerkverzeichnis zeigen"),
        default=True,
        help_text=_(
            "Nur geprüfte Einträge: Vorschläge von Partnern werden erst nach der Prüfung übernommen."
        ),
    )
    topics = ParentalManyToManyField(Topic, verbose_name=_("Themenfelder"), blank=True, related_name="+")
    district = models.ForeignKey(
        District,
        verbose_name=_("Stadtteil"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organizations",
    )
    consultation_hours = models.TextField(
        _("Sprechzeiten"), blank=True, help_text=_("z. B. Mo–Do 9–12 Uhr, Di 14–17 Uhr und nach Vereinbarung")
    )
    accessibility = models.CharField(
        _("Barrierefreiheit der Räume"),
        max_length=20,
        choices=Accessibility.choices,
        blank=True,
        default=Accessibility.UNKNOWN,
    )
    accessibility_notes = models.TextField(
        _("Hinweise zur Barrierefreiheit"),
        blank=True,
        help_text=_("z. B. Aufzug, barrierefreies WC, Induktionsschleife, Gebärdensprache nach Absprache"),
    )

    # Keeping the entry current.
    maintainer_email = models.EmailField(
        _("E-Mail für Aktualisierungen"),
        blank=True,
        help_text=_(
            "Nicht öffentlich. An diese Adresse geht einmal im Jahr die Bitte, den Eintrag zu bestätigen. "
            "Leer: die öffentliche E-Mail-Adresse."
        ),
    )
    last_confirmed_at = models.DateField(_("Zuletzt bestätigt am"), null=True, blank=True)
    confirmation_requested_at = models.DateTimeField(
        _("Bestätigung angefragt am"), null=True, blank=True, editable=False
    )
    staff_note = models.TextField(_("Interne Notiz"), blank=True, help_text=_("Nur für das Team sichtbar."))
    created_at = models.DateTimeField(_("Angelegt am"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldPanel("languages"),
        MultiFieldPanel(
            [FieldPanel("show_in_directory"), FieldPanel("topics"), FieldPanel("district")],
            heading=_("Netzwerkverzeichnis"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("consultation_hours"),
            ],
            heading=_("Kontakt"),
        ),
        InlinePanel("contact_persons", heading=_("Ansprechpersonen"), label=_("Ansprechperson")),
        InlinePanel("social_channels", heading=_("Soziale Medien"), label=_("Kanal")),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("accessibility"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Adresse und Räume"),
        ),
        MultiFieldPanel(
            [FieldPanel("maintainer_email"), FieldPanel("last_confirmed_at"), FieldPanel("staff_note")],
            heading=_("Aktualität"),
        ),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("description"),
        index.SearchField("consultation_hours"),
        index.SearchField("street"),
        index.AutocompleteField("name"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("district", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
        index.FilterField("show_in_directory"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_organization_slug_per_locale"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.languages = normalize_language_codes(self.languages)
        super().save(*args, **kwargs)

    @property
    def language_codes(self):
        """The languages spoken there, as a list of codes."""
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def language_names(self):
        """The languages' names in the visitor's language, for display."""
        return [language_name(code) for code in self.language_codes]

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def update_email(self):
        """Where confirmation requests go."""
        return self.maintainer_email or self.email

    @property
    def is_stale(self):
        """True when nobody confirmed the entry within the set time."""
        if self.last_confirmed_at is None:
            return True
        return self.last_confirmed_at < timezone.localdate() - confirmation_max_age()

    @property
    def osm_url(self):
        """A link to the place on openstreetmap.org (opened only on the visitor's click)."""
        if not self.has_coordinates:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=17/{self.latitude}/{self.longitude}"
        )

    @property
    def geo_uri(self):
        """RFC 5870 geo URI: opens the visitor's own map app, no request to us or others."""
        if not self.has_coordinates:
            return ""
        return f"geo:{self.latitude},{self.longitude}"

    def full_address(self):
        parts = [self.street, " ".join(p for p in [self.postal_code, self.city] if p)]
        return ", ".join(p for p in parts if p)


class ContactPerson(Orderable):
    """A person to ask at an organisation; public only with their consent."""

    organization = ParentalKey(Organization, on_delete=models.CASCADE, related_name="contact_persons")
    name = models.CharField(_("Name"), max_length=200)
    role = models.CharField(_("Funktion"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    languages = models.CharField(_("Sprachen"), max_length=200, blank=True, help_text=_("z. B. de, ar"))
    consent_to_publish = models.BooleanField(
        _("Einverstanden mit der Veröffentlichung"),
        default=False,
        help_text=_("Ohne Einverständnis erscheint die Person nicht im öffentlichen Verzeichnis."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("languages"),
        FieldPanel("consent_to_publish"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.languages = normalize_language_codes(self.languages)
        super().save(*args, **kwargs)


class OrganizationSocialChannel(Orderable):
    """A social media channel of an organisation (linked, never embedded)."""

    organization = ParentalKey(Organization, on_delete=models.CASCADE, related_name="social_channels")
    name = models.CharField(_("Netzwerk"), max_length=100, help_text=_("z. B. Instagram"))
    url = models.URLField(_("Adresse"))

    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("Kanal")
        verbose_name_plural = _("Soziale Medien")

    def __str__(self):
        return self.name


class OrganizationProposal(models.Model):
    """A new entry or a change proposed by a partner, waiting for staff review.

    Everything the partner typed is kept in `data` (also what staff did not
    take over), so nothing is lost. Nothing reaches the directory before a
    member of staff publishes the proposal.
    """

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("E-Mail-Adresse nicht bestätigt")
        SUBMITTED = "submitted", _("Wartet auf Prüfung")
        PUBLISHED = "published", _("Veröffentlicht")
        RETURNED = "returned", _("Zur Überarbeitung zurückgeschickt")
        REJECTED = "rejected", _("Abgelehnt")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Eintrag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
        help_text=_("Leer bei einem neuen Eintrag."),
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED)
    data = models.JSONField(_("Vorgeschlagene Angaben"), default=dict)
    submitter_name = models.CharField(_("Name der einreichenden Person"), max_length=200)
    submitter_email = models.EmailField(_("E-Mail der einreichenden Person"))
    email_confirmed_at = models.DateTimeField(_("E-Mail bestätigt am"), null=True, blank=True)
    review_note = models.TextField(_("Notiz an die einreichende Person"), blank=True)
    reviewed_at = models.DateTimeField(_("Geprüft am"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Geprüft von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Eingegangen am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Vorschlag für das Netzwerkverzeichnis")
        verbose_name_plural = _("Vorschläge für das Netzwerkverzeichnis")
        ordering = ["-created_at"]
        permissions = [("review_organizationproposal", _("Vorschläge prüfen und veröffentlichen"))]

    def __str__(self):
        return self.title

    @property
    def title(self):
        name = self.data.get("name") or (self.organization.name if self.organization_id else "")
        if self.organization_id:
            return _("Änderung: %(name)s") % {"name": name}
        return _("Neuer Eintrag: %(name)s") % {"name": name}

    @property
    def is_change(self):
        return self.organization_id is not None

    def get_review_url(self):
        return reverse("organizations_admin:review", args=[self.pk])


class NetworkDirectoryPage(RoutablePageMixin, BasePage):
    """The public network directory: every published organisation, filterable.

    Sub-routes: an entry's page, its vCard, and the whole directory as CSV and
    JSON. The forms for partners live in `zib.organizations.urls`.
    """

    intro = models.TextField(_("Einleitung"), blank=True)
    privacy_note = models.TextField(
        _("Hinweis zur Karte"),
        blank=True,
        default=(
            "Die Karte liegt bei OpenStreetMap, einem anderen Anbieter. Erst wenn Sie auf den Link "
            "klicken, wird Ihr Browser mit openstreetmap.org verbunden und überträgt dabei Ihre IP-Adresse."
        ),
    )
    per_page = models.PositiveSmallIntegerField(_("Einträge pro Seite"), default=20)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("privacy_note"),
        FieldPanel("per_page"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "pages.ContentPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Netzwerkverzeichnis")
        verbose_name_plural = _("Netzwerkverzeichnisse")

    @path("")
    def index_route(self, request):
        from .views import directory_index

        return directory_index(request, self)

    @path("export/csv/", name="export_csv")
    def export_csv_route(self, request):
        from .views import directory_csv

        return directory_csv(request, self)

    @path("export/json/", name="export_json")
    def export_json_route(self, request):
        from .views import directory_json

        return directory_json(request, self)

    @path("<slug:slug>/", name="entry")
    def entry_route(self, request, slug):
        from .views import directory_entry

        return directory_entry(request, self, slug)

    @path("<slug:slug>/vcard/", name="vcard")
    def vcard_route(self, request, slug):
        from .views import directory_vcard

        return directory_vcard(request, self, slug)
