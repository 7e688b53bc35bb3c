"""Factories for the pages app: content, legal, documents and contact pages."""

import datetime

import factory
import wagtail_factories
from wagtail import blocks
from wagtail.models import Collection
from wagtail.rich_text import RichText

from zib.images.tests.factories import ImageChooserBlockFactory
from zib.pages import models
from zib.pages.blocks import (
    ContentBodyBlock,
    DocumentBlock,
    DocumentEntryBlock,
    DocumentListBlock,
    DocumentsStreamBlock,
    GalleryBlock,
    ImageBlock,
    MoreBoxBlock,
    SignLanguageVideoBlock,
    SignLanguageVideosBlock,
    SocialMediaBlock,
)


class RichTextBlockFactory(wagtail_factories.blocks.BlockFactory):
    """A rich-text block; pass `value` as HTML."""

    class Meta:
        model = blocks.RichTextBlock

    value = "<p>Das ZIB stößt neue Projekte an.</p>"

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return block_class().clean(RichText(kwargs["value"]))


class ImageBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = ImageBlock

    image = factory.SubFactory(ImageChooserBlockFactory)
    caption = ""


class GalleryBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = GalleryBlock

    images = wagtail_factories.ListBlockFactory(ImageChooserBlockFactory)


class MoreBoxBlockFactory(wagtail_factories.StructBlockFactory):
    """A "Mehr zum …" box; pass `page` for a page of the site instead of the address."""

    heading = "Mehr zum ZIB"
    text = "Das Zuwanderungs- und Integrationsbüro stellt sich vor."
    page = None
    url = "https://www.saarbruecken.de/"
    link_label = "Hier geht's zur Startseite des ZIB"

    class Meta:
        model = MoreBoxBlock


class SocialMediaBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = SocialMediaBlock

    heading = "ZIB in den sozialen Medien"
    text = ""


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Dokument {n}")
    file = factory.django.FileField(filename="konzept.pdf", data=b"%PDF-1.4\n%%EOF\n")
    collection = factory.LazyFunction(Collection.get_first_root_node)


class DocumentChooserBlockFactory(wagtail_factories.DocumentChooserBlockFactory):
    document = factory.SubFactory(DocumentFactory)


class DocumentEntryBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = DocumentEntryBlock

    document = factory.SubFactory(DocumentChooserBlockFactory)
    title = ""
    description = ""


class DocumentBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = DocumentBlock

    document = factory.SubFactory(DocumentChooserBlockFactory)
    title = ""


class DocumentListBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = DocumentListBlock

    heading = "Integrationskonzepte"
    documents = wagtail_factories.ListBlockFactory(DocumentEntryBlockFactory)


class SignLanguageVideoBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = SignLanguageVideoBlock

    title = "Das ZIB in Gebärdensprache"
    url = "https://video.example.org/dgs-zib"
    poster = None
    transcript = factory.SubFactory(RichTextBlockFactory, value="<p>Wir sind das ZIB.</p>")


class ContentBodyBlockFactory(wagtail_factories.StreamBlockFactory):
    class Meta:
        model = ContentBodyBlock

    paragraph = factory.SubFactory(RichTextBlockFactory)
    image = factory.SubFactory(ImageBlockFactory)
    gallery = factory.SubFactory(GalleryBlockFactory)
    more_box = factory.SubFactory(MoreBoxBlockFactory)
    document = factory.SubFactory(DocumentBlockFactory)
    social_media = factory.SubFactory(SocialMediaBlockFactory)
    document_list = factory.SubFactory(DocumentListBlockFactory)


class DocumentsStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    class Meta:
        model = DocumentsStreamBlock

    document_list = factory.SubFactory(DocumentListBlockFactory)
    document = factory.SubFactory(DocumentEntryBlockFactory)


class SignLanguageVideosBlockFactory(wagtail_factories.StreamBlockFactory):
    class Meta:
        model = SignLanguageVideosBlock

    video = factory.SubFactory(SignLanguageVideoBlockFactory)


class ContentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ContentPage

    title = factory.Sequence(lambda n: f"Inhaltsseite {n}")
    teaser = "Ein kurzer Anreißer."
    body = wagtail_factories.StreamFieldFactory(ContentBodyBlockFactory)


class DocumentsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.DocumentsPage

    title = "Dokumente"
    documents = wagtail_factories.StreamFieldFactory(DocumentsStreamBlockFactory)


class EasyLanguagePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.EasyLanguagePage

    title = "Leichte Sprache"
    body = wagtail_factories.StreamFieldFactory(ContentBodyBlockFactory)


class SignLanguagePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.SignLanguagePage

    title = "Gebärdensprache"
    videos = wagtail_factories.StreamFieldFactory(SignLanguageVideosBlockFactory)


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.AccessibilityStatementPage

    title = "Erklärung zur Barrierefreiheit"
    slug = "barrierefreiheit"
    prepared_on = datetime.date(2026, 11, 1)
    feedback_email = "zib@saarbruecken.de"


class AccessibilityGapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AccessibilityGap

    page = factory.SubFactory(AccessibilityStatementPageFactory)
    title = "PDF-Dokumente"
    description = "Ältere PDF-Dokumente sind nicht vollständig barrierefrei."
    reason = models.AccessibilityGap.Reason.BURDEN


class ContactPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ContactPage

    title = "Kontakt"
    slug = "kontakt"


class ContactMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ContactMessage

    page = factory.SubFactory(ContactPageFactory)
    topic = models.ContactMessage.Topic.GENERAL
    name = "Amina Beispiel"
    email = "amina@example.org"
    message = "Wann ist das Büro geöffnet?"
