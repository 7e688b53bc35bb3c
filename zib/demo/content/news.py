"""The seed's news: the five articles of the office's "Aktuelles" page.

Every article keeps the seed's German text word for word. The author's
initials "(sbs)" that close the seed's texts come from the author snippet,
so they are not part of the paragraphs. Links go to pages made by the
earlier demo parts; when a target is missing the nearest existing page is
used instead, and a link is left out rather than pointing nowhere.
"""

import datetime
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.rich_text import RichText

from zib.images.models import CustomImage
from zib.news.models import (
    NewsArticleImage,
    NewsArticlePage,
    NewsArticlePartner,
    NewsArticleTopic,
    NewsIndexPage,
    Topic,
)
from zib.pages.blocks import BodyBlock
from zib.pages.models import NavigationItem, OfficeSettings, SocialChannel
from zib.people.models import Person

INDEX_SLUG = "aktuelles"

TOPICS = [
    ("soziale-medien", "Soziale Medien"),
    ("aktionswoche", "Aktionswoche"),
    ("podcast", "Podcast"),
    ("team", "Team"),
    ("ueber-uns", "Über uns"),
]

# Images the article needs: key in ctx.images, title, alt text, credit, colour.
IMAGES = {
    "collage-1": (
        "Collage Impfung Umarmung 1",
        "Collage: Menschen umarmen sich, daneben ein Pflaster auf einem Oberarm",
        "Christian Bart",
        (0, 81, 110),
    ),
    "collage-2": (
        "Collage Impfung Umarmung 2",
        "Collage: Hände halten einen Impfpass, dahinter lachende Gesichter",
        "Christian Bart",
        (168, 50, 15),
    ),
    "collage-3": (
        "Collage Impfung Umarmung 3",
        "Collage: Sprechblasen in vielen Sprachen rund um ein Herz",
        "Christian Bart",
        (30, 107, 48),
    ),
    "rodica-petcu": (
        "Rodica Petcu",
        "Porträt von Rodica Petcu, die in die Kamera lächelt",
        "Privat",
        (91, 60, 120),
    ),
    "adele-robart": ("Adèle Robart", "Porträt von Adèle Robart vor dem Rathaus", "ZIB", (0, 58, 79)),
    "was-macht-das-zib": (
        "Was macht eigentlich das ZIB?",
        "Fragezeichen aus bunten Papierschnipseln auf einem Schreibtisch",
        "Sandra Steinmetz",
        (60, 60, 60),
    ),
}

SOCIAL_TEXT = (
    "Ihr findet das Zuwanderungs- und Integrationsbüro ab sofort in den sozialen Netzwerken. "
    "Neben unserem {instagram} gibt es auch eine {facebook}."
)

CAMPAIGN_PARAGRAPHS = [
    "Alle hoffen darauf, dass die Corona-Pandemie bald zu Ende ist. Die wichtigste Strategie, damit das "
    "gelingt, ist das Impfen. Mit einer mehrsprachigen Aktionswoche sollen insbesondere die Menschen über "
    "das Impfen informiert werden, deren Erstsprache nicht Deutsch ist.",
    "Im Laufe der Woche werden verschiedene Infostände oder Online-Veranstaltungen in unterschiedlichen "
    "Sprachen organisiert. Veranstaltet wird die Aktionswoche gemeinsam von der Landeshauptstadt und dem "
    "Regionalverband Saarbrücken in Kooperation mit dem Verein PuGiS e.V.",
    "Für die Infowoche haben uns neben Oberbürgermeister Uwe Conradt und Regionalverbandsdirektor Peter "
    "Gillo verschiedene Personen Statements zur Impfung in ihren Herkunftssprachen zugesendet. Diese wurden "
    "zu einem Trailer für die Informationskampagne zusammengesetzt. Die kompletten Einzelvideos findet ihr "
    "auf der {campaign_link}.",
]
CAMPAIGN_LINK_TEXT = 'Website der Aktionswoche "Eine kleine Impfung, eine große Umarmung"'
CAMPAIGN_PARTNERS = [
    ("landeshauptstadt-saarbruecken", "Landeshauptstadt Saarbrücken"),
    ("regionalverband-saarbruecken", "Regionalverband Saarbrücken"),
    ("pugis-ev", "PuGiS e.V."),
]

