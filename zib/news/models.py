"""News ("Aktuelles"): topics, the news index with its feeds, and articles."""

import datetime
import functools
import re
import uuid
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponseNotAllowed
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from zib.pagecache import local
from zib.pages import listings
from zib.pages.blocks import BodyBlock
from zib.pages.deferred import deferred_objects
from zib.pages.models import BasePage
from zib.pages.querysets import SitePageQuerySet

# Image sizes. Listings prefetch exactly these renditions, so the templates
# must ask for the same specs (see templates/news/includes/article_teaser.html).
TEASER_RENDITION = "fill-640x400|format-webp"
LEAD_RENDITION = "width-1200|format-webp"
COLLAGE_RENDITION = "fill-600x450|format-webp"
SOCIAL_RENDITION = "fill-1200x630|format-jpeg"

ARTICLES_PER_PAGE = 12
FEED_SIZE = 20
TOPIC_PARAM = "thema"
_SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A subject that groups news articles, e.g. "Podcast" or "Aktionswoche".

    The slug is shared by all translations of a topic, so a filtered address
    (?thema=podcast) stays valid when a visitor switches language.
    """

    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(
        _("Kurzname für die Adresse"),
        max_length=100,
        help_text=_("Erscheint in der Adresse des Themenfilters, z. B. soziale-medien."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="news_topic_unique_slug_per_locale"),
        ]

    def __str__(self):
        return self.name


class NewsArticleQuerySet(SitePageQuerySet):
    """Queries for articles as visitors and machines see them."""

    def published(self):
        """Live, public articles whose scheduled time has come and not passed.

        Wagtail keeps scheduled pages unpublished until `publish_scheduled`
        runs; the date checks also hold between two runs of that command.
        """
        now = timezone.now()
        return (
            self.live()
            .public()
            .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
            .exclude(expire_at__lte=now)
        )

    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def for_listing(self, rendition=TEASER_RENDITION):
        """Everything a teaser needs, in a fixed number of queries."""
        rendition_model = get_image_model().get_rendition_model()
        return (
            self.defer_streamfields()
            .select_related("author", "locale")
            .prefetch_related(
                Prefetch(
                    "gallery_images",
                    queryset=NewsArticleImage.objects.select_related("image").prefetch_related(
                        Prefetch(
                            "image__renditions",
                            queryset=rendition_model.objects.filter(filter_spec=rendition),
                            to_attr="prefetched_renditions",
                        )
                    ),
                ),
                Prefetch("article_topics", queryset=NewsArticleTopic.objects.select_related("topic")),
            )
        )


NewsArticleManager = PageManager.from_queryset(NewsArticleQuerySet)


class UsedTopic(NamedTuple):
    """A topic of the index's filter, with the filtered address."""

    pk: int
    name: str
    slug: str
    filter_url: str | None


def topic_filter_url(index_url, topic):
    """The index address filtered to one topic, e.g. /de/aktuelles/?thema=podcast."""
    return f"{index_url}?{urlencode({TOPIC_PARAM: topic.slug})}"


def attach_topic_links(articles, index_url):
    """Give each article `topic_links`: (topic, filtered index URL) pairs."""
    for article in articles:
        article.topic_links = (
            [(topic, topic_filter_url(index_url, topic)) for topic in article.topics] if index_url else []
        )
    return articles


def load_teasers(ids, index_url):
    """The articles of ``ids`` in that order, with what a teaser shows (images, topic links).

    The ids come from a listing remembered in this cache generation, so
    they are not filtered again: a listing changes only with a new
    generation, or when a scheduled change comes (which ends what the
    listing remembered).
    """
    articles = listings.load_in_order(NewsArticlePage.objects.for_listing(), ids)
    return attach_topic_links(articles, index_url)


def deferred_teasers(ids, index_url, loaded=None):
    """Stand-ins for the teasers of ``ids``: loaded only if a teaser is not remembered yet.

    The teaser's fragment is keyed by the article, the heading and the
    index address (``news_index_url`` in the template's context): within a
    cache generation an article's topics cannot change, so its topic links
    depend on nothing else. ``loaded``: articles at hand by pk, ready for
    teasers.
    """
    return deferred_objects(NewsArticlePage, ids, lambda ids: load_teasers(ids, index_url), loaded)


