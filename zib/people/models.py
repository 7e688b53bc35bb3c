"""People: the team, podcast hosts and guests, speakers, authors."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from zib.languages.codes import cleaned_language_codes, normalize_language_codes
from zib.languages.services import translated_language_name
from zib.pagecache import local
from zib.pages.models import BasePage


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

    def clean(self):
        super().clean()
        try:
            self.languages = cleaned_language_codes(self.languages)
        except ValidationError as error:
            raise ValidationError({"languages": error}) from error

    def save(self, *args, **kwargs):
        # Also what is saved without a form (imports, the demo content) is stored normalised.
        self.languages = normalize_language_codes(self.languages)
        super().save(*args, **kwargs)

    @property
    def language_codes(self):
        """The spoken languages as a list of codes."""
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def language_names(self):
        """The spoken languages by name in the visitor's language (else the code as typed)."""
        return [translated_language_name(code) for code in self.language_codes]

    def get_absolute_url(self):
        """The public profile on the team page of the person's language, or None.

        Only people who belong or belonged to the team have a profile.
        """
        from .services import profile_url

        return profile_url(self)


class TeamMembership(Orderable):
    """A period in which a person belongs to the office's team."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Mitarbeiter*in")
        INTERN = "intern", _("Praktikant*in")
        VOLUNTEER = "volunteer", _("Ehrenamt")

    person = ParentalKey(Person, on_delete=models.CASCADE, related_name="memberships")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.STAFF)
    position = models.CharField(_("Aufgabe im Team"), max_length=200, blank=True)
    start_date = models.DateField(
        _("Beginn"), null=True, blank=True, help_text=_("Leer lassen, wenn unbekannt.")
    )
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
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_kind_display()})"

    @property
    def is_intern(self):
        return self.kind == self.Kind.INTERN

    def is_current(self, today=None):
        today = today or timezone.localdate()
        return (self.start_date is None or self.start_date <= today) and (
            self.end_date is None or self.end_date >= today
        )


class TeamPage(RoutablePageMixin, BasePage):
    """The team of the office: who works here today, with a profile per person.

    Members are the people whose team membership runs today; interns are
    labelled as such. The newest news article introducing a team member
    ("Das Team des ZIB") is shown as the feature. Profiles live at
    `<team page>/<person slug>/`.
    """

    intro = models.TextField(
        _("Einleitung"),
        blank=True,
        help_text=_("z. B. wann das ZIB eingerichtet wurde und wo es angesiedelt ist."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "pages.ContentPage"]
    subpage_types = []
    max_count = 1

    photo_spec = "fill-240x240"

    class Meta:
        verbose_name = _("Teamseite")
        verbose_name_plural = _("Teamseiten")

    @path("")
    def team_view(self, request):
        """The current team and the newest introduction."""
        from .services import current_team, latest_introduction

        # Both are remembered per cache generation (any change to a person, a
        # membership or a published page starts a new one), the team also per
        # day (memberships begin and end on dates) and the feature, which
        # depends on what is published, until the next scheduled go-live or expiry.
        today = timezone.localdate()
        members = local.get_or_compute(
            f"people:team:{self.locale_id}:{today.isoformat()}:{self.photo_spec}",
            lambda: current_team(self.locale, today=today, photo_spec=self.photo_spec),
        )
        feature = local.get_or_compute(
            f"people:latest-introduction:{self.locale_id}",
            lambda: latest_introduction(self.locale),
            timeout=local.until_scheduled_change,
        )
        page_url = self.get_url(request)
        for member in members:
            member.url = page_url + self.reverse_subpage("profile_view", kwargs={"slug": member.person.slug})
        context = {"members": members, "feature": feature}
        return self.render(request, context_overrides=context)

    @path("<slug:slug>/")
    def profile_view(self, request, slug):
        """One person's profile: photo with credit, role, bio, languages, introductions."""
        from .services import get_profile, introductions_for

        person = get_profile(slug, self.locale)
        if person is None:
            raise Http404
        context = {
            "person": person,
            "memberships": person.visible_memberships,
            "introductions": introductions_for(person, self.locale),
            **self.subroute_breadcrumbs(person.name),
        }
        return self.render(request, template="people/person_profile.html", context_overrides=context)

    def profile_url(self, person, request=None):
        return self.get_url(request) + self.reverse_subpage("profile_view", kwargs={"slug": person.slug})
