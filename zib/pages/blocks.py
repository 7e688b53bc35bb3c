"""Content blocks shared by every page with a body (news, content pages …)."""

import copy
import hashlib

from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock as WagtailDocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock as WagtailImageChooserBlock
from wagtail.rich_text import expand_db_html

from zib.pagecache import local


class RememberedChooserMixin:
    """A chooser block whose chosen objects are remembered per cache generation.

    Wagtail loads the images, documents and pages a stream refers to on every
    render (one query per kind). Saving, deleting, publishing or moving any of
    them starts a new cache generation, so the loaded objects are remembered
    in ``zib.pagecache.local`` (each request gets its own unpickled copy).
    Migrations still see Wagtail's block: the definition is unchanged.
    """

    wagtail_path = None  # the block's path in migrations

    @cached_property
    def canonical_module_path(self):
        return self.wagtail_path

    def bulk_to_python(self, values):
        ids = ",".join(sorted({str(value) for value in values if value is not None}))
        if not ids:
            return [None] * len(values)
        if len(ids) > 200:
            ids = hashlib.sha256(ids.encode()).hexdigest()
        objects = local.get_or_compute(
            f"blocks:{self.model_class._meta.label_lower}:{ids}", lambda: self.load_objects(values)
        )
        # As Wagtail: the order of `values`, None kept, a copy for a repeated id.
        result = []
        seen_ids = set()
        for id in values:
            obj = objects.get(id)
            if obj is not None and id in seen_ids:
                obj = copy.copy(obj)
            result.append(obj)
            seen_ids.add(id)
        return result

    def load_objects(self, values):
        return self.model_class.objects.in_bulk([value for value in values if value is not None])


class ImageChooserBlock(RememberedChooserMixin, WagtailImageChooserBlock):
    wagtail_path = "wagtail.images.blocks.ImageChooserBlock"


class DocumentChooserBlock(RememberedChooserMixin, WagtailDocumentChooserBlock):
    wagtail_path = "wagtail.documents.blocks.DocumentChooserBlock"

    def load_objects(self, values):
        documents = super().load_objects(values)
        for document in documents.values():
            # Wagtail reads a missing size from the storage (and stores it) when
            # the size is shown; do that once here, not on every render. A file
            # that cannot be read shows no size, as before.
            if document.get_file_size() is None:
                document.file_size = 0
        return documents


class PageChooserBlock(RememberedChooserMixin, blocks.PageChooserBlock):
    wagtail_path = "wagtail.blocks.PageChooserBlock"


class RichTextBlock(blocks.RichTextBlock):
    """Wagtail's rich-text block, without a template rendering per paragraph.

    Wagtail renders every value through ``wagtailcore/shared/richtext.html``,
    which is ``{{ html|safe }}``; a body of ten paragraphs spent more on those
    ten template renderings than on expanding the rich text. Migrations still
    see Wagtail's block.
    """

    @cached_property
    def canonical_module_path(self):
        return "wagtail.blocks.RichTextBlock"

    def render_basic(self, value, context=None):
        # The editor's HTML, expanded and marked safe exactly as Wagtail's template does.
        return mark_safe(expand_db_html(value.source)) if value else ""


class ImageBlock(blocks.StructBlock):
    """An image with optional caption; the credit comes from the image itself."""

    image = ImageChooserBlock(label=_("Bild"))
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False)

    class Meta:
        icon = "image"
        label = _("Bild")
        template = "pages/blocks/image_block.html"


