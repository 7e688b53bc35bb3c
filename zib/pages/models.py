"""Generic content pages and the office's site-wide settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BodyBlock


class BasePage(Page):
    """Abstract base for the site's pages: breadcrumbs and social metadata."""

    class Meta:
        abstract = True

    def get_breadcrumbs(self):
        """Ancestors between the site's start page and this page."""
        return list(self.get_ancestors().live().filter(depth__gt=2).specific(defer=True))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context


class ContentPage(BasePage):
    """A page about the office: its tasks, its organisation, legal texts."""

    teaser = models.TextField(_("Anreißer"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("teaser"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("teaser"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "pages.ContentPage"]

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")


@register_setting(icon="site")
class OfficeSettings(ClusterableModel, BaseGenericSetting):
    """Who the office is and how to reach it; shown in the footer."""

    office_name = models.CharField(
        _("Name der Dienststelle"), max_length=200, default="Zuwanderungs- und Integrationsbüro (ZIB)"
    )
    department = models.CharField(
        _("Zuordnung"),
        max_length=200,
        blank=True,
        default="Stabsstelle im Dezernat für Finanzen und Nachhaltigkeit",
    )
    city = models.CharField(_("Kommune"), max_length=200, default="Landeshauptstadt Saarbrücken")
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("PLZ"), max_length=10, blank=True)
    locality = models.CharField(_("Ort"), max_length=100, blank=True, default="Saarbrücken")
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    opening_hours = models.TextField(_("Sprechzeiten"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("office_name"), FieldPanel("department"), FieldPanel("city")],
            heading=_("Dienststelle"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldPanel("postal_code"),
                FieldPanel("locality"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Kontakt"),
        ),
        InlinePanel("social_channels", heading=_("Soziale Medien"), label=_("Kanal")),
        InlinePanel("navigation_items", heading=_("Hauptnavigation"), label=_("Menüpunkt")),
        InlinePanel("footer_links", heading=_("Fußzeilen-Links"), label=_("Link")),
    ]

    class Meta:
        verbose_name = _("Dienststelle und Navigation")


class SocialChannel(Orderable):
    """One of the office's social media channels (Instagram, Facebook …)."""

    settings = ParentalKey(OfficeSettings, on_delete=models.CASCADE, related_name="social_channels")
    name = models.CharField(_("Netzwerk"), max_length=100, help_text=_("z. B. Instagram"))
    handle = models.CharField(_("Kontoname"), max_length=100, blank=True)
    url = models.URLField(_("Adresse"))

    panels = [FieldPanel("name"), FieldPanel("handle"), FieldPanel("url")]

    def __str__(self):
        return self.name


class NavigationItem(Orderable):
    """A link in the main navigation: a page of the site or an external address."""

    settings = ParentalKey(OfficeSettings, on_delete=models.CASCADE, related_name="navigation_items")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Seite"), on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(
        _("Beschriftung"), max_length=100, blank=True, help_text=_("Leer lassen für den Seitentitel.")
    )

    panels = [FieldPanel("page"), FieldPanel("label")]

    def __str__(self):
        return self.label or self.page.title


class FooterLink(Orderable):
    """A link in the footer, e.g. Impressum, Datenschutz, Barrierefreiheit."""

    settings = ParentalKey(OfficeSettings, on_delete=models.CASCADE, related_name="footer_links")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Seite"), on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(_("Beschriftung"), max_length=100, blank=True)

    panels = [FieldPanel("page"), FieldPanel("label")]

    def __str__(self):
        return self.label or self.page.title
