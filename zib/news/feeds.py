"""RSS 2.0 and Atom feeds of the news, for all articles and per topic."""

import hashlib

from django.contrib.syndication.views import Feed
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.http import parse_http_date_safe, quote_etag
from django.utils.translation import gettext as _

from zib.pages.models import OfficeSettings

from .models import FEED_SIZE, TOPIC_PARAM

FEED_TYPES = {"rss": Rss201rev2Feed, "atom": Atom1Feed}


class NewsFeed(Feed):
    """The newest live, public, already published articles of one news index."""

    def __init__(self, index_page, feed_type="rss", topic=None):
        super().__init__()
        self.index_page = index_page
        self.topic = topic
        self._kind = feed_type
        self.feed_type = FEED_TYPES[feed_type]
        self.language = index_page.locale.language_code
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=300"
        # Feed readers poll: answer "nothing new" with 304 and no body.
        response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=parse_http_date_safe(response["Last-Modified"]),
            response=response,
        )

    def _office(self):
        return OfficeSettings.load(request_or_site=self.request)

    def title(self):
        office = self._office().office_name
        if self.topic is not None:
            return f"{self.index_page.title}: {self.topic.name} – {office}"
        return f"{self.index_page.title} – {office}"

    def description(self):
        if self.topic is not None:
            return _("Meldungen zum Thema %(topic)s") % {"topic": self.topic.name}
        return _("Die neuesten Meldungen – %(office)s") % {"office": self._office().office_name}

    def link(self):
        url = self.index_page.get_full_url(self.request)
        if self.topic is not None:
            url += f"?{TOPIC_PARAM}={self.topic.slug}"
        return url

    def feed_url(self):
        # The canonical address, built like the page links (from the Site).
        links = self.index_page.get_feed_links(self.request, self.topic)
        return links.get(self._kind) or self.request.build_absolute_uri(self.request.path)

    def author_name(self):
        return self._office().office_name

    def items(self):
        articles = self.index_page.published_articles()
        if self.topic is not None:
            articles = articles.filter(article_topics__topic=self.topic)
        return list(articles.for_listing()[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS and Atom summaries are HTML; the teaser is plain text.
        return escape(item.teaser)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.feed_guid

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.modified_at

    def item_author_name(self, item):
        return item.author.name if item.author else None

    def item_categories(self, item):
        return [topic.name for topic in item.topics]
