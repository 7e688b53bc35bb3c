"""The podcast "Tolle Leute": the show, the episode with Rodica Petcu from the seed, two more
episodes and one scheduled for the coming weeks. Audio and cover art are made locally."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.models import Locale

from zib.images.models import CustomImage
from zib.people.models import Person
from zib.podcast.enums import PersonRole, SubscribeService
from zib.podcast.models import (
    EpisodeChapter,
    EpisodePage,
    EpisodePerson,
    PodcastShowPage,
    ShowHost,
    SubscribeLink,
)
from zib.podcast.samples import tone_mp3

SHOW_DESCRIPTION = (
    "Alle zwei Wochen lernt ihr in unserem Podcast TOLLE LEUTE kennen, die Besonderes erlebt haben, "
    "kreativ sind oder sich sozial engagieren. Ihr könnt alle Folgen direkt auf unserer Website anhören "
    "oder bei gängigen Podcast-Diensten (Spotify oder Deezer) abonnieren."
)
SHOW_TEASER = "Alle zwei Wochen stellt Veronika Kabis interessante Menschen in ihrem Podcast vor."
RODICA_SUMMARY = (
    "In der aktuellen Ausgabe erzählt die Sozialarbeiterin Rodica Petcu, wie sie auch zur "
    "Märchenerzählerin wurde und welche Bedeutung sie ihrer Arbeit beimisst. (sbs)"
)
SUBSCRIBE_LINKS = [
    (SubscribeService.SPOTIFY, "https://open.spotify.com/search/Tolle%20Leute%20ZIB/podcasts"),
    (SubscribeService.DEEZER, "https://www.deezer.com/search/Tolle%20Leute/show"),
    (SubscribeService.APPLE, "https://podcasts.apple.com/de/search?term=Tolle%20Leute%20ZIB"),
]

RODICA_TRANSCRIPT = """WEBVTT

NOTE Beispieltranskript der Demo-Inhalte

00:00.000 --> 00:04.000
<v Veronika Kabis>Herzlich willkommen bei Tolle Leute, dem Podcast des Zuwanderungs- und Integrationsbüros.

00:04.000 --> 00:08.000
<v Veronika Kabis>Heute ist Rodica Petcu bei mir. Sie ist Sozialarbeiterin – und Märchenerzählerin.

00:08.000 --> 00:13.000
<v Rodica Petcu>Hallo! Ja, beides gehört für mich zusammen: zuhören und erzählen.

00:13.000 --> 00:18.000
<v Veronika Kabis>Wie bist du zur Märchenerzählerin geworden?

00:18.000 --> 00:24.000
<v Rodica Petcu>Das erzähle ich gleich. Erst einmal: Danke für die Einladung zu Tolle Leute!
"""

CHOIR_TRANSCRIPT = """Veronika Kabis: Willkommen bei Tolle Leute. In dieser Folge geht es um einen Chor,
in dem Menschen aus vielen Ländern gemeinsam singen.

Gast: Bei uns braucht niemand Noten lesen zu können. Wer mitsingen möchte, kommt einfach vorbei.

Veronika Kabis: Und in wie vielen Sprachen singt ihr?

Gast: In so vielen, wie Menschen im Chor sind.
"""

TRAILER_TRANSCRIPT = """WEBVTT

00:00.000 --> 00:05.000
<v Veronika Kabis>Ich bin Veronika Kabis, und das ist Tolle Leute.

