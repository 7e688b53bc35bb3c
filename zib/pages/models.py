"""Generic content pages and the office's site-wide settings."""

from django.db import models
from django.http import HttpResponseNotAllowed
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from zib.pagecache import local

from .blocks import ContentBodyBlock, DocumentsStreamBlock, SignLanguageVideosBlock
from .querysets import SitePageManager, SitePageQuerySet


class BasePage(Page):
    """Abstract base for the site's pages: breadcrumbs and social metadata."""

    objects = SitePageManager()

    class Meta:
        abstract = True

    def get_breadcrumbs(self):
        """Live ancestors from the site's start page down to this page's parent.

        Plain `Page` rows (one query per page and cache generation): the trail
        needs only titles and URLs.
        """
        return local.get_or_compute(
            f"pages:breadcrumbs:{self.pk}",
            lambda: list(
                self.get_ancestors()
                .live()
                .filter(depth__gte=2)
                .only("id", "title", "url_path", "depth", "locale")
            ),
        )

    def get_view_restrictions(self):
        """Wagtail's view restrictions of this page and its ancestors, remembered per cache generation.

        Checked on every request of the page; the restrictions' rows are
        loaded once (any change to a restriction starts a new generation).
        Still a queryset, so the admin can filter and order it.
        """
        if self.pk is None:
            return super().get_view_restrictions()
        # An evaluated queryset is pickled with its rows (and unpickled with them).
        return local.get_or_compute(f"pages:restrictions:{self.pk}", self._evaluated_view_restrictions)

    def _evaluated_view_restrictions(self):
        queryset = super().get_view_restrictions()
        len(queryset)
        return queryset

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context

    def subroute_breadcrumbs(self, current_title, parent_label=None, parent_url=None):
        """Context for a sub-route (e.g. a profile): the page itself becomes a link in the trail.

        ``parent_label``/``parent_url``: a link between the page and the current
        item (e.g. "Sitzungen" before one meeting).
        """
        return {
            "breadcrumbs": self.get_breadcrumbs(),
            "breadcrumb_page": self,
            "breadcrumb_current": current_title,
            "parent_label": parent_label,
            "parent_url": parent_url,
        }


class ContentPage(BasePage):
    """A page about the office: its tasks, its organisation, legal texts.

    Used for "Über das ZIB" and its task areas ("Was macht eigentlich das
    ZIB?"), the Impressum and the Datenschutzerklärung. Child pages are
    listed below the body.
    """

    teaser = models.TextField(_("Anreißer"), blank=True)
    body = StreamField(ContentBodyBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("teaser"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("teaser"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "pages.ContentPage"]
    subpage_types = [
        "pages.ContentPage",
        "pages.DocumentsPage",
        "pages.EasyLanguagePage",
        "pages.SignLanguagePage",
        "people.TeamPage",
    ]

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.subpage_links(request)
        return context

    def subpage_links(self, request=None):
        """The live, public child pages as ``{"title", "url", "teaser"}``, remembered per cache generation.

        The addresses are relative to the request's site, so the site is part
        of the key; what is live changes with (scheduled) publishing.
        """
        if self.pk is None:
            return self._subpage_links(request)
        site = Site.find_for_request(request) if request is not None else None
        return local.get_or_compute(
            f"pages:subpages:{self.pk}:{site.pk if site else 0}",
            lambda: self._subpage_links(request),
            timeout=local.until_scheduled_change,
            request=request,
        )

    def _subpage_links(self, request):
        children = SitePageQuerySet(Page).child_of(self).live().public().specific().defer_streamfields()
        return [
            {"title": page.title, "url": page.get_url(request), "teaser": getattr(page, "teaser", "")}
            for page in children
        ]


class DocumentsPage(BasePage):
    """Downloads: the integration concepts and other publications, with type and size."""

    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])
    documents = StreamField(
        DocumentsStreamBlock(),
        verbose_name=_("Dokumente"),
        blank=True,
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("documents")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("documents")]

    parent_page_types = ["home.HomePage", "pages.ContentPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Dokumentenseite")
        verbose_name_plural = _("Dokumentenseiten")