PODCAST_PARAGRAPHS = [
    "Alle zwei Wochen lernt ihr in unserem Podcast TOLLE LEUTE kennen, die Besonderes erlebt haben, kreativ "
    "sind oder sich sozial engagieren. Ihr könnt alle Folgen direkt auf unserer Website anhören oder bei "
    "gängigen Podcast-Diensten (Spotify oder Deezer) abonnieren.",
    "In der aktuellen Ausgabe erzählt die Sozialarbeiterin Rodica Petcu, wie sie auch zur Märchenerzählerin "
    "wurde und welche Bedeutung sie ihrer Arbeit beimisst.",
]

TEAM_PARAGRAPHS = [
    "In Zukunft möchten wir euch ein Mal im Monat jeweils ein Mitglied aus dem Team des ZIB vorstellen.",
    "Den Anfang macht Adèle Robart, die heute ihr zweimonatiges Praktikum bei uns beginnt. Sie ist "
    "Studentin im Masterstudiengang Border Studies und wird uns in den kommenden Wochen bei verschiedenen "
    "Projekte unterstützen.",
]

ABOUT_PARAGRAPHS = [
    "Das Zuwanderungs- und Integrationsbüro (ZIB) ist als Stabsstelle im Dezernat für Finanzen und "
    "Nachhaltigkeit angesiedelt. Zu seinen Aufgaben gehört die Entwicklung von Strategien im Umgang mit "
    "Migration und Vielfalt in der Kommune.",
    "Doch was heißt das eigentlich und was kann man sich konkret darunter vorstellen?",
    "Das ZIB stößt neue Projekte im Bereich der kommunalen Integrationsarbeit an, wie sie z.B. im neuen "
    "Integrationskonzept {concept} beschrieben sind. Das Konzept ist eine Weiterentwicklung des ersten "
    "Integrationskonzeptes von 2011 und wurde 2020 vom Stadtrat verabschiedet. Um entsprechende Projekte "
    "auch umsetzen zu können, arbeitet das ZIB regelmäßig mit weiteren Akteur*innen zusammen, z.B. anderen "
    "Ämtern innerhalb der Stadtverwaltung, Projekten der Gemeinwesenarbeit oder Vereinen und "
    "Migrantenorganisationen. Eine große Herausforderung stellt dabei stets die Erschließung neuer "
    "Ressourcen dar. Das ZIB pflegt daher einen engen Kontakt zu einem großen Netzwerk aus haupt- und "
    "ehrenamtlichen Akteur*innen, die sich mit dem weiten Feld rund um die Begriffe Migration und "
    "Integration befassen, und berät und unterstützt diese z.B. bei der Beantragung von Fördermitteln oder "
    "vergibt selbst kleine finanzielle Zuschüsse auf Antrag. Auch eigene Fachveranstaltungen, Fortbildungen, "
    "Workshops und kulturelle Veranstaltungen gehören zum Repertoire des ZIB. Außerdem ist die "
    "Geschäftsstelle des Integrationsbeirates an das ZIB angegliedert.",
    "Wir möchten euch hier nach und nach einzelne Aufgabenbereiche und das Team des ZIB näher vorstellen, "
    "damit ihr einen Einblick in unsere tägliche Arbeit erhalten könnt.",
    "Wer vorher neugierig ist, kann schon mal unsere {website} durchstöbern.",
]
CONCEPT_TITLE = '"Internationales Saarbrücken. Strategien für den Umgang mit Migration und Vielfalt"'


