"""Organisations: partners, organisers, associations, the network directory."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


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

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldPanel("languages"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")], heading=_("Kontakt")
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
            ],
            heading=_("Adresse"),
        ),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
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

    @property
    def language_codes(self):
        """The languages spoken there, as a list of codes."""
        return [code.strip() for code in self.languages.split(",") if code.strip()]
