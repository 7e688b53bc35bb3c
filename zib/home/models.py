"""The start page."""

from django.apps import apps
from django.db import models
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from zib.events.models import EventIndexPage, EventPage
from zib.events.services import card_queryset, upcoming_events
from zib.news.models import NewsArticlePage, NewsIndexPage, attach_topic_links, deferred_teasers
from zib.pagecache import local
from zib.pages import listings
from zib.pages.deferred import deferred_objects
from zib.pages.models import BasePage
from zib.pages.querysets import SitePageQuerySet
from zib.podcast.models import EpisodePage, PodcastShowPage
from zib.podcast.services import LISTING_DEFER, latest_episode

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


class HomePage(BasePage):
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

    def get_breadcrumbs(self):
        """The start page is the first crumb of every trail: none of its own."""
        return []

    def get_news_index(self):
        """The live news index below this start page, or None."""
        return self.get_section_pages()[0]

    def get_links(self, request):
        """What the page links: its sections and the pages in Leichter Sprache and DGS.

        Titles and addresses only, remembered per cache generation and site
        (an address is relative on the page's own site): they change only
        when a page is published, moved or unpublished.
        """
        site = Site.find_for_request(request)
        return local.get_or_compute(
            f"home:links:{self.pk}:{site.pk if site else 0}", lambda: self._links(request), request=request
        )

    def _links(self, request):
        news_index, events_index, podcast_show = self.get_section_pages()
        easy, sign = self.get_access_pages()
        return {
            "news_index_title": news_index.title if news_index else None,
            "news_index_url": news_index.get_url(request) if news_index else None,
            "feeds": news_index.get_feed_links(request) if news_index else {},
            "events_index_url": events_index.get_url(request) if events_index else None,
            "podcast_show_url": podcast_show.get_url(request) if podcast_show else None,
            "easy_language_url": easy.get_url(request) if easy else None,
            "sign_language_url": sign.get_url(request) if sign else None,
        }

    def get_latest_news(self, news_index_url=None):
        """Teasers of the newest visible articles of this language (stand-ins, see zib.pages.deferred).

        The ids are remembered per cache generation, never past the next
        scheduled go-live or expiry.
        """
        loaded = {}

        def newest():
            articles = list(
                NewsArticlePage.objects.descendant_of(self)
                .published()
                .newest_first()
                .for_listing()[:LATEST_NEWS_COUNT]
            )
            loaded.update((article.pk, article) for article in articles)
            return [article.pk for article in articles]

        ids = local.get_or_compute(f"home:news:{self.pk}", newest, timeout=local.until_scheduled_change)
        attach_topic_links(loaded.values(), news_index_url)
        return deferred_teasers(ids, news_index_url, loaded)

    def get_upcoming_events(self):
        """Cards of the next events (stand-ins): their ids are remembered until the first of them ends."""
        loaded = {}

        def upcoming():
            events = upcoming_events(self.locale_id, limit=UPCOMING_EVENTS_COUNT)
            loaded.update((event.pk, event) for event in events)
            return [event.pk for event in events]

        def until_one_ends():
            return local.until_scheduled_change(*(event.ends_at for event in loaded.values()))

        ids = local.get_or_compute(f"home:events:{self.pk}", upcoming, timeout=until_one_ends)
        # The start page shows no campaign on its cards (the key's campaign is none).
        return deferred_objects(
            EventPage,
            ids,
            lambda ids: listings.load_in_order(card_queryset(EventPage.objects.all()), ids),
            loaded,
            campaign=None,
            campaign_pk=None,
        )

    def get_latest_episode(self):
        """The newest due episode (a stand-in), or None; remembered until the next one is due."""
        loaded = {}

        def newest():
            episode = latest_episode(self.locale_id)  # a Locale's id filters as well as the Locale
            if episode is not None:
                loaded[episode.pk] = episode
            return episode.pk if episode else None

        def until_next_due():
            next_due = (
                EpisodePage.objects.live()
                .filter(locale_id=self.locale_id, publish_date__gt=timezone.now())
                .aggregate(first=Min("publish_date"))["first"]
            )
            return local.until_scheduled_change(next_due)

        pk = local.get_or_compute(f"home:episode:{self.pk}", newest, timeout=until_next_due)
        if pk is None:
            return None
        return deferred_objects(
            EpisodePage,
            [pk],
            lambda ids: listings.load_in_order(
                EpisodePage.objects.defer(*LISTING_DEFER).select_related("image"), ids
            ),
            loaded,
        )[0]

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
                # public() from the restricted sections' paths remembered per generation.
                SitePageQuerySet(Page)
                .live()
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
        links = self.get_links(request)
        context.update(links)
        context["latest_news"] = self.get_latest_news(links["news_index_url"])
        context["upcoming_events"] = self.get_upcoming_events()
        context["latest_episode"] = self.get_latest_episode() if links["podcast_show_url"] else None
        return context