def load(ctx):
    home = ctx.pages["home"]
    locale = home.locale
    index = _news_index(ctx, home)
    topics = {slug: _topic(locale, slug, name) for slug, name in TOPICS}
    author = _author(ctx, locale)
    links = _Links(ctx, home)

    _article(
        index,
        slug="zib-in-den-sozialen-medien",
        title="Nun auch digital gut vernetzt",
        series="ZIB in den sozialen Medien",
        teaser=(
            "Ihr findet das Zuwanderungs- und Integrationsbüro ab sofort in den sozialen Netzwerken: "
            "auf Instagram und Facebook."
        ),
        date=datetime.date(2021, 6, 21),
        author=None,
        topics=[topics["soziale-medien"]],
        body=[("paragraph", _social_paragraph())],
    )

    trailer = _trailer_block(ctx, links)
    _article(
        index,
        slug="aktionswoche-eine-kleine-impfung-eine-grosse-umarmung",
        title='Aktionswoche "Eine kleine Impfung - eine große Umarmung"',
        teaser=(
            "Eine mehrsprachige Aktionswoche informiert über das Impfen: mit Infoständen, "
            "Online-Veranstaltungen und Video-Statements in vielen Herkunftssprachen."
        ),
        date=datetime.date(2021, 6, 14),
        author=author,
        topics=[topics["aktionswoche"]],
        images=[_image(ctx, key) for key in ("collage-1", "collage-2", "collage-3")],
        partners=_partners(ctx, locale),
        body=[
            ("paragraph", _paragraph(CAMPAIGN_PARAGRAPHS[0])),
            ("paragraph", _paragraph(CAMPAIGN_PARAGRAPHS[1])),
            (
                "paragraph",
                _paragraph(
                    CAMPAIGN_PARAGRAPHS[2],
                    campaign_link=links.page_link(CAMPAIGN_LINK_TEXT, "campaign"),
                ),
            ),
            trailer,
        ],
    )

    rodica = ctx.people.get("rodica-petcu")
    _article(
        index,
        slug="podcast-tolle-leute",
        title='Podcast "Tolle Leute"',
        teaser=(
            "In der aktuellen Ausgabe erzählt die Sozialarbeiterin Rodica Petcu, wie sie auch zur "
            "Märchenerzählerin wurde."
        ),
        date=datetime.date(2021, 5, 31),
        author=author,
        topics=[topics["podcast"]],
        images=[_image(ctx, "rodica-petcu", person=rodica)],
        body=[
            *[("paragraph", _paragraph(text)) for text in PODCAST_PARAGRAPHS],
            _more_box(
                'MEHR ZUM PODCAST "TOLLE LEUTE"',
                "Alle zwei Wochen stellt Veronika Kabis interessante Menschen in ihrem Podcast vor.",
                "Hier geht's zu allen Podcast-Folgen",
                links.nearest("podcast", "home"),
            ),
        ],
    )

    adele = _person(ctx, locale, "adele-robart", "Adèle Robart", "Praktikantin")
    _article(
        index,
        slug="praktikum-beim-zib",
        title="Praktikum beim ZIB",
        series="Das Team des ZIB",
        teaser=(
            "Den Anfang unserer Reihe macht Adèle Robart, die heute ihr zweimonatiges Praktikum "
            "bei uns beginnt."
        ),
        date=datetime.date(2021, 5, 3),
        author=author,
        introduces=adele,
        topics=[topics["team"]],
        images=[_image(ctx, "adele-robart", person=adele)],
        body=[
            *[("paragraph", _paragraph(text)) for text in TEAM_PARAGRAPHS],
            _more_box(
                "MEHR ZUM TEAM",
                "Das Zuwanderungs- und Integrationsbüro wurde 2003 eingerichtet. Es ist als Stabsstelle im "
                "Dezernat für Finanzen und Nachhaltigkeit angesiedelt. Zum ZIB gehört auch die "
                "Geschäftsstelle des Integrationsbeirats.",
                "Hier geht's zum Team des ZIB",
                links.nearest("team", "about", "home"),
            ),
        ],
    )

    _article(
        index,
        slug="was-macht-eigentlich-das-zib",
        title="Was macht eigentlich das ZIB?",
        teaser=(
            "Das ZIB entwickelt Strategien im Umgang mit Migration und Vielfalt in der Kommune. "
            "Doch was heißt das eigentlich?"
        ),
        date=datetime.date(2021, 4, 12),
        author=author,
        topics=[topics["ueber-uns"]],
        images=[_image(ctx, "was-macht-das-zib")],
        body=[
            ("paragraph", _paragraph(ABOUT_PARAGRAPHS[0])),
            ("paragraph", _paragraph(ABOUT_PARAGRAPHS[1])),
            (
                "paragraph",
                _paragraph(ABOUT_PARAGRAPHS[2], concept=links.page_link(CONCEPT_TITLE, "documents")),
            ),
            ("paragraph", _paragraph(ABOUT_PARAGRAPHS[3])),
            ("paragraph", _paragraph(ABOUT_PARAGRAPHS[4], website=links.page_link("Website", "home"))),
            _more_box(
                "MEHR ZUM ZIB",
                "Das Zuwanderungs- und Integrationsbüro (ZIB) engagiert sich für Chancengleichheit und ein "
                "gutes Zusammenleben von zugewanderten und alteingesessenen Saarbrückerinnen und "
                "Saarbrückern. Als Stabsstelle ist es im Dezernat für Finanzen und Nachhaltigkeit "
                "angesiedelt.",
                "Hier geht's zur Startseite des ZIB",
                links.nearest("home"),
            ),
        ],
    )
    ctx.extra["news_topics"] = topics


