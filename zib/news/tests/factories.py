"""Factories for news tests: images with credits, authors, topics, pages."""

import factory
import wagtail_factories
from django.utils import timezone
from wagtail import blocks
from wagtail.models import Locale
from wagtail.rich_text import RichText

from zib.images.models import CustomImage
from zib.news.models import (
    NewsArticleImage,
    NewsArticlePage,
    NewsArticleTopic,
    NewsIndexPage,
    Topic,
)
from zib.pages.blocks import BodyBlock, ExternalVideoBlock
from zib.pages.tests.factories import MoreBoxBlockFactory
from zib.people.models import Person


def _german():
    return Locale.objects.get_or_create(language_code="de")[0]


class CreditedImageFactory(wagtail_factories.ImageFactory):
    """An image with the alt text and credit the site requires."""

    title = factory.Sequence(lambda n: f"Bild {n}")
    description = factory.Sequence(lambda n: f"Menschen im Gespräch, Motiv {n}")
    credit = "Christian Bart"

    class Meta:
        model = CustomImage


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    locale = factory.LazyFunction(_german)

    class Meta:
        model = Person


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    locale = factory.LazyFunction(_german)

    class Meta:
        model = Topic


class ParagraphBlockFactory(wagtail_factories.blocks.BlockFactory):
    value = factory.LazyFunction(lambda: RichText("<p>Ein Absatz über die Arbeit des ZIB.</p>"))

    class Meta:
        model = blocks.RichTextBlock


class ExternalVideoBlockFactory(wagtail_factories.StructBlockFactory):
    url = "https://video.example.org/trailer"
    title = "Trailer"
    poster = None

    class Meta:
        model = ExternalVideoBlock


class BodyBlockFactory(wagtail_factories.StreamBlockFactory):
    paragraph = factory.SubFactory(ParagraphBlockFactory)
    more_box = factory.SubFactory(MoreBoxBlockFactory)
    external_video = factory.SubFactory(ExternalVideoBlockFactory)

    class Meta:
        model = BodyBlock


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Aktuelles"
    slug = "aktuelles"

    class Meta:
        model = NewsIndexPage


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    """A live article; pass `parent` (a NewsIndexPage)."""

    title = factory.Sequence(lambda n: f"Meldung {n}")
    slug = factory.Sequence(lambda n: f"meldung-{n}")
    teaser = factory.Sequence(lambda n: f"Kurz gesagt: Meldung {n}.")
    date = factory.LazyFunction(timezone.localdate)
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)
    body = wagtail_factories.StreamFieldFactory(BodyBlockFactory)

    class Meta:
        model = NewsArticlePage


class NewsArticleImageFactory(factory.django.DjangoModelFactory):
    image = factory.SubFactory(CreditedImageFactory)

    class Meta:
        model = NewsArticleImage


class NewsArticleTopicFactory(factory.django.DjangoModelFactory):
    topic = factory.SubFactory(TopicFactory)

    class Meta:
        model = NewsArticleTopic


def make_articles(index, count, *, topic=None, images=True, author=None):
    """`count` live articles below `index`, each with an image (and topic)."""
    articles = []
    for _ in range(count):
        article = NewsArticlePageFactory(parent=index, author=author, body__0="paragraph")
        if images:
            NewsArticleImageFactory(page=article)
        if topic is not None:
            NewsArticleTopicFactory(page=article, topic=topic)
        articles.append(article)
    return articles