00:05.000 --> 00:10.000
<v Veronika Kabis>Alle zwei Wochen stelle ich euch Menschen aus Saarbrücken vor, die Besonderes erlebt haben.
"""

NEXT_TRANSCRIPT = """Veronika Kabis: Diese Folge erscheint in den nächsten Tagen.
"""


def load(ctx):
    locale = Locale.objects.get_or_create(language_code="de")[0]
    home = ctx.pages["home"]
    veronika = _person(ctx, locale, "veronika-kabis", "Veronika Kabis", "Moderatorin des Podcasts")
    rodica = _person(ctx, locale, "rodica-petcu", "Rodica Petcu", "Sozialarbeiterin und Märchenerzählerin")
    cover = _cover_image()
    office = ctx.extra.get("office")

    show = PodcastShowPage.objects.filter(locale=locale).first()
    fields = {
        "title": "Tolle Leute",
        "seo_title": "Podcast „Tolle Leute“",
        "search_description": SHOW_TEASER,
        "description": SHOW_DESCRIPTION,
        "cover_image": cover,
        "category": "Society & Culture > Personal Journals",
        "language": "de",
        "owner_name": office.office_name if office else "Zuwanderungs- und Integrationsbüro (ZIB)",
        "owner_email": (office.email if office and office.email else "zib@saarbruecken.de"),
        "author": "Zuwanderungs- und Integrationsbüro (ZIB) der Landeshauptstadt Saarbrücken",
        "copyright": "Landeshauptstadt Saarbrücken",
        "cadence_days": 14,
    }
    if show is None:
        show = home.add_child(instance=PodcastShowPage(slug="podcast", locale=locale, **fields))
    else:
        for name, value in fields.items():
            setattr(show, name, value)
    show.hosts.set([ShowHost(person=veronika, role=PersonRole.HOST)])
    show.subscribe_links.set([SubscribeLink(service=service, url=url) for service, url in SUBSCRIBE_LINKS])
    show.save_revision().publish()
    ctx.pages["podcast"] = show

    now = timezone.now()
    rodica_image = _rodica_image(ctx, rodica)
    _episode(
        show,
        slug="trailer",
        title="Das ist Tolle Leute",
        episode_type="trailer",
        number=None,
        publish_date=now - timedelta(days=31),
        summary=SHOW_TEASER,
        transcript=TRAILER_TRANSCRIPT,
        seconds=10,
        people=[(veronika, PersonRole.HOST)],
    )
    _episode(
        show,
        slug="ein-chor-fuer-alle",
        title="Ein Chor für alle Sprachen",
        number=1,
        publish_date=now - timedelta(days=17),
        summary="Ein Chor, in dem Menschen aus vielen Ländern gemeinsam singen – ganz ohne Noten.",
        transcript=CHOIR_TRANSCRIPT,
        seconds=16,
        people=[(veronika, PersonRole.HOST)],
    )
    _episode(
        show,
        slug="rodica-petcu",
        title="Rodica Petcu: Sozialarbeiterin und Märchenerzählerin",
        number=2,
        publish_date=now - timedelta(days=3),
        summary=RODICA_SUMMARY,
        show_notes=(
            "<p>Rodica Petcu arbeitet als Sozialarbeiterin in Saarbrücken und erzählt Märchen. "
            "Im Gespräch mit Veronika Kabis geht es um beides.</p>"
        ),
        transcript=RODICA_TRANSCRIPT,
        seconds=24,
        image=rodica_image,
        people=[(rodica, PersonRole.GUEST), (veronika, PersonRole.HOST)],
        chapters=[("0:00", "Begrüßung"), ("0:08", "Zuhören und erzählen"), ("0:13", "Wie alles begann")],
    )
    # Published already, but due only in eleven days: shows "Die nächste Folge erscheint am …".
    _episode(
        show,
        slug="naechste-folge",
        title="Neue Nachbarn im Quartier",
        number=3,
        publish_date=now + timedelta(days=11),
        summary="Die nächste Folge ist schon fertig und erscheint in den kommenden Tagen.",
        transcript=NEXT_TRANSCRIPT,
        seconds=8,
        people=[(veronika, PersonRole.HOST)],
    )


def _person(ctx, locale, slug, name, role):
    """A person from the people demo; made here only if that part did not run."""
    person = ctx.people.get(slug) or Person.objects.filter(locale=locale, slug=slug).first()
    if person is None:
        person = Person.objects.create(locale=locale, slug=slug, name=name, role=role)
    ctx.people.setdefault(slug, person)
    return person


def _episode(show, *, slug, title, publish_date, summary, transcript, seconds, people, **options):
    episode = EpisodePage.objects.child_of(show).filter(slug=slug).first()
    fields = {
        "title": title,
        "summary": summary,
        "transcript": transcript,
        "episode_number": options.get("number"),
        "episode_type": options.get("episode_type", "full"),
        "show_notes": options.get("show_notes", ""),
        "image": options.get("image"),
    }
    if episode is None:
        audio = ContentFile(
            tone_mp3(seconds, frequency=330 + 40 * len(slug) % 200), name=f"tolle-leute-{slug}.mp3"
        )
        episode = show.add_child(
            instance=EpisodePage(slug=slug, publish_date=publish_date, audio_file=audio, **fields)
        )
    else:
        for name, value in fields.items():
            setattr(episode, name, value)
        # Keep the publish date of an existing episode: its place in the feed must not move.
    episode.people.set([EpisodePerson(person=person, role=role) for person, role in people])
    episode.chapters.set(
        [EpisodeChapter(start=start, title=text) for start, text in options.get("chapters", [])]
    )
    episode.save_revision().publish()
    return episode


def _cover_image():
    """The show's cover: 1400 × 1400 px, RGB JPEG, as Apple and Spotify require."""
    title = "Tolle Leute – Podcast-Cover"
    image = CustomImage.objects.filter(title=title).first()
    if image is not None:
        return image
    from PIL import Image, ImageDraw, ImageFont

    size = 1400
    picture = Image.new("RGB", (size, size), (0, 81, 110))
    draw = ImageDraw.Draw(picture)
    for ring in range(6):
        inset = 120 + ring * 90
        draw.ellipse((inset, inset, size - inset, size - inset), outline=(255, 191, 71), width=10)
    try:
        font = ImageFont.load_default(size=150)
        small = ImageFont.load_default(size=60)
    except TypeError:  # Pillow without scalable default font
        font = small = ImageFont.load_default()
    draw.text((size / 2, size / 2 - 60), "TOLLE", font=font, fill=(255, 255, 255), anchor="mm")
    draw.text((size / 2, size / 2 + 100), "LEUTE", font=font, fill=(255, 255, 255), anchor="mm")
    draw.text(
        (size / 2, size - 170), "Podcast des ZIB Saarbrücken", font=small, fill=(255, 255, 255), anchor="mm"
    )
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=88)
    image = CustomImage(
        title=title,
        description=(
            "Schriftzug „Tolle Leute“ in weißen Großbuchstaben auf blauem Grund, umgeben von gelben Ringen"
        ),
        credit="ZIB",
    )
    image.file = ImageFile(buffer, name="tolle-leute-cover.jpg")
    image.save()
    return image


def _rodica_image(ctx, person):
    """Rodica Petcu's photo (credit "Privat"): shared with the news demo, made here if missing."""
    image = ctx.images.get("rodica-petcu") or (person.photo if person.photo_id else None)
    if image is None:
        image = CustomImage.objects.filter(title="Rodica Petcu").first()
    if image is None:
        from PIL import Image, ImageDraw

        picture = Image.new("RGB", (1200, 800), (91, 60, 120))
        draw = ImageDraw.Draw(picture)
        draw.ellipse((450, 150, 750, 450), fill=(230, 200, 180))
        draw.rounded_rectangle((350, 480, 850, 800), radius=120, fill=(200, 170, 220))
        buffer = io.BytesIO()
        picture.save(buffer, format="JPEG", quality=80)
        image = CustomImage(
            title="Rodica Petcu",
            description="Porträt von Rodica Petcu, die in die Kamera lächelt",
            credit="Privat",
        )
        image.file = ImageFile(buffer, name="rodica-petcu.jpg")
        image.save()
    ctx.images.setdefault("rodica-petcu", image)
    return image