class _Links:
    """Internal links for rich text and boxes, only to pages that are live."""

    def __init__(self, ctx, home):
        self.ctx = ctx
        self.home = home

    def live_page(self, key):
        """The page the other demo parts stored under `key`, if it is live now.

        Asks the database: an object handed over in the context may predate
        its publication.
        """
        page = self.ctx.pages.get(key)
        if page is None or not Page.objects.filter(pk=page.pk, live=True).exists():
            return None
        return page

    def nearest(self, *keys):
        for key in keys:
            page = self.live_page(key)
            if page is not None:
                return page
        return self.home

    def page_link(self, text, key):
        page = self.live_page(key)
        if page is None:
            return text
        return f'<a linktype="page" id="{page.pk}">{text}</a>'


def _news_index(ctx, home):
    index = ctx.pages.get("news")
    if not isinstance(index, NewsIndexPage):
        index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=NewsIndexPage(
                title="Aktuelles",
                slug=INDEX_SLUG,
                locale=home.locale,
                intro="<p>Neuigkeiten aus dem Zuwanderungs- und Integrationsbüro.</p>",
                search_description="Meldungen des Zuwanderungs- und Integrationsbüros (ZIB) Saarbrücken.",
            )
        )
        index.save_revision().publish()
    elif not index.live:
        index.save_revision().publish()
    ctx.pages["news"] = index
    _add_to_navigation(index)
    return index


def _add_to_navigation(index):
    """Put "Aktuelles" first in the main navigation, once."""
    office = OfficeSettings.load()
    if NavigationItem.objects.filter(settings=office, page=index).exists():
        return
    for item in NavigationItem.objects.filter(settings=office).order_by("-sort_order"):
        item.sort_order = (item.sort_order or 0) + 1
        item.save(update_fields=["sort_order"])
    NavigationItem.objects.create(settings=office, page=index, sort_order=0)


def _topic(locale, slug, name):
    topic, _created = Topic.objects.update_or_create(locale=locale, slug=slug, defaults={"name": name})
    return topic


def _author(ctx, locale):
    """The author signing "(sbs)": from the people demo, else made here."""
    author = ctx.people.get("sbs")
    if author is None:
        author = Person.objects.filter(locale=locale, initials="sbs").first()
    if author is None:
        author, _created = Person.objects.get_or_create(
            locale=locale,
            slug="sbs",
            defaults={"name": "Redaktion des ZIB", "initials": "sbs", "role": "Öffentlichkeitsarbeit"},
        )
    ctx.people.setdefault("sbs", author)
    return author


def _person(ctx, locale, slug, name, role):
    """A person from the people demo; made here only if that part did not run."""
    person = ctx.people.get(slug) or Person.objects.filter(locale=locale, slug=slug).first()
    if person is None:
        person = Person.objects.create(locale=locale, slug=slug, name=name, role=role)
    ctx.people.setdefault(slug, person)
    return person


def _image(ctx, key, person=None):
    """The demo image for `key`: shared by the images demo, a person's photo, or generated here."""
    image = ctx.images.get(key)
    if image is None and person is not None and person.photo_id:
        image = person.photo
    if image is None:
        title, alt, credit, colour = IMAGES[key]
        image = CustomImage.objects.filter(title=title).first() or _generate_image(title, alt, credit, colour)
        ctx.images[key] = image
    return image


