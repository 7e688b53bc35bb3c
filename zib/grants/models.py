"""Funding advice and small grants.

Public side: a funding guide (`FundingGuidePage` with `FundingProgrammePage`
children and their deadlines) and the office's own call for small grants
(`GrantCallPage`).

Applicant side: `Applicant` accounts (e-mail sign-in by magic link,
`SignInToken`) belonging to an `ApplicantOrganisation`; a `GrantApplication`
with `BudgetLine`s and `Attachment`s, questions and answers
(`ApplicationMessage`).

Staff side: `StatusChange` (the audit trail of every status change),
`InternalComment`, `ReviewScore`, and `GrantSettings` (retention period,
notification address, signatory of decision letters).

Applicant data is kept apart from the public organisation directory
(`zib.organizations`) on purpose: bank details, addresses and contact
people of applicants must never appear in public listings.
"""

import uuid
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q, Sum
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from zib.languages.services import EXTRA_LANGUAGES, language_name
from zib.pagecache import local
from zib.pages.blocks import BodyBlock
from zib.pages.models import BasePage

MONEY = {"max_digits": 10, "decimal_places": 2}
RICH_TEXT = ["bold", "italic", "link", "ol", "ul"]

# The languages a project may use: the site's offered languages and others
# spoken by the associations, each in its own name.
PROJECT_LANGUAGES = [
    *settings.OFFERED_LANGUAGES,
    ("ku", EXTRA_LANGUAGES["ku"].name_local),
    ("pl", "Polski"),
    ("bg", "Български"),
    ("it", "Italiano"),
    ("es", "Español"),
    ("sq", "Shqip"),
    ("ti", EXTRA_LANGUAGES["ti"].name_local),
    ("gsg", EXTRA_LANGUAGES["gsg"].name_local),
]