class GalleryBlock(blocks.StructBlock):
    """Several images side by side (a collage)."""

    images = blocks.ListBlock(ImageChooserBlock(label=_("Bild")), label=_("Bilder"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Bildergalerie")
        template = "blocks/gallery_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation, optionally in another language than the page."""

    text = blocks.TextBlock(label=_("Zitat"))
    attribution = blocks.CharBlock(label=_("Quelle"), required=False)
    language = blocks.CharBlock(
        label=_("Sprache des Zitats"),
        required=False,
        max_length=35,
        help_text=_("Sprachkürzel, wenn das Zitat nicht in der Sprache der Seite ist, z. B. ar."),
    )

    class Meta:
        icon = "openquote"
        label = _("Zitat")
        template = "blocks/quote_block.html"


class DocumentBlock(blocks.StructBlock):
    """A download link showing the file's type and size."""

    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(label=_("Linktext"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Download")
        template = "blocks/document_block.html"


class ExternalVideoBlock(blocks.StructBlock):
    """A video on another site, linked only: nothing loads before a click."""

    url = blocks.URLBlock(label=_("Adresse des Videos"))
    title = blocks.CharBlock(label=_("Titel"))
    poster = ImageChooserBlock(label=_("Vorschaubild"), required=False)

    class Meta:
        icon = "media"
        label = _("Externes Video")
        template = "blocks/external_video_block.html"


class MoreBoxBlock(blocks.StructBlock):
    """A "Mehr zum …" box: heading, a short text and a link onward."""

    heading = blocks.CharBlock(label=_("Überschrift"), help_text=_('z. B. "Mehr zum Team"'))
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = PageChooserBlock(label=_("Ziel-Seite"), required=False)
    url = blocks.URLBlock(label=_("oder externe Adresse"), required=False)
    link_label = blocks.CharBlock(label=_("Linktext"), help_text=_('z. B. "Hier geht\'s zum Team des ZIB"'))

    class Meta:
        icon = "link"
        label = _("Mehr-zum-Kasten")
        template = "blocks/more_box_block.html"

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks import StructBlockValidationError

        result = super().clean(value)
        if not result.get("page") and not result.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Bitte eine Seite oder eine Adresse angeben."))}
            )
        return result


class HeadingBlock(blocks.StructBlock):
    """A subheading (h2 or h3) that keeps the page's outline correct."""

    text = blocks.CharBlock(label=_("Text"))
    level = blocks.ChoiceBlock(
        label=_("Ebene"),
        choices=[("h2", _("Zwischenüberschrift")), ("h3", _("Unterüberschrift"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Überschrift")
        template = "blocks/heading_block.html"


RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h2", "h3"]


class BodyBlock(blocks.StreamBlock):
    """The body of articles and content pages."""

    paragraph = RichTextBlock(label=_("Absatz"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    heading = HeadingBlock()
    image = ImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    external_video = ExternalVideoBlock()
    more_box = MoreBoxBlock()


class SocialMediaBlock(blocks.StructBlock):
    """A section listing the office's social media channels from the site settings."""

    heading = blocks.CharBlock(label=_("Überschrift"), default="ZIB in den sozialen Medien")
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "globe"
        label = _("Soziale Medien")
        template = "blocks/social_media_block.html"


class DocumentEntryBlock(blocks.StructBlock):
    """A document in a download list: title, short description, type and size."""

    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(
        label=_("Titel"), required=False, help_text=_("Leer lassen für den Dokumenttitel.")
    )
    description = blocks.TextBlock(label=_("Beschreibung"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Dokument")
        template = "blocks/document_entry_block.html"


class DocumentListBlock(blocks.StructBlock):
    """A titled list of downloads."""

    heading = blocks.CharBlock(label=_("Überschrift"), required=False)
    documents = blocks.ListBlock(DocumentEntryBlock(), label=_("Dokumente"), min_num=1)

    class Meta:
        icon = "folder-open-inverse"
        label = _("Download-Liste")
        template = "blocks/document_list_block.html"


class SignLanguageVideoBlock(blocks.StructBlock):
    """A video in German Sign Language (DGS) with its content as text.

    The video is hosted elsewhere and only linked, so nothing loads before a
    click; the text version serves people who cannot watch the video.
    """

    title = blocks.CharBlock(label=_("Titel"))
    url = blocks.URLBlock(label=_("Adresse des Videos"))
    poster = ImageChooserBlock(label=_("Vorschaubild"), required=False)
    transcript = blocks.RichTextBlock(
        label=_("Inhalt als Text"), features=["bold", "italic", "link", "ol", "ul"], required=False
    )

    class Meta:
        icon = "media"
        label = _("Video in Gebärdensprache")
        template = "blocks/sign_language_video_block.html"


class ContentBodyBlock(BodyBlock):
    """The body of content pages: the shared blocks plus page-only sections."""

    social_media = SocialMediaBlock()
    document_list = DocumentListBlock()


class DocumentsStreamBlock(blocks.StreamBlock):
    """The downloads of a documents page: lists with a heading, or single documents."""

    document_list = DocumentListBlock()
    document = DocumentEntryBlock()


class SignLanguageVideosBlock(blocks.StreamBlock):
    """The videos of a sign language page."""

    video = SignLanguageVideoBlock()