class EasyLanguagePage(BasePage):
    """Information in Leichte Sprache (easy-to-read German).

    Rendered with larger type and more space; editors write short sentences
    and explain hard words.
    """

    body = StreamField(ContentBodyBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage", "pages.ContentPage", "pages.EasyLanguagePage"]
    subpage_types = ["pages.EasyLanguagePage"]

    class Meta:
        verbose_name = _("Seite in Leichter Sprache")
        verbose_name_plural = _("Seiten in Leichter Sprache")


class SignLanguagePage(BasePage):
    """Information in German Sign Language (DGS): videos with their content as text."""

    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])
    videos = StreamField(SignLanguageVideosBlock(), verbose_name=_("Videos in Gebärdensprache"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("videos")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("videos")]

    parent_page_types = ["home.HomePage", "pages.ContentPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Seite in Gebärdensprache (DGS)")
        verbose_name_plural = _("Seiten in Gebärdensprache (DGS)")


class AccessibilityStatementPage(BasePage):
    """The "Erklärung zur Barrierefreiheit" with the parts BITV 2.0 requires.

    Compliance status, the parts that are not accessible with the reasons,
    the date the statement was prepared and how, a feedback contact and the
    enforcement procedure (Schlichtungsverfahren).
    """

    class Compliance(models.TextChoices):
        FULL = "full", _("vollständig vereinbar")
        PARTIAL = "partial", _("teilweise vereinbar")
        NONE = "none", _("nicht vereinbar")

    class Method(models.TextChoices):
        SELF = "self", _("Selbstbewertung")
        EXTERNAL = "external", _("Prüfung durch Dritte")

    intro = models.TextField(
        _("Geltungsbereich"),
        default=(
            "Die Landeshauptstadt Saarbrücken ist bemüht, ihre Websites im Einklang mit den "
            "Vorschriften zur Umsetzung der Richtlinie (EU) 2016/2102 barrierefrei zugänglich zu machen. "
            "Diese Erklärung zur Barrierefreiheit gilt für die Website des Zuwanderungs- und "
            "Integrationsbüros (ZIB)."
        ),
    )
    compliance = models.CharField(
        _("Stand der Vereinbarkeit"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_("Mit den Anforderungen der BITV 2.0 bzw. der WCAG 2.1 Stufe AA."),
    )
    prepared_on = models.DateField(_("Erstellt am"))
    reviewed_on = models.DateField(_("Zuletzt überprüft am"), null=True, blank=True)
    method = models.CharField(_("Grundlage"), max_length=10, choices=Method.choices, default=Method.SELF)
    method_details = models.TextField(
        _("Erläuterung zur Grundlage"),
        blank=True,
        help_text=_("z. B. womit und von wem geprüft wurde, Link zum Prüfbericht."),
    )
    feedback_text = models.TextField(
        _("Text zum Feedback"),
        default=(
            "Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten unserer Website aufgefallen? "
            "Oder benötigen Sie Informationen aus einem nicht barrierefreien Inhalt in einer "
            "zugänglichen Form? Dann schreiben Sie uns."
        ),
    )
    feedback_email = models.EmailField(_("E-Mail für Rückmeldungen"), blank=True)
    feedback_phone = models.CharField(_("Telefon für Rückmeldungen"), max_length=50, blank=True)
    feedback_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Kontaktformular"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    enforcement_body_name = models.CharField(
        _("Schlichtungsstelle"),
        max_length=255,
        default="Schlichtungsstelle nach dem Behindertengleichstellungsgesetz (Schlichtungsstelle BGG)",
    )
    enforcement_body_url = models.URLField(
        _("Website der Schlichtungsstelle"), default="https://www.schlichtungsstelle-bgg.de"
    )
    enforcement_text = models.TextField(
        _("Text zum Schlichtungsverfahren"),
        default=(
            "Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten haben, können "
            "Sie ein Schlichtungsverfahren einleiten. Die Schlichtungsstelle hat die Aufgabe, "
            "Streitigkeiten zwischen Menschen mit Behinderungen und öffentlichen Stellen zum Thema "
            "Barrierefreiheit außergerichtlich beizulegen. Das Verfahren ist kostenlos; Sie brauchen "
            "keinen Rechtsbeistand."
        ),
        help_text=_("Bitte prüfen, welche Stelle nach Landesrecht zuständig ist."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("compliance"),
                FieldPanel("prepared_on"),
                FieldPanel("reviewed_on"),
                FieldPanel("method"),
                FieldPanel("method_details"),
            ],
            heading=_("Stand der Vereinbarkeit"),
        ),
        InlinePanel("known_gaps", heading=_("Nicht barrierefreie Inhalte"), label=_("Mangel")),
        MultiFieldPanel(
            [
                FieldPanel("feedback_text"),
                FieldPanel("feedback_email"),
                FieldPanel("feedback_phone"),
                FieldPanel("feedback_page"),
            ],
            heading=_("Feedback-Mechanismus"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enforcement_body_name"),
                FieldPanel("enforcement_body_url"),
                FieldPanel("enforcement_text"),
            ],
            heading=_("Schlichtungsverfahren"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Erklärung zur Barrierefreiheit")
        verbose_name_plural = _("Erklärungen zur Barrierefreiheit")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Remembered per cache generation (saving the page or publishing the contact
        # page starts a new one); the address is relative to the site. A preview
        # shows the draft's gaps and contact page, never remembered.
        site = Site.find_for_request(request)
        known_gaps, feedback_url = local.get_or_compute(
            f"pages:accessibility:{self.pk}:{site.pk if site else 0}",
            lambda: self._statement_data(request),
            timeout=local.until_scheduled_change,
            request=request,
        )
        reasons = dict(AccessibilityGap.Reason.choices)
        context["known_gaps"] = [
            {**gap, "get_reason_display": reasons.get(gap["reason"], gap["reason"])} for gap in known_gaps
        ]
        if feedback_url:
            context["feedback_url"] = feedback_url
        return context

    GAP_FIELDS = ("title", "description", "reason", "reason_details", "alternative", "planned_fix")

    def _statement_data(self, request):
        """The known gaps (as plain values, quick to unpickle) and the feedback form's address (or None)."""
        feedback_page = self.feedback_page
        feedback_url = None
        if feedback_page and feedback_page.live:
            feedback_url = feedback_page.get_url(request) + "?anliegen=barrierefreiheit"
        gaps = [{field: getattr(gap, field) for field in self.GAP_FIELDS} for gap in self.known_gaps.all()]
        return gaps, feedback_url


class AccessibilityGap(Orderable):
    """A part of the site that is not (yet) accessible, with the reason."""

    class Reason(models.TextChoices):
        NOT_YET = "not_yet", _("Noch nicht umgesetzt")
        BURDEN = "burden", _("Unverhältnismäßige Belastung")
        OUT_OF_SCOPE = "out_of_scope", _("Nicht im Anwendungsbereich der Vorschriften")

    page = ParentalKey(AccessibilityStatementPage, on_delete=models.CASCADE, related_name="known_gaps")
    title = models.CharField(_("Bereich"), max_length=255)
    description = models.TextField(_("Was ist nicht barrierefrei?"))
    reason = models.CharField(_("Begründung"), max_length=20, choices=Reason.choices, default=Reason.NOT_YET)
    reason_details = models.TextField(_("Erläuterung der Begründung"), blank=True)
    alternative = models.TextField(
        _("Zugängliche Alternative"), blank=True, help_text=_("Wie man die Inhalte trotzdem erhält.")
    )
    planned_fix = models.DateField(_("Behebung geplant bis"), null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("reason"),
        FieldPanel("reason_details"),
        FieldPanel("alternative"),
        FieldPanel("planned_fix"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Nicht barrierefreier Inhalt")
        verbose_name_plural = _("Nicht barrierefreie Inhalte")

    def __str__(self):
        return self.title


class ContactPage(RoutablePageMixin, BasePage):
    """The contact and feedback form.

    Messages are stored and e-mailed to STAFF_NOTIFICATION_EMAILS. Spam is
    kept out without third parties and without cookies: a hidden honeypot
    field and a signed timestamp that must be a few seconds old. The form
    posts to `pages:contact_submit` (CSRF-exempt, because the public site
    sets no cookies; the signed token takes the CSRF token's place).
    """

    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])
    thank_you_text = RichTextField(
        _("Text nach dem Absenden"),
        default="<p>Vielen Dank für Ihre Nachricht. Wir melden uns so bald wie möglich.</p>",
        features=["bold", "italic", "link"],
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Datenschutzerklärung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    retention_days = models.PositiveIntegerField(
        _("Aufbewahrungsdauer in Tagen"),
        default=180,
        help_text=_("Danach werden gespeicherte Nachrichten automatisch gelöscht."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("thank_you_text"),
        FieldPanel("privacy_page"),
        FieldPanel("retention_days"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Kontaktseite")
        verbose_name_plural = _("Kontaktseiten")

    @path("")
    def form_view(self, request):
        """Show an empty form; `?anliegen=<topic>` preselects the topic."""
        from .forms import ContactForm

        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        # Only a known topic can be preselected (anything else selects none, as
        # before); the empty form's fields are rendered once per topic.
        topic = request.GET.get("anliegen", "")
        form = ContactForm(
            page=self,
            privacy_url=self.get_privacy_url(request),
            initial={"topic": topic if topic in ContactMessage.Topic.values else ""},
        )
        response = self.render(request, context_overrides={"form": form})
        # The form carries a signed timestamp: never serve it from a cache.
        add_never_cache_headers(response)
        return response

    @path("danke/")
    def thank_you_view(self, request):
        """The success page after a message was sent."""
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return self.render(
            request,
            template="pages/contact_page_thanks.html",
            context_overrides=self.subroute_breadcrumbs(_("Nachricht gesendet")),
        )

    def get_submit_url(self):
        return reverse("pages:contact_submit", kwargs={"page_id": self.pk})

    def get_privacy_url(self, request=None):
        page = self.privacy_page
        return page.get_url(request) if page and page.live else None


class ContactMessage(models.Model):
    """A message sent through the contact form. Personal data: deleted after the page's retention period."""

    class Topic(models.TextChoices):
        GENERAL = "allgemein", _("Allgemeine Anfrage")
        ACCESSIBILITY = "barrierefreiheit", _("Rückmeldung zur Barrierefreiheit")
        WEBSITE = "website", _("Fehler auf der Website")
        OTHER = "sonstiges", _("Sonstiges")

    page = models.ForeignKey(
        ContactPage,
        verbose_name=_("Kontaktseite"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    topic = models.CharField(_("Anliegen"), max_length=30, choices=Topic.choices, default=Topic.GENERAL)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    message = models.TextField(_("Nachricht"))
    language = models.CharField(_("Sprache"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("Eingegangen am"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Kontaktanfrage")
        verbose_name_plural = _("Kontaktanfragen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_topic_display()} – {self.name or self.email or _('anonym')}"


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