# --------------------------------------------------------------------------
# Private file storage
# --------------------------------------------------------------------------


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files that must never be reachable under MEDIA_URL (applicants' uploads).

    The location is read from `settings.GRANTS_PRIVATE_ROOT` each time, so it
    can point outside the public media folder and be changed in tests.
    Files are served only by views that check permissions.
    """

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        default = Path(settings.BASE_DIR) / "var" / "private"
        return str(getattr(settings, "GRANTS_PRIVATE_ROOT", default))

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise ValueError("Private files have no public URL.")


private_storage = PrivateStorage()


def attachment_upload_to(instance, filename):
    """A random name: the applicant's file name is kept only in the database."""
    suffix = Path(filename).suffix.lower()[:8]
    return f"grants/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


# --------------------------------------------------------------------------
# Funding guide (public pages)
# --------------------------------------------------------------------------


class FundingGuidePage(BasePage):
    """The funding guide: programmes for associations and their upcoming deadlines."""

    intro = RichTextField(_("Einleitung"), features=RICH_TEXT, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("Weitere Inhalte"), blank=True)
    contact_person = models.ForeignKey(
        "people.Person",
        verbose_name=_("Ansprechperson für Förderberatung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("contact_person"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "pages.ContentPage"]
    subpage_types = ["grants.FundingProgrammePage", "grants.GrantCallPage"]
    max_count_per_parent = 1

    UPCOMING_LIMIT = 10

    class Meta:
        verbose_name = _("Förderwegweiser")
        verbose_name_plural = _("Förderwegweiser")

    def get_context(self, request, *args, **kwargs):
        from .remembered import Remembered, remembered_person, until_tomorrow

        context = super().get_context(request, *args, **kwargs)
        level = request.GET.get("ebene", "")
        if level not in FundingProgrammePage.Level.values:
            level = ""
        listing = Remembered(
            request,
            f"grants:guide:{self.pk}:{level}",
            lambda: self.listing_objects(level),
            timeout=until_tomorrow,
        )
        context["programmes"] = listing.items("programmes")
        context["selected_level"] = level
        context["levels"] = FundingProgrammePage.Level.choices
        context["upcoming_deadlines"] = listing.items("upcoming_deadlines")
        context["calls"] = listing.items("calls")
        context["contact_person"] = remembered_person(self)
        return context

    def listing_objects(self, level=""):
        """The programmes (of one funder level), the next deadlines and the own calls, from today on."""
        today = timezone.localdate()
        programmes = (
            FundingProgrammePage.objects.live()
            .child_of(self)
            .defer_streamfields()
            .select_related("contact_person")
            .prefetch_related(
                Prefetch(
                    "deadlines",
                    queryset=ProgrammeDeadline.objects.filter(date__gte=today).order_by("date"),
                    to_attr="upcoming_deadlines",
                )
            )
            .order_by("title")
        )
        if level:
            programmes = programmes.filter(funder_level=level)
        return {
            "programmes": list(programmes),
            "upcoming_deadlines": list(
                ProgrammeDeadline.objects.filter(
                    date__gte=today,
                    page__in=FundingProgrammePage.objects.live().child_of(self).values("pk"),
                )
                .select_related("page")
                .order_by("date", "page__title")[: self.UPCOMING_LIMIT]
            ),
            "calls": list(
                GrantCallPage.objects.live().child_of(self).defer_streamfields().order_by("-opens_at")
            ),
        }


class FundingProgrammePage(BasePage):
    """A funding programme of another funder (federal, state, foundation …)."""

    class Level(models.TextChoices):
        EU = "eu", _("Europäische Union")
        FEDERAL = "federal", _("Bund")
        STATE = "state", _("Land")
        MUNICIPAL = "municipal", _("Kommune")
        FOUNDATION = "foundation", _("Stiftung")
        OTHER = "other", _("Sonstige")

    funder = models.CharField(_("Fördergeber"), max_length=255)
    funder_level = models.CharField(_("Ebene"), max_length=20, choices=Level.choices, default=Level.FEDERAL)
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    what_is_funded = RichTextField(_("Was wird gefördert?"), features=RICH_TEXT, blank=True)
    who_may_apply = RichTextField(_("Wer kann beantragen?"), features=RICH_TEXT, blank=True)
    amount_min = models.DecimalField(_("Fördersumme von (Euro)"), null=True, blank=True, **MONEY)
    amount_max = models.DecimalField(_("Fördersumme bis (Euro)"), null=True, blank=True, **MONEY)
    funding_rate = models.CharField(
        _("Förderquote"),
        max_length=200,
        blank=True,
        help_text=_("z. B. bis zu 80 % der förderfähigen Kosten"),
    )
    rolling = models.BooleanField(
        _("Laufende Antragstellung"), default=False, help_text=_("Anträge sind jederzeit möglich.")
    )
    external_url = models.URLField(_("Weitere Informationen beim Fördergeber"), blank=True)
    contact_person = models.ForeignKey(
        "people.Person",
        verbose_name=_("Ansprechperson im ZIB"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("Weitere Hinweise"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("funder"), FieldPanel("funder_level")], heading=_("Fördergeber")),
        FieldPanel("summary"),
        FieldPanel("what_is_funded"),
        FieldPanel("who_may_apply"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("amount_min"), FieldPanel("amount_max")]),
                FieldPanel("funding_rate"),
            ],
            heading=_("Fördersumme"),
        ),
        MultiFieldPanel(
            [FieldPanel("rolling"), InlinePanel("deadlines", label=_("Frist"))],
            heading=_("Fristen"),
        ),
        FieldPanel("external_url"),
        FieldPanel("contact_person"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("funder", boost=2),
        index.SearchField("summary"),
        index.SearchField("what_is_funded"),
        index.SearchField("who_may_apply"),
        index.FilterField("funder_level"),
    ]

    parent_page_types = ["grants.FundingGuidePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")

    def clean(self):
        super().clean()
        if self.amount_min is not None and self.amount_max is not None and self.amount_min > self.amount_max:
            raise ValidationError(
                {"amount_max": _("Der Höchstbetrag darf nicht kleiner als der Mindestbetrag sein.")}
            )

    def get_context(self, request, *args, **kwargs):
        from .remembered import remembered_person, until_tomorrow

        context = super().get_context(request, *args, **kwargs)
        context["upcoming_deadlines"] = local.get_or_compute(
            f"grants:programme-deadlines:{self.pk}",
            lambda: [
                {"date": deadline.date, "label": deadline.label}
                for deadline in self.deadlines.filter(date__gte=timezone.localdate()).order_by("date")
            ],
            timeout=until_tomorrow,
            request=request,
        )
        context["contact_person"] = remembered_person(self)
        return context


class ProgrammeDeadline(Orderable):
    """One application deadline of a programme; past deadlines drop out of every list."""

    page = ParentalKey(FundingProgrammePage, on_delete=models.CASCADE, related_name="deadlines")
    date = models.DateField(_("Datum"))
    label = models.CharField(
        _("Bezeichnung"), max_length=200, blank=True, help_text=_("z. B. 1. Förderrunde")
    )

    panels = [FieldPanel("date"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("Frist")
        verbose_name_plural = _("Fristen")

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.label}".strip()


# --------------------------------------------------------------------------
# The office's own call for small grants
# --------------------------------------------------------------------------


class GrantCallPage(BasePage):
    """The office's call for small grants, with the link to apply online."""

    intro = RichTextField(_("Einleitung"), features=RICH_TEXT, blank=True)
    annual_budget = models.DecimalField(_("Budget pro Jahr (Euro)"), **MONEY)
    min_amount = models.DecimalField(_("Mindestbetrag pro Antrag (Euro)"), default=Decimal("0"), **MONEY)
    max_amount = models.DecimalField(_("Höchstbetrag pro Antrag (Euro)"), **MONEY)
    min_own_contribution_percent = models.PositiveSmallIntegerField(
        _("Mindest-Eigenanteil in Prozent"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Anteil der Gesamtkosten, den die Organisation selbst tragen muss; 0 für keinen."),
    )
    eligibility = RichTextField(_("Wer kann beantragen?"), features=RICH_TEXT, blank=True)
    what_is_funded = RichTextField(_("Was wird gefördert?"), features=RICH_TEXT, blank=True)
    opens_at = models.DateTimeField(_("Antragstellung ab"))
    closes_at = models.DateTimeField(_("Antragsschluss"))
    contact_person = models.ForeignKey(
        "people.Person",
        verbose_name=_("Ansprechperson im ZIB"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("Weitere Hinweise"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("annual_budget"),
                FieldRowPanel([FieldPanel("min_amount"), FieldPanel("max_amount")]),
                FieldPanel("min_own_contribution_percent"),
            ],
            heading=_("Budget"),
        ),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Zeitraum")),
        FieldPanel("eligibility"),
        FieldPanel("what_is_funded"),
        InlinePanel("required_documents", heading=_("Erforderliche Unterlagen"), label=_("Unterlage")),
        FieldPanel("contact_person"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("eligibility"),
        index.SearchField("what_is_funded"),
    ]

    parent_page_types = ["grants.FundingGuidePage", "home.HomePage", "pages.ContentPage"]
    subpage_types = []

    FUNDED_LIST_LIMIT = 50

    class Meta:
        verbose_name = _("Förderaufruf (eigene Kleinförderung)")
        verbose_name_plural = _("Förderaufrufe (eigene Kleinförderung)")

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("Der Antragsschluss muss nach dem Beginn liegen.")
        if self.max_amount is not None and self.min_amount is not None and self.max_amount < self.min_amount:
            errors["max_amount"] = _("Der Höchstbetrag darf nicht kleiner als der Mindestbetrag sein.")
        if (
            self.max_amount is not None
            and self.annual_budget is not None
            and self.max_amount > self.annual_budget
        ):
            errors["max_amount"] = _("Der Höchstbetrag darf das Jahresbudget nicht übersteigen.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self):
        now = timezone.now()
        return bool(self.opens_at and self.closes_at and self.opens_at <= now < self.closes_at)

    @property
    def has_not_opened(self):
        return bool(self.opens_at and timezone.now() < self.opens_at)

    @cached_property
    def source_call(self):
        """The call in the default language: applications always refer to it."""
        return (
            GrantCallPage.objects.filter(translation_key=self.translation_key).order_by("pk").first() or self
        )

    def funded_projects(self):
        """Approved projects whose organisations agreed to be listed publicly."""
        return (
            GrantApplication.objects.listed_publicly()
            .filter(call__translation_key=self.translation_key)
            .select_related("organisation")
            .only("title", "approved_amount", "budget_year", "organisation__name")
            .order_by("-budget_year", "title")[: self.FUNDED_LIST_LIMIT]
        )

    def get_context(self, request, *args, **kwargs):
        from .remembered import remembered_person

        context = super().get_context(request, *args, **kwargs)
        context["required_documents"] = local.get_or_compute(
            f"grants:call-documents:{self.pk}",
            lambda: [
                {"label": doc.label, "description": doc.description, "mandatory": doc.mandatory}
                for doc in self.required_documents.all()
            ],
            timeout=local.until_scheduled_change,
            request=request,
        )
        context["funded_projects"] = local.get_or_compute(
            f"grants:call-funded:{self.pk}",
            lambda: [
                {
                    "title": project.title,
                    "organisation_name": project.organisation.name if project.organisation else "",
                    "budget_year": project.budget_year,
                    "approved_amount": project.approved_amount,
                }
                for project in self.funded_projects()
            ],
            timeout=local.until_scheduled_change,
            request=request,
        )
        context["contact_person"] = remembered_person(self)
        return context


class RequiredDocument(Orderable):
    """A document an application to the call must (or may) include."""

    page = ParentalKey(GrantCallPage, on_delete=models.CASCADE, related_name="required_documents")
    label = models.CharField(_("Bezeichnung"), max_length=200)
    description = models.CharField(_("Hinweis"), max_length=500, blank=True)
    mandatory = models.BooleanField(_("Pflicht"), default=True)

    panels = [FieldPanel("label"), FieldPanel("description"), FieldPanel("mandatory")]

    class Meta(Orderable.Meta):
        verbose_name = _("Erforderliche Unterlage")
        verbose_name_plural = _("Erforderliche Unterlagen")

    def __str__(self):
        return self.label


@register_setting(icon="form")
class GrantSettings(BaseGenericSetting):
    """How the office runs its small grants: retention, notifications, letters."""

    retention_years = models.PositiveSmallIntegerField(
        _("Aufbewahrungsfrist in Jahren"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_(
            "So viele Jahre nach dem Abschluss eines Antrags werden personenbezogene Daten "
            "gelöscht oder anonymisiert."
        ),
    )
    draft_retention_days = models.PositiveSmallIntegerField(
        _("Unbearbeitete Entwürfe löschen nach (Tagen)"),
        default=365,
        validators=[MinValueValidator(30)],
    )
    notification_email = models.EmailField(
        _("Benachrichtigungen an"),
        blank=True,
        help_text=_(
            "Diese Adresse erfährt von neuen Anträgen und Antworten. Leer: Adresse der Dienststelle."
        ),
    )
    signatory = models.CharField(
        _("Unterzeichnende Person für Bescheide"), max_length=200, blank=True, default="Im Auftrag"
    )

    panels = [
        FieldPanel("retention_years"),
        FieldPanel("draft_retention_days"),
        FieldPanel("notification_email"),
        FieldPanel("signatory"),
    ]

    class Meta:
        verbose_name = _("Kleinförderung")


# --------------------------------------------------------------------------
# Applicants and their organisations (private)
# --------------------------------------------------------------------------


class ApplicantOrganisation(models.Model):
    """An organisation applying for a small grant. Private: never shown publicly."""

    class LegalForm(models.TextChoices):
        REGISTERED_ASSOCIATION = "ev", _("Eingetragener Verein (e. V.)")
        NONPROFIT_COMPANY = "ggmbh", _("Gemeinnützige GmbH (gGmbH)")
        CIVIL_PARTNERSHIP = "gbr", _("Gesellschaft bürgerlichen Rechts (GbR)")
        INITIATIVE = "initiative", _("Initiative ohne Rechtsform")
        RELIGIOUS = "religious", _("Religionsgemeinschaft")
        OTHER = "other", _("Sonstige")

    name = models.CharField(_("Name der Organisation"), max_length=255, blank=True)
    legal_form = models.CharField(_("Rechtsform"), max_length=20, choices=LegalForm.choices, blank=True)
    is_nonprofit = models.BooleanField(_("Als gemeinnützig anerkannt"), default=False)
    register_court = models.CharField(_("Registergericht"), max_length=200, blank=True)
    register_number = models.CharField(_("Registernummer"), max_length=100, blank=True)
    representative = models.CharField(_("Vertretungsberechtigte Person"), max_length=200, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    email = models.EmailField(_("E-Mail der Organisation"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    website = models.URLField(_("Website"), blank=True)
    account_holder = models.CharField(_("Kontoinhaber*in"), max_length=200, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    bank_name = models.CharField(_("Bank"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("Angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Antragstellende Organisation")
        verbose_name_plural = _("Antragstellende Organisationen")
        ordering = ["name"]

    def __str__(self):
        return self.name or str(_("Neue Organisation"))

    @property
    def address(self):
        return ", ".join(part for part in [self.street, f"{self.postal_code} {self.city}".strip()] if part)

    @property
    def masked_iban(self):
        """IBAN with all but the last four characters hidden, for overviews."""
        return f"{'•' * max(len(self.iban) - 4, 0)}{self.iban[-4:]}" if self.iban else ""


class Applicant(models.Model):
    """A person who applies on behalf of an organisation; signs in by e-mail link."""

    email = models.EmailField(_("E-Mail"), unique=True)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    organisation = models.ForeignKey(
        ApplicantOrganisation,
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    # No choices: the site's languages are settings, not schema.
    language = models.CharField(_("Sprache"), max_length=10, default="de")
    invited_by = models.ForeignKey(
        "self",
        verbose_name=_("Eingeladen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("Aktiv"), default=True)
    created_at = models.DateTimeField(_("Angelegt"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("Letzte Anmeldung"), null=True, blank=True)

    class Meta:
        verbose_name = _("Antragsteller*in")
        verbose_name_plural = _("Antragsteller*innen")
        ordering = ["email"]

    def __str__(self):
        return self.name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class SignInToken(models.Model):
    """A single-use, time-limited sign-in link. Only a hash of the secret is stored."""

    class Purpose(models.TextChoices):
        SIGN_IN = "sign_in", _("Anmeldung")
        INVITATION = "invitation", _("Einladung")

    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="sign_in_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.SIGN_IN)
    next_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Anmeldelink")
        verbose_name_plural = _("Anmeldelinks")

    def __str__(self):
        return f"{self.get_purpose_display()} {self.applicant} ({self.created_at:%d.%m.%Y %H:%M})"


# --------------------------------------------------------------------------
# Applications
# --------------------------------------------------------------------------


class GrantApplicationQuerySet(models.QuerySet):
    def listed_publicly(self):
        """Funded projects whose organisations agreed to be named on the call's public page."""
        return self.filter(
            GrantApplication.funded_q(), consents_public_listing=True, anonymised_at__isnull=True
        )


class GrantApplication(models.Model):
    """An application for a small grant, from draft to closing.

    Status changes go only through `zib.grants.services.change_status`; the
    `version` counter makes concurrent changes fail loudly instead of silently
    overwriting each other.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("Eingereicht")
        IN_REVIEW = "in_review", _("In Prüfung")
        INFO_REQUESTED = "info_requested", _("Rückfrage gestellt")
        ANSWERED = "answered", _("Rückfrage beantwortet")
        APPROVED = "approved", _("Bewilligt")
        REJECTED = "rejected", _("Abgelehnt")
        PAID = "paid", _("Ausgezahlt")
        REPORT_DUE = "report_due", _("Verwendungsnachweis fällig")
        REPORT_RECEIVED = "report_received", _("Verwendungsnachweis eingegangen")
        CLOSED = "closed", _("Abgeschlossen")

    # Closed counts as funded only after an approval: a rejected application can be closed too.
    FUNDED_STATUSES = (
        Status.APPROVED,
        Status.PAID,
        Status.REPORT_DUE,
        Status.REPORT_RECEIVED,
        Status.CLOSED,
    )

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("Aktenzeichen"), max_length=30, unique=True, null=True, blank=True)
    call = models.ForeignKey(
        GrantCallPage,
        verbose_name=_("Förderaufruf"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    call_title = models.CharField(_("Förderaufruf (Titel)"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        ApplicantOrganisation,
        verbose_name=_("Organisation"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    created_by = models.ForeignKey(
        Applicant, verbose_name=_("Angelegt von"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(_("Sprache des Antrags"), max_length=10, default="de")
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("Version"), default=1)

    # Project.
    title = models.CharField(_("Projekttitel"), max_length=200, blank=True)
    summary = models.TextField(_("Kurzbeschreibung"), max_length=1000, blank=True)
    description = models.TextField(_("Beschreibung und Ziele"), max_length=10000, blank=True)
    target_group = models.TextField(_("Zielgruppe"), max_length=2000, blank=True)
    languages = models.JSONField(_("Sprachen im Projekt"), default=list, blank=True)
    other_languages = models.CharField(_("Weitere Sprachen"), max_length=200, blank=True)
    start_date = models.DateField(_("Projektbeginn"), null=True, blank=True)
    end_date = models.DateField(_("Projektende"), null=True, blank=True)
    place = models.CharField(_("Ort"), max_length=255, blank=True)
    expected_participants = models.PositiveIntegerField(_("Erwartete Teilnehmende"), null=True, blank=True)

    # Budget (the cost lines are BudgetLine rows).
    requested_amount = models.DecimalField(_("Beantragter Betrag"), null=True, blank=True, **MONEY)
    own_contribution = models.DecimalField(_("Eigenanteil"), default=Decimal("0"), **MONEY)
    other_funding = models.DecimalField(_("Andere Förderung"), default=Decimal("0"), **MONEY)
    other_funding_source = models.CharField(_("Andere Fördergeber"), max_length=255, blank=True)

    # Declarations.
    confirms_accuracy = models.BooleanField(_("Angaben bestätigt"), default=False)
    consents_data_processing = models.BooleanField(_("Einwilligung Datenverarbeitung"), default=False)
    consents_public_listing = models.BooleanField(_("Einwilligung Veröffentlichung"), default=False)

    # Decision and payout.
    approved_amount = models.DecimalField(_("Bewilligter Betrag"), null=True, blank=True, **MONEY)
    paid_amount = models.DecimalField(_("Ausgezahlter Betrag"), null=True, blank=True, **MONEY)
    paid_on = models.DateField(_("Ausgezahlt am"), null=True, blank=True)
    report_due_on = models.DateField(_("Verwendungsnachweis fällig am"), null=True, blank=True)
    report_received_on = models.DateField(_("Verwendungsnachweis eingegangen am"), null=True, blank=True)
    budget_year = models.PositiveSmallIntegerField(_("Haushaltsjahr"), null=True, blank=True, db_index=True)

    # What was typed but did not validate yet, per step: never lost.
    draft_data = models.JSONField(default=dict, blank=True, editable=False)
    # The organisation's data as submitted (the live record may change later).
    organisation_snapshot = models.JSONField(default=dict, blank=True, editable=False)

    created_at = models.DateTimeField(_("Angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert"), auto_now=True)
    submitted_at = models.DateTimeField(_("Eingereicht am"), null=True, blank=True)
    decided_at = models.DateTimeField(_("Entschieden am"), null=True, blank=True)
    closed_at = models.DateTimeField(_("Abgeschlossen am"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("Anonymisiert am"), null=True, blank=True)

    objects = GrantApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Förderantrag")
        verbose_name_plural = _("Förderanträge")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "budget_year"]), models.Index(fields=["call", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="grant_application_ends_after_start",
            ),
        ]

    def __str__(self):
        title = self.title or _("Ohne Titel")
        return f"{self.reference} – {title}" if self.reference else str(title)

    @classmethod
    def funded_q(cls):
        """Applications that were approved (and may since have been paid, reported on or closed)."""
        return models.Q(status__in=[s for s in cls.FUNDED_STATUSES if s != cls.Status.CLOSED]) | models.Q(
            status=cls.Status.CLOSED, approved_amount__isnull=False
        )

    @property
    def is_funded(self):
        if self.status == self.Status.CLOSED:
            return self.approved_amount is not None
        return self.status in self.FUNDED_STATUSES

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def applicant_can_edit(self):
        return self.status == self.Status.DRAFT and self.anonymised_at is None

    @cached_property
    def total_costs(self):
        """Sum of the cost lines (uses prefetched lines when present)."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "budget_lines" in cache:
            return sum((line.amount for line in cache["budget_lines"]), Decimal("0"))
        return self.budget_lines.aggregate(total=Sum("amount"))["total"] or Decimal("0")

    @property
    def funding_total(self):
        return (self.requested_amount or Decimal("0")) + self.own_contribution + self.other_funding

    @property
    def organisation_data(self):
        """The organisation as submitted, or as it stands while still a draft."""
        if self.organisation_snapshot:
            return self.organisation_snapshot
        from .services import organisation_as_dict

        return organisation_as_dict(self.organisation) if self.organisation else {}

    @property
    def language_name(self):
        """The language the applicant used, in its own name."""
        return language_name(self.language)

    @property
    def organisation_name(self):
        if self.organisation_snapshot:
            return self.organisation_snapshot.get("name", "")
        return self.organisation.name if self.organisation_id else ""

    def language_names(self):
        """The project's languages as the form offered them."""
        names = dict(PROJECT_LANGUAGES)
        return [str(names[code]) if code in names else language_name(code) for code in self.languages]


class BudgetLine(models.Model):
    """One cost item of a project's budget."""

    class Category(models.TextChoices):
        FEES = "fees", _("Honorare")
        STAFF = "staff", _("Personalkosten")
        MATERIAL = "material", _("Sachkosten und Material")
        ROOMS = "rooms", _("Raummiete")
        PUBLICITY = "publicity", _("Öffentlichkeitsarbeit")
        TRAVEL = "travel", _("Fahrtkosten")
        CATERING = "catering", _("Verpflegung")
        TRANSLATION = "translation", _("Übersetzung und Dolmetschen")
        OTHER = "other", _("Sonstiges")

    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("Kostenart"), max_length=20, choices=Category.choices)
    description = models.CharField(_("Beschreibung"), max_length=255)
    amount = models.DecimalField(_("Betrag (Euro)"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Kostenposition")
        verbose_name_plural = _("Kostenpositionen")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.get_category_display()}: {self.description} ({self.amount} €)"


class Attachment(models.Model):
    """A file an applicant uploaded; stored privately, served after a permission check."""

    class Purpose(models.TextChoices):
        APPLICATION = "application", _("Antragsunterlage")
        ANSWER = "answer", _("Anlage zur Antwort")
        USAGE_REPORT = "usage_report", _("Verwendungsnachweis")

    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        "ApplicationMessage", null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    purpose = models.CharField(
        _("Zweck"), max_length=20, choices=Purpose.choices, default=Purpose.APPLICATION
    )
    document_label = models.CharField(_("Art der Unterlage"), max_length=200)
    file = models.FileField(
        _("Datei"), storage=private_storage, upload_to=attachment_upload_to, max_length=255
    )
    original_name = models.CharField(_("Dateiname"), max_length=255)
    content_type = models.CharField(_("Dateityp"), max_length=100)
    size = models.PositiveIntegerField(_("Größe in Bytes"))
    uploaded_by = models.ForeignKey(
        Applicant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("Hochgeladen"), auto_now_add=True)

    class Meta:
        verbose_name = _("Anlage")
        verbose_name_plural = _("Anlagen")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return f"{self.document_label}: {self.original_name}"


class ApplicationMessage(models.Model):
    """A question of the office or an applicant's answer; visible to both sides."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Rückfrage des ZIB")
        ANSWER = "answer", _("Antwort")
        REPORT = "report", _("Verwendungsnachweis")

    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    body = models.TextField(_("Text"), max_length=10000)
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_applicant = models.ForeignKey(
        Applicant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Geschrieben"), auto_now_add=True)

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%d.%m.%Y})"

    @property
    def from_office(self):
        return self.kind == self.Kind.QUESTION


class StatusChange(models.Model):
    """Audit record of one status change: who, when, from, to, note."""

    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("Von"), max_length=20, choices=GrantApplication.Status.choices)
    to_status = models.CharField(_("Nach"), max_length=20, choices=GrantApplication.Status.choices)
    changed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_by_applicant = models.ForeignKey(
        Applicant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("Geändert von"), max_length=255, blank=True)
    note = models.TextField(_("Notiz"), blank=True)
    created_at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now)

    class Meta:
        verbose_name = _("Statusänderung")
        verbose_name_plural = _("Statusänderungen")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class InternalComment(models.Model):
    """A note among staff; never shown to applicants."""

    application = models.ForeignKey(
        GrantApplication, on_delete=models.CASCADE, related_name="internal_comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("Kommentar"), max_length=5000)
    created_at = models.DateTimeField(_("Geschrieben"), auto_now_add=True)

    class Meta:
        verbose_name = _("Interner Kommentar")
        verbose_name_plural = _("Interne Kommentare")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]


class ReviewScore(models.Model):
    """An optional score by one reviewer (1 = weak … 5 = excellent per criterion)."""

    SCALE = [MinValueValidator(1), MaxValueValidator(5)]

    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    relevance = models.PositiveSmallIntegerField(_("Bedeutung für das Zusammenleben"), validators=SCALE)
    feasibility = models.PositiveSmallIntegerField(_("Umsetzbarkeit"), validators=SCALE)
    budget = models.PositiveSmallIntegerField(_("Angemessenheit der Kosten"), validators=SCALE)
    comment = models.TextField(_("Begründung"), blank=True, max_length=5000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="one_score_per_reviewer"),
        ]

    def __str__(self):
        return f"{self.reviewer}: {self.average:.1f}"

    @property
    def average(self):
        return (self.relevance + self.feasibility + self.budget) / 3