def _generate_image(title, alt, credit, colour):
    from PIL import Image, ImageDraw, ImageFont

    picture = Image.new("RGB", (1200, 800), colour)
    draw = ImageDraw.Draw(picture)
    for step in range(0, 1200, 80):
        box = (step, 380 + (step % 240), step + 220, 600 + (step % 240))
        draw.ellipse(box, outline=(255, 255, 255), width=6)
    try:
        font = ImageFont.load_default(size=64)
    except TypeError:  # Pillow without FreeType
        font = ImageFont.load_default()
    draw.text((60, 80), title, fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    name = f"news-{slugify(title)}.jpg"
    image = CustomImage(title=title, description=alt, credit=credit)
    image.file = ImageFile(buffer, name=name)
    image.save()
    return image


def _partners(ctx, locale):
    """The Aktionswoche's organisers, as the organisations demo made them."""
    from zib.organizations.models import Organization

    made = ctx.extra.get("organizations") or {}
    partners = []
    for slug, name in CAMPAIGN_PARTNERS:
        org = (
            made.get(slug)
            or Organization.objects.filter(locale=locale, slug=slug).first()
            or Organization.objects.filter(locale=locale, name=name).first()
        )
        if org is not None:
            partners.append(org)
    return partners


def _social_paragraph():
    channels = {channel.name: channel.url for channel in SocialChannel.objects.all()}

    def link(text, network):
        url = channels.get(network)
        return f'<a href="{url}">{text}</a>' if url else text

    return _paragraph(
        SOCIAL_TEXT,
        instagram=link("Instagram-Kanal", "Instagram"),
        facebook=link("Facebook-Seite", "Facebook"),
    )


def _paragraph(text, **links):
    return RichText(f"<p>{text.format(**links) if links else text}</p>")


def _more_box(heading, text, link_label, page):
    return ("more_box", {"heading": heading, "text": text, "page": page, "url": "", "link_label": link_label})


def _trailer_block(ctx, links):
    """The "Abspielen" trailer: on the campaign page if there is one, else as a click-to-load video."""
    campaign = links.live_page("campaign")
    if campaign is not None:
        return (
            "paragraph",
            RichText(f'<p><a linktype="page" id="{campaign.pk}">Abspielen</a>: Trailer der Aktionswoche</p>'),
        )
    return (
        "external_video",
        {
            "url": "https://www.saarbruecken.de/",
            "title": "Trailer der Aktionswoche",
            "poster": _image(ctx, "collage-1"),
        },
    )


def _article(index, *, slug, images=(), partners=(), topics=(), introduces=None, body, **fields):
    """Create or update one article below `index`; publish it only if something changed."""
    article = NewsArticlePage.objects.child_of(index).filter(slug=slug).first()
    created = article is None
    if created:
        article = NewsArticlePage(slug=slug, locale=index.locale)
    wanted = {
        **fields,
        "introduces": introduces,
        "body": _stream(body),
        "images": [image.pk for image in images],
        "topics": [topic.pk for topic in topics],
        "partners": [org.pk for org in partners],
    }
    if not created and article.live and not article.has_unpublished_changes and _matches(article, wanted):
        return article

    for name, value in fields.items():
        setattr(article, name, value)
    article.introduces = introduces
    article.body = wanted["body"]
    article.gallery_images = [NewsArticleImage(image=image, sort_order=i) for i, image in enumerate(images)]
    article.article_topics = [NewsArticleTopic(topic=topic, sort_order=i) for i, topic in enumerate(topics)]
    article.article_partners = [
        NewsArticlePartner(organization=org, sort_order=i) for i, org in enumerate(partners)
    ]
    # Show the seed's date as the first publication, not the time the demo ran.
    article.first_published_at = article.first_published_at or timezone.make_aware(
        datetime.datetime.combine(article.date, datetime.time(10, 0))
    )
    if created:
        index.add_child(instance=article)
    else:
        article.save()
    article.save_revision().publish()
    return article


def _matches(article, wanted):
    """True if the stored article already says what the demo would publish."""

    def blocks(stream):
        return [(block["type"], block["value"]) for block in stream.get_prep_value()]

    return (
        all(getattr(article, name) == value for name, value in wanted.items() if name not in _RELATIONS)
        and blocks(article.body) == blocks(wanted["body"])
        and [row.image_id for row in article.gallery_images.all()] == wanted["images"]
        and [row.topic_id for row in article.article_topics.all()] == wanted["topics"]
        and [row.organization_id for row in article.article_partners.all()] == wanted["partners"]
    )


_RELATIONS = {"body", "images", "topics", "partners"}


def _stream(items):
    """A StreamValue for BodyBlock from (block type, value) pairs."""
    raw = []
    for block_type, value in items:
        if isinstance(value, RichText):
            value = value.source
        elif isinstance(value, dict):
            value = {key: getattr(item, "pk", item) for key, item in value.items()}
        raw.append({"type": block_type, "value": value})
    return BodyBlock().to_python(raw)
