"""People: the team, podcast hosts and guests, speakers, authors."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index


class Person(TranslatableMixin, index.Indexed, ClusterableModel):
    """A person the office publishes about.

    Team members carry one or more `TeamMembership` rows; people with author
    initials (e.g. "sbs") sign news articles.
    """

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(
        _("Kurzname für die Adresse"),
        max_length=200,
        help_text=_("Wird Teil der Adresse des Profils, z. B. adele-robart."),
    )
    role = models.CharField(_("Funktion"), max_length=200, blank=True)
    initials = models.CharField(
        _("Kürzel"),
        max_length=12,
        blank=True,
        help_text=_('Autorenkürzel unter Artikeln, z. B. "sbs".'),
    )
    short_bio = models.TextField(_("Kurzbiografie"), blank=True)
    photo = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("Foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    languages = models.CharField(
        _("Sprachen"),
        max_length=200,
        blank=True,
        help_text=_("Gesprochene Sprachen als Sprachkürzel, durch Komma getrennt, z. B. de, fr, en."),
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    show_contact = models.BooleanField(
        _("Kontakt öffentlich zeigen"),
        default=False,
        help_text=_("Nur ankreuzen, wenn die Person der Veröffentlichung zugestimmt hat."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("initials"),
        FieldPanel("photo"),
        FieldPanel("short_bio"),
        FieldPanel("languages"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("show_contact")],
            heading=_("Kontakt"),
        ),
        InlinePanel("memberships", heading=_("Teamzugehörigkeit"), label=_("Zeitraum")),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("role"),
        index.SearchField("short_bio"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_person_slug_per_locale"),
        ]

    def __str__(self):
        return self.name

    @property
    def language_codes(self):
        """The spoken languages as a list of codes."""
        return [code.strip() for code in self.languages.split(",") if code.strip()]


class TeamMembership(Orderable):
    """A period in which a person belongs to the office's team."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Mitarbeiter*in")
        INTERN = "intern", _("Praktikant*in")
        VOLUNTEER = "volunteer", _("Ehrenamt")

    person = ParentalKey(Person, on_delete=models.CASCADE, related_name="memberships")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.STAFF)
    position = models.CharField(_("Aufgabe im Team"), max_length=200, blank=True)
    start_date = models.DateField(_("Beginn"))
    end_date = models.DateField(_("Ende"), null=True, blank=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("position"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Teamzugehörigkeit")
        verbose_name_plural = _("Teamzugehörigkeiten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_kind_display()})"
