"""The start page."""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from zib.events.models import EventIndexPage
from zib.events.services import upcoming_events
from zib.news.models import NewsArticlePage, NewsIndexPage, attach_topic_links
from zib.podcast.models import PodcastShowPage
from zib.podcast.services import latest_episode

LATEST_NEWS_COUNT = 4
UPCOMING_EVENTS_COUNT = 3

# Page types of the pages app that explain the site in Leichte Sprache and
# in German Sign Language; looked up by name so the start page keeps working
# while either type is missing.
EASY_LANGUAGE_MODEL = ("pages", "EasyLanguagePage")
SIGN_LANGUAGE_MODEL = ("pages", "SignLanguagePage")


def _page_model(app_label, model_name):
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


class HomePage(Page):
    """The site's start page: intro, latest news, next events, newest episode.

    It also links the explanations in Leichte Sprache and in German Sign
    Language (DGS), as BITV 2.0 asks of a public body's start page.
    """

    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])
    easy_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Seite in Leichter Sprache"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leer lassen: die erste veröffentlichte Seite in Leichter Sprache wird verlinkt."),
    )
    sign_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Seite in Gebärdensprache (DGS)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leer lassen: die erste veröffentlichte Seite in Gebärdensprache wird verlinkt."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("easy_language_page"), FieldPanel("sign_language_page")],
            heading=_("Barrierefreie Zugänge"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Startseite")
        verbose_name_plural = _("Startseiten")

    def get_section_pages(self):
        """The live news index, events index and podcast show below this start page (one query)."""
        found = {}
        sections = (NewsIndexPage, EventIndexPage, PodcastShowPage)
        for page in self.get_children().live().type(*sections).order_by("path").specific(defer=True):
            for model in sections:
                if isinstance(page, model):
                    found.setdefault(model, page)
        return found.get(NewsIndexPage), found.get(EventIndexPage), found.get(PodcastShowPage)

    def get_news_index(self):
        """The live news index below this start page, or None."""
        return self.get_section_pages()[0]

    def get_latest_news(self, request, news_index=None):
        """The newest visible articles of this language, ready for teasers."""
        articles = list(
            NewsArticlePage.objects.descendant_of(self)
            .published()
            .newest_first()
            .for_listing()[:LATEST_NEWS_COUNT]
        )
        index_url = news_index.get_url(request) if news_index else None
        return attach_topic_links(articles, index_url)

    def get_access_pages(self):
        """The pages in Leichter Sprache and in Gebärdensprache to link, as a pair.

        The pages chosen on the start page if they are live, else the first
        live, public page of each type below this start page (two queries).
        """
        chosen = {pk for pk in (self.easy_language_page_id, self.sign_language_page_id) if pk}
        found = {page.pk: page for page in Page.objects.live().filter(pk__in=chosen)} if chosen else {}
        easy = found.get(self.easy_language_page_id)
        sign = found.get(self.sign_language_page_id)
        wanted = {
            key: model
            for key, model in (
                ("easy", None if easy else _page_model(*EASY_LANGUAGE_MODEL)),
                ("sign", None if sign else _page_model(*SIGN_LANGUAGE_MODEL)),
            )
            if model is not None
        }
        if wanted:
            candidates = (
                Page.objects.live()
                .public()
                .descendant_of(self)
                .filter(locale_id=self.locale_id)
                .type(*wanted.values())
                .order_by("path")
                .specific(defer=True)
            )
            for page in candidates:
                for key, model in list(wanted.items()):
                    if isinstance(page, model):
                        if key == "easy":
                            easy = page
                        else:
                            sign = page
                        del wanted[key]
        return easy, sign

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news_index, events_index, podcast_show = self.get_section_pages()
        context["news_index"] = news_index
        context["latest_news"] = self.get_latest_news(request, news_index)
        context["feeds"] = news_index.get_feed_links(request) if news_index else {}
        context["easy_language_page"], context["sign_language_page"] = self.get_access_pages()
        context["events_index"] = events_index
        context["upcoming_events"] = upcoming_events(self.locale, limit=UPCOMING_EVENTS_COUNT)
        context["podcast_show"] = podcast_show
        context["latest_episode"] = latest_episode(self.locale) if podcast_show else None
        return context