def _clean_topic_slug(value):
    """The topic slug from a query string, or None when it cannot be one."""
    if value and _SLUG_RE.match(value):
        return value
    return None


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The "Aktuelles" page: all articles, newest first, filterable by topic.

    Also serves the RSS 2.0 and Atom feeds, for all articles and per topic.
    """

    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Nachrichtenübersicht")
        verbose_name_plural = _("Nachrichtenübersichten")

    def published_articles(self):
        """This index's articles as visitors may see them, newest first."""
        return NewsArticlePage.objects.child_of(self).published().newest_first()

    def get_topic(self, slug):
        """The topic with this slug in the page's language, or None."""
        slug = _clean_topic_slug(slug)
        if slug is None:
            return None
        return self.get_topics_by_slug().get(slug)

    def get_topics_by_slug(self):
        """Every topic in the page's language by slug, remembered per cache generation."""
        locale_id = self.locale_id
        return local.get_or_compute(
            f"news:topics-by-slug:{locale_id}",
            lambda: {topic.slug: topic for topic in Topic.objects.filter(locale_id=locale_id)},
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topic_slug = request.GET.get(TOPIC_PARAM, "")
        topic = self.get_topic(topic_slug) if topic_slug else None
        unknown_topic = bool(topic_slug) and topic is None

        def listing():
            articles = self.published_articles()
            if unknown_topic:
                return articles.none()
            if topic is not None:
                return articles.filter(article_topics__topic=topic)
            return articles

        index_url = self.get_url(request)
        listing_key = f"news:{self.pk}:{topic.pk if topic else ('none' if unknown_topic else 'all')}"
        paginator, page_obj = listings.paginate(
            request,
            listing_key,
            listing,  # called only when the listing's ids are not remembered
            ARTICLES_PER_PAGE,
            load=lambda ids: deferred_teasers(ids, index_url),
        )
        context.update(
            {
                "articles": page_obj.object_list,
                "page_obj": page_obj,
                "paginator": paginator,
                "topics": self.get_used_topics(index_url),
                "current_topic": topic,
                "unknown_topic": unknown_topic,
                "feeds": self.get_feed_links(request, topic),
                "news_index_url": index_url,
            }
        )
        return context

    def get_used_topics(self, index_url=None):
        """Topics with at least one visible article here, for the filter: ``UsedTopic``s.

        Remembered per cache generation and index address (never past a
        scheduled change), filter addresses included.
        """

        def used_topics():
            article_ids = self.published_articles().values("pk")
            topics = (
                Topic.objects.filter(locale_id=self.locale_id, article_links__page__in=article_ids)
                .distinct()
                .order_by("name")
            )
            return [
                UsedTopic(
                    topic.pk,
                    topic.name,
                    topic.slug,
                    topic_filter_url(index_url, topic) if index_url else None,
                )
                for topic in topics
            ]

        return local.get_or_compute(
            f"news:topics:{self.pk}:{index_url}", used_topics, timeout=local.until_scheduled_change
        )

    def get_feed_links(self, request, topic=None):
        """Absolute feed URLs for <link rel="alternate"> and visible links.

        Remembered per cache generation: they depend only on this page's
        site, address and the topic.
        """
        return local.get_or_compute(
            f"news:feeds:{self.pk}:{topic.pk if topic else ''}",
            lambda: self._feed_links(request, topic),
            request=request,
        )

    def _feed_links(self, request, topic):
        base = self.get_full_url(request)
        if base is None:
            return {}
        base = base.rstrip("/") + "/"
        if topic is None:
            return {
                "rss": base + self.reverse_subpage("feed_rss"),
                "atom": base + self.reverse_subpage("feed_atom"),
            }
        return {
            "rss": base + self.reverse_subpage("topic_feed_rss", args=[topic.slug]),
            "atom": base + self.reverse_subpage("topic_feed_atom", args=[topic.slug]),
        }

    def _serve_feed(self, request, feed_type, topic_slug=None):
        from .feeds import NewsFeed

        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        topic = None
        if topic_slug is not None:
            topic = self.get_topic(topic_slug)
            if topic is None:
                raise Http404
        return NewsFeed(self, feed_type=feed_type, topic=topic)(request)

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        return self._serve_feed(request, "rss")

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        return self._serve_feed(request, "atom")

    @path("thema/<slug:topic>/feed/rss/", name="topic_feed_rss")
    def topic_feed_rss(self, request, topic):
        return self._serve_feed(request, "rss", topic)

    @path("thema/<slug:topic>/feed/atom/", name="topic_feed_atom")
    def topic_feed_atom(self, request, topic):
        return self._serve_feed(request, "atom", topic)


class NewsArticlePage(BasePage):
    """A news article ("Meldung") with images, body, author and topics."""

    series = models.CharField(
        _("Dachzeile oder Reihe"),
        max_length=120,
        blank=True,
        help_text=_('Steht über dem Titel, z. B. "Das Team des ZIB" oder "ZIB in den sozialen Medien".'),
    )
    teaser = models.TextField(
        _("Anreißer"),
        max_length=400,
        help_text=_("Ein bis zwei Sätze für die Übersicht, Feeds und soziale Netzwerke."),
    )
    date = models.DateField(
        _("Datum"),
        default=timezone.localdate,
        db_index=True,
        help_text=_("Erscheinungsdatum; bestimmt die Reihenfolge in der Übersicht."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("Text"), blank=True)
    author = models.ForeignKey(
        "people.Person",
        verbose_name=_("Autor*in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_articles",
        help_text=_("Das Kürzel der Person erscheint am Ende des Textes, z. B. (sbs)."),
    )
    introduces = models.ForeignKey(
        "people.Person",
        verbose_name=_("Stellt vor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions",
        help_text=_(
            'Für die Reihe "Das Team des ZIB": der Artikel erscheint im Profil der Person '
            "und auf der Teamseite."
        ),
    )

    objects = NewsArticleManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("series"),
        FieldPanel("teaser"),
        FieldPanel("date"),
        InlinePanel(
            "gallery_images",
            heading=_("Bilder"),
            label=_("Bild"),
            help_text=_("Das erste Bild ist das Titelbild. Mehrere Bilder erscheinen als Collage."),
        ),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("author"), FieldPanel("introduces")], heading=_("Personen")),
        InlinePanel("article_topics", heading=_("Themen"), label=_("Thema")),
        InlinePanel("article_partners", heading=_("Partner"), label=_("Partner")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("series"),
        index.SearchField("teaser", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")

    def _child_rows(self, relation, related):
        """Rows of a child relation with their related object, in one query.

        Uses prefetched rows when the listing prefetched them, and the
        in-memory rows of an unsaved preview (modelcluster) otherwise.
        """
        rows = getattr(self, relation).all()
        if relation not in getattr(self, "_prefetched_objects_cache", {}):
            rows = rows.select_related(related)
        return [getattr(row, related) for row in rows]

    @cached_property
    def images(self):
        """The article's images in order; the first is the lead image."""
        return self._child_rows("gallery_images", "image")

    @property
    def lead_image(self):
        images = self.images
        return images[0] if images else None

    @cached_property
    def topics(self):
        return self._child_rows("article_topics", "topic")

    def get_partners(self, request=None):
        """The partner organisations, remembered per cache generation (a preview's own rows are not)."""
        if self.pk is None:
            return self._child_rows("article_partners", "organization")
        return local.get_or_compute(
            f"news:partners:{self.pk}",
            lambda: self._child_rows("article_partners", "organization"),
            request=request,
        )

    @property
    def published_at(self):
        """When the article appeared: the first publication if on its date, else the date at midnight."""
        first = self.first_published_at
        if first and timezone.localtime(first).date() == self.date:
            return first
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time.min))

    @property
    def modified_at(self):
        return max(filter(None, [self.last_published_at, self.published_at]))

    @property
    def feed_guid(self):
        """A GUID that never changes, even if the title or address does."""
        locale = self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE
        return f"urn:uuid:{uuid.uuid5(self.translation_key, locale)}"

    def get_context(self, request, *args, **kwargs):
        from .metadata import article_json_ld, article_open_graph

        context = super().get_context(request, *args, **kwargs)
        index_page = self.get_parent().specific_deferred
        context["feeds"] = index_page.get_feed_links(request) if isinstance(index_page, NewsIndexPage) else {}
        index_url = index_page.get_url(request)
        full_url = self.get_full_url(request)
        # What only the article's fragments show is built only when they are not remembered.
        split_body = functools.cache(
            lambda: (
                [block for block in self.body if block.block_type != "more_box"],
                [block for block in self.body if block.block_type == "more_box"],
            )
        )
        lazy = {
            "images": lambda: self.images,
            "body_blocks": lambda: split_body()[0],
            "more_boxes": lambda: split_body()[1],
            "partners": lambda: self.get_partners(request),
            "topic_links": lambda: attach_topic_links([self], index_url)[0].topic_links,
            "introduces_url": lambda: _person_url(self.introduces, request),
            "open_graph": lambda: article_open_graph(self, request, full_url),
            "json_ld": lambda: article_json_ld(self, request, full_url),
        }
        context.update({name: SimpleLazyObject(compute) for name, compute in lazy.items()})
        context["index_url"] = index_url
        context["share_url"] = full_url
        context["share_title"] = self.title
        return context


def _person_url(person, request):
    """The public profile of a person, if the people app gives them one."""
    if person is None:
        return None
    get_url = getattr(person, "get_absolute_url", None)
    return get_url() if callable(get_url) else None


class NewsArticleImage(Orderable):
    """One image of an article; the first is the lead image."""

    page = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "images.CustomImage", verbose_name=_("Bild"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("image")]

    class Meta(Orderable.Meta):
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")


class NewsArticleTopic(TranslatableMixin, Orderable):
    """Links an article to a topic; translated with the article."""

    page = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="article_topics")
    topic = models.ForeignKey(
        Topic, verbose_name=_("Thema"), on_delete=models.CASCADE, related_name="article_links"
    )

    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("Thema der Meldung")
        verbose_name_plural = _("Themen der Meldung")


class NewsArticlePartner(TranslatableMixin, Orderable):
    """An organisation the article names as partner or organiser."""

    page = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="article_partners")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="news_links",
    )

    panels = [FieldPanel("organization")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("Partner der Meldung")
        verbose_name_plural = _("Partner der Meldung")
