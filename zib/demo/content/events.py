"""Events: the seed's campaign week with its organisers, video statements and programme,
and the office's own workshops, trainings, specialist and cultural events.

Dates are relative to the day the demo is loaded (the campaign week starts
next Monday), so the listing always has upcoming events. Everything is
looked up by slug and updated, so loading twice changes nothing.

Demo videos are generated only when `ffmpeg` is installed; without it the
statements show their poster, captions and transcript, and say that the
video file is not published yet. Captions are WebVTT written here.
"""

import datetime
import io
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont
from wagtail.models import Collection, Locale
from wagtail.rich_text import RichText

from zib.events.models import (
    CampaignPage,
    CampaignPageOrganization,
    CampaignStatement,
    EventIndexPage,
    EventPage,
    EventPageOrganization,
    Language,
    Video,
    VideoCaption,
)
from zib.images.models import CustomImage
from zib.organizations.models import Organization
from zib.people.models import Person

CAMPAIGN_TITLE = "Eine kleine Impfung – eine große Umarmung"

# The seed's text about the campaign week, unchanged.
SEED_PARAGRAPHS = [
    "Alle hoffen darauf, dass die Corona-Pandemie bald zu Ende ist. Die wichtigste Strategie, damit das "
    "gelingt, ist das Impfen. Mit einer mehrsprachigen Aktionswoche sollen insbesondere die Menschen über "
    "das Impfen informiert werden, deren Erstsprache nicht Deutsch ist.",
    "Im Laufe der Woche werden verschiedene Infostände oder Online-Veranstaltungen in unterschiedlichen "
    "Sprachen organisiert. Veranstaltet wird die Aktionswoche gemeinsam von der Landeshauptstadt und dem "
    "Regionalverband Saarbrücken in Kooperation mit dem Verein PuGiS e.V.",
    "Für die Infowoche haben uns neben Oberbürgermeister Uwe Conradt und Regionalverbandsdirektor Peter "
    "Gillo verschiedene Personen Statements zur Impfung in ihren Herkunftssprachen zugesendet. Diese wurden "
    "zu einem Trailer für die Informationskampagne zusammengesetzt. Die kompletten Einzelvideos findet ihr "
    'auf der Website der Aktionswoche "Eine kleine Impfung, eine große Umarmung". (sbs)',
]

# slug, name, kind, website: shared with the network directory's demo (same slugs).
ORGANIZATIONS = [
    (
        "landeshauptstadt-saarbruecken",
        "Landeshauptstadt Saarbrücken",
        Organization.Kind.CITY_OFFICE,
        "https://www.saarbruecken.de/",
    ),
    (
        "regionalverband-saarbruecken",
        "Regionalverband Saarbrücken",
        Organization.Kind.REGIONAL_BODY,
        "https://www.regionalverband-saarbruecken.de/",
    ),
    ("pugis-ev", "PuGiS e.V.", Organization.Kind.ASSOCIATION, ""),
]

# Real people named in the seed: the captions are placeholders, never invented quotes.
PEOPLE = {
    "uwe-conradt": ("Uwe Conradt", "Oberbürgermeister der Landeshauptstadt Saarbrücken"),
    "peter-gillo": ("Peter Gillo", "Regionalverbandsdirektor"),
}

# Two lines of an example statement in each language (first person, plain language).
LINES = {
    "de": (
        "Ich bin geimpft, weil ich meine Familie schützen möchte.",
        "Informieren Sie sich in Ihrer Sprache – an unseren Infoständen.",
    ),
    "en": (
        "I got vaccinated because I want to protect my family.",
        "Get information in your language – at our info stands.",
    ),
    "fr": (
        "Je me suis fait vacciner parce que je veux protéger ma famille.",
        "Informez-vous dans votre langue – à nos stands d'information.",
    ),
    "ar": (
        "تلقيت اللقاح لأنني أريد حماية عائلتي.",
        "احصلوا على المعلومات بلغتكم – في أكشاك المعلومات لدينا.",
    ),
    "tr": ("Ailemi korumak istediğim için aşı oldum.", "Bilgi stantlarımızda kendi dilinizde bilgi alın."),
    "ru": (
        "Я сделал прививку, потому что хочу защитить свою семью.",
        "Узнайте всё на своём языке – на наших информационных стендах.",
    ),
    "uk": (
        "Я вакцинувався, бо хочу захистити свою родину.",
        "Дізнайтеся все своєю мовою – на наших інформаційних стендах.",
    ),
    "ro": (
        "M-am vaccinat pentru că vreau să-mi protejez familia.",
        "Informați-vă în limba dumneavoastră – la standurile noastre de informare.",
    ),
    "fa": (
        "من واکسن زدم چون می‌خواهم از خانواده‌ام محافظت کنم.",
        "به زبان خودتان اطلاعات بگیرید – در غرفه‌های اطلاع‌رسانی ما.",
    ),
}

# slug, title, speaker slug or role text, spoken language
STATEMENTS = [
    ("statement-uwe-conradt", "Statement von Oberbürgermeister Uwe Conradt", "uwe-conradt", "de"),
    ("statement-peter-gillo", "Statement von Regionalverbandsdirektor Peter Gillo", "peter-gillo", "de"),
    ("statement-arabisch", "Statement auf Arabisch", "Ärztin aus Saarbrücken", "ar"),
    ("statement-tuerkisch", "Statement auf Türkisch", "Vorsitzender eines Kulturvereins", "tr"),
    ("statement-russisch", "Statement auf Russisch", "Pflegekraft aus Burbach", "ru"),
    (
        "statement-ukrainisch",
        "Statement auf Ukrainisch",
        "Lehrerin aus Kyjiw, seit 2022 in Saarbrücken",
        "uk",
    ),
    ("statement-rumaenisch", "Statement auf Rumänisch", "Sozialarbeiterin", "ro"),
    ("statement-farsi", "Statement auf Farsi", "Student an der Universität des Saarlandes", "fa"),
    ("statement-franzoesisch", "Statement auf Französisch", "Unternehmerin aus Forbach", "fr"),
    ("statement-englisch", "Statement auf Englisch", "Forscher aus Ghana", "en"),
]

MEETING_URL = "https://meet.example.org/aktionswoche-{code}"


def _locale():
    return Locale.objects.get_or_create(language_code="de")[0]


def _languages():
    return {language.code: language for language in Language.objects.all()}


def _organizations(locale):
    found = {}
    for slug, name, kind, website in ORGANIZATIONS:
        org, _created = Organization.objects.get_or_create(
            slug=slug, locale=locale, defaults={"name": name, "kind": kind, "website": website}
        )
        found[slug] = org
    return found


def _person(ctx, slug, locale):
    person = ctx.people.get(slug) or Person.objects.filter(slug=slug, locale=locale).first()
    if person is None:
        name, role = PEOPLE[slug]
        person = Person.objects.create(slug=slug, locale=locale, name=name, role=role)
        ctx.people[slug] = person
    return person


def _font(size):
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",):
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _poster_png(heading, subline, colour):
    """A 1280×720 poster: colour gradient, a play symbol and the speaker's name."""
    width, height = 1280, 720
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = int(60 * y / height)
        draw.line([(0, y), (width, y)], fill=tuple(max(c - shade, 0) for c in colour))
    draw.ellipse((560, 200, 720, 360), outline="white", width=10)
    draw.polygon([(620, 240), (620, 320), (685, 280)], fill="white")
    for text, top, size in ((heading, 460, 52), (subline, 540, 34)):
        font = _font(size)
        while size > 16 and draw.textlength(text, font=font) > width - 160:
            size -= 2
            font = _font(size)
        draw.text((80, top), text, fill="white", font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _poster(title, heading, subline, alt, colour):
    image = CustomImage.objects.filter(title=title).first()
    if image is None:
        image = CustomImage(
            title=title,
            description=alt,
            credit="ZIB",
            collection=Collection.get_first_root_node(),
            file=ImageFile(io.BytesIO(_poster_png(heading, subline, colour)), name=f"{title}.png"),
        )
        image.save()
    return image


def _webvtt(lines, start=0.0):
    cues = ["WEBVTT", ""]
    for number, line in enumerate(lines):
        begin, end = start + number * 2.0, start + number * 2.0 + 2.0
        cues += [f"00:{begin:06.3f} --> 00:{end:06.3f}", line, ""]
    return "\n".join(cues)


def _same_file(field_file, content):
    try:
        with field_file.open("rb") as handle:
            return handle.read() == content
    except OSError:
        return False


def _encode_video(poster, seconds=4):
    """A tiny MP4 from the poster, if ffmpeg is installed; else None."""
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "poster.png", Path(folder) / "video.mp4"
        with poster.open_file() as handle:
            source.write_bytes(handle.read())
        command = [
            ffmpeg, "-loglevel", "error", "-y", "-loop", "1", "-i", str(source), "-t", str(seconds),
            "-vf", "scale=640:-2,format=yuv420p", "-r", "12", "-c:v", "libx264", "-tune", "stillimage",
            "-movflags", "+faststart", "-an", str(target),
        ]  # fmt: skip
        try:
            subprocess.run(command, check=True, timeout=60, capture_output=True)  # noqa: S603
        except (subprocess.SubprocessError, OSError):
            return None
        return target.read_bytes()


def _video(slug, title, *, kind, locale, speaker, role, language, captions, transcript, poster):
    video = Video.objects.filter(title=title, locale=locale).first() or Video(title=title, locale=locale)
    video.kind = kind
    video.speaker = speaker
    video.speaker_role = role
    video.spoken_language = language
    video.poster = poster
    video.duration = 4
    video.transcript = transcript
    if not video.file:
        data = _encode_video(poster)
        if data:
            video.file.save(f"{slug}.mp4", ContentFile(data), save=False)
    video.save()
    for order, (caption_language, lines, default) in enumerate(captions):
        caption = video.captions.filter(language=caption_language).first() or VideoCaption(
            video=video, language=caption_language
        )
        caption.sort_order = order
        caption.is_default = default
        content = _webvtt(lines).encode()
        if not caption.file or not _same_file(caption.file, content):
            caption.file.save(f"{slug}-{caption_language.code}.vtt", ContentFile(content), save=False)
        caption.save()
    return video


def _statements(ctx, locale, languages):
    colours = [(0, 81, 110), (30, 107, 48), (168, 50, 15), (91, 60, 120), (0, 100, 90)]
    videos = []
    for number, (slug, title, who, code) in enumerate(STATEMENTS):
        language = languages[code]
        if who in PEOPLE:
            speaker, role = _person(ctx, who, locale), ""
            name = PEOPLE[who][0]
            lines = (f"[Beispiel-Untertitel] Statement von {name} zur Aktionswoche.", "[Text folgt]")
            captions = [(languages["de"], lines, True)]
            transcript = "Das Transkript dieses Statements wird mit dem Video veröffentlicht."
        else:
            speaker, role, name = None, who, who
            lines = LINES[code]
            captions = [(language, lines, True), (languages["de"], LINES["de"], False)]
            transcript = "\n".join(lines)
        poster = _poster(
            f"Videostatement {title}",
            title.replace("Statement von ", ""),
            f"{language.native_name} · {CAMPAIGN_TITLE}",
            f"Standbild mit dem Titel „{title}“ auf farbigem Grund und einem Abspielsymbol",
            colours[number % len(colours)],
        )
        videos.append(
            _video(
                slug,
                title,
                kind=Video.Kind.STATEMENT,
                locale=locale,
                speaker=speaker,
                role=role,
                language=language,
                captions=captions,
                transcript=transcript,
                poster=poster,
            )
        )
    trailer_lines = [LINES[code][0] for code in ("de", "ar", "tr", "ru", "uk", "ro", "fa", "fr", "en")]
    trailer_captions = [(languages["de"], [LINES["de"][0], LINES["de"][1]], True)] + [
        (languages[code], LINES[code], False) for code in ("ar", "tr", "ru", "uk", "ro", "fa", "fr", "en")
    ]
    trailer = _video(
        "trailer-aktionswoche",
        f"Trailer: {CAMPAIGN_TITLE}",
        kind=Video.Kind.TRAILER,
        locale=locale,
        speaker=None,
        role="",
        language=languages["de"],
        captions=trailer_captions,
        transcript="\n".join(trailer_lines),
        poster=_poster(
            "Trailer der Aktionswoche",
            CAMPAIGN_TITLE,
            "Statements in vielen Sprachen",
            f"Standbild des Trailers: der Schriftzug „{CAMPAIGN_TITLE}“ und ein Abspielsymbol",
            (0, 58, 79),
        ),
    )
    return trailer, videos


def _publish(parent, model, slug, fields, *, languages=None, organizations=None, statements=None):
    """Create or update a page below `parent` and publish it."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    if languages is not None:
        page.languages.set(languages)
    if organizations is not None:
        link_model = EventPageOrganization if model is EventPage else CampaignPageOrganization
        page.organization_links = [
            link_model(organization=org, role=role, sort_order=order)
            for order, (org, role) in enumerate(organizations)
        ]
    if statements is not None:
        page.statements = [CampaignStatement(video=video, sort_order=n) for n, video in enumerate(statements)]
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def _next_monday(today):
    return today + datetime.timedelta(days=7 - today.weekday())


def _campaign_programme(campaign, start, languages, orgs):
    city, region, pugis = (
        orgs["landeshauptstadt-saarbruecken"],
        orgs["regionalverband-saarbruecken"],
        orgs["pugis-ev"],
    )
    stand = {
        "kind": EventPage.Kind.INFO_STAND,
        "teaser": "Fragen rund ums Impfen? Ärztinnen, Ärzte und Dolmetschende beantworten sie am Infostand – "
        "ohne Anmeldung, kostenlos.",
        "city": "Saarbrücken",
        "postal_code": "66111",
        "target_group": "Alle, die Fragen zur Impfung haben",
        "step_free": True,
    }
    online = {
        "kind": EventPage.Kind.ONLINE,
        "teaser": "Eine Ärztin erklärt die Impfung und beantwortet Fragen im Videoraum. Kamera und Name "
        "sind freiwillig.",
        "venue_name": "",
        "street": "",
        "postal_code": "",
        "city": "",
        "target_group": "Alle, die Fragen zur Impfung haben",
    }
    rathaus = {
        "venue_name": "Rathausplatz",
        "street": "Rathausplatz 1",
        "latitude": Decimal("49.234362"),
        "longitude": Decimal("6.996379"),
    }
    markt = {
        "venue_name": "St. Johanner Markt",
        "street": "St. Johanner Markt",
        "latitude": Decimal("49.232700"),
        "longitude": Decimal("6.997700"),
    }
    burbach = {
        "venue_name": "Burbacher Markt",
        "street": "Bergstraße",
        "postal_code": "66115",
        "latitude": Decimal("49.241200"),
        "longitude": Decimal("6.946900"),
    }
    time = datetime.time
    programme = [
        (
            "infostand-arabisch-kurdisch",
            "Infostand auf Arabisch und Kurdisch",
            0,
            time(10),
            time(14),
            {**stand, **rathaus},
            ["ar", "ku", "de"],
        ),
        (
            "online-tuerkisch",
            "Online-Infoabend auf Türkisch",
            0,
            time(18),
            time(19, 30),
            {**online, "online_url": MEETING_URL.format(code="tr")},
            ["tr"],
        ),
        (
            "infostand-russisch-ukrainisch",
            "Infostand auf Russisch und Ukrainisch",
            1,
            time(11),
            time(15),
            {**stand, **markt},
            ["ru", "uk", "de"],
        ),
        (
            "online-rumaenisch",
            "Online-Infoabend auf Rumänisch",
            1,
            time(18),
            time(19, 30),
            {**online, "online_url": MEETING_URL.format(code="ro")},
            ["ro"],
        ),
        (
            "infostand-farsi-dari",
            "Infostand auf Farsi und Dari",
            2,
            time(10),
            time(14),
            {**stand, **rathaus},
            ["fa", "prs", "de"],
        ),
        (
            "online-franzoesisch-englisch",
            "Online-Fragestunde auf Französisch und Englisch",
            2,
            time(17),
            time(18),
            {**online, "online_url": MEETING_URL.format(code="fr-en")},
            ["fr", "en"],
        ),
        (
            "infostand-burbach",
            "Infostand in Burbach: Arabisch, Türkisch, Rumänisch",
            3,
            time(9),
            time(13),
            {**stand, **burbach},
            ["ar", "tr", "ro", "de"],
        ),
        (
            "online-ukrainisch",
            "Online-Infoabend auf Ukrainisch",
            3,
            time(18),
            time(19, 30),
            {**online, "online_url": MEETING_URL.format(code="uk")},
            ["uk"],
        ),
        (
            "abschluss-infostand",
            "Abschluss-Infostand mit Dolmetschenden in acht Sprachen",
            4,
            time(10),
            time(16),
            {
                **stand,
                **rathaus,
                "online_url": MEETING_URL.format(code="live"),
                "teaser": "Zum Abschluss der Woche: Fragen in acht Sprachen, vor Ort und im Livestream.",
            },
            ["ar", "tr", "ru", "uk", "ro", "fa", "fr", "en", "de"],
        ),
    ]
    events = []
    for slug, title, offset, begins, ends, fields, codes in programme:
        events.append(
            _publish(
                campaign,
                EventPage,
                slug,
                {
                    "title": title,
                    "start_date": start + datetime.timedelta(days=offset),
                    "start_time": begins,
                    "end_time": ends,
                    **fields,
                },
                languages=[languages[code] for code in codes if code in languages],
                organizations=[(city, "organiser"), (region, "organiser"), (pugis, "partner")],
            )
        )
    return events


def _own_events(index, today, languages, orgs):
    city = orgs["landeshauptstadt-saarbruecken"]
    pugis = orgs["pugis-ev"]
    rathaus = {
        "venue_name": "Rathaus St. Johann, Festsaal",
        "street": "Rathausplatz 1",
        "postal_code": "66111",
        "city": "Saarbrücken",
        "latitude": Decimal("49.234362"),
        "longitude": Decimal("6.996379"),
    }
    time = datetime.time
    own = [
        (
            "workshop-foerdermittel",
            {
                "title": "Workshop: Fördermittel für Vereine beantragen",
                "kind": EventPage.Kind.WORKSHOP,
                "teaser": "Wie beantrage ich Geld für ein Projekt? Schritt für Schritt, mit Beispielen aus "
                "Migrantenorganisationen – und dem kleinen Zuschuss des ZIB.",
                "start_date": today + datetime.timedelta(days=16),
                "start_time": time(17),
                "end_time": time(20),
                **rathaus,
                "target_group": "Vereine, Migrantenorganisationen und Initiativen",
                "step_free": True,
                "childcare": True,
                "accessibility_notes": "Bitte sagen Sie uns bei der Anmeldung, was Sie brauchen.",
                "registration_enabled": True,
                "capacity": 12,
                "waiting_list_enabled": True,
                "registration_deadline": datetime.datetime.combine(
                    today + datetime.timedelta(days=14), time(12), timezone.get_default_timezone()
                ),
                "registration_note": "Die Plätze sind begrenzt. Wird ein Platz frei, rückt die nächste "
                "Person von der Warteliste automatisch nach.",
            },
            ["de", "en", "ar"],
            [(city, "organiser")],
        ),
        (
            "fortbildung-interkulturelle-kompetenz",
            {
                "title": "Fortbildung: Interkulturelle Öffnung der Verwaltung",
                "kind": EventPage.Kind.TRAINING,
                "teaser": "Für Beschäftigte der Stadtverwaltung: Vielfalt im Alltag der Ämter, "
                "einfache Sprache, Arbeit mit Dolmetschenden.",
                "start_date": today + datetime.timedelta(days=24),
                "end_date": today + datetime.timedelta(days=25),
                "start_time": time(9),
                "end_time": time(16),
                **rathaus,
                "target_group": "Beschäftigte der Landeshauptstadt Saarbrücken",
                "step_free": True,
                "hearing_loop": True,
                "registration_enabled": True,
                "capacity": 20,
                "waiting_list_enabled": True,
            },
            ["de"],
            [(city, "organiser")],
        ),
        (
            "fachtag-internationales-saarbruecken",
            {
                "title": "Fachtag „Internationales Saarbrücken“",
                "kind": EventPage.Kind.SPECIALIST,
                "teaser": "Wie geht es weiter mit dem Integrationskonzept? Vorträge und Gespräche – vor Ort "
                "und im Livestream, mit Gebärdensprachdolmetschung.",
                "start_date": today + datetime.timedelta(days=31),
                "start_time": time(10),
                "end_time": time(15, 30),
                **rathaus,
                "online_url": "https://stream.example.org/fachtag",
                "target_group": "Fachleute, Vereine, Politik und alle Interessierten",
                "step_free": True,
                "sign_language": True,
            },
            ["de", "gsg"],
            [(city, "organiser"), (pugis, "partner")],
        ),
        (
            "maerchenabend",
            {
                "title": "Märchenabend: Geschichten aus Rumänien und dem Saarland",
                "kind": EventPage.Kind.CULTURAL,
                "teaser": "Die Sozialarbeiterin und Märchenerzählerin Rodica Petcu erzählt – auf "
                "Rumänisch und Deutsch. Für Groß und Klein.",
                "start_date": today + datetime.timedelta(days=20),
                "start_time": time(18),
                "end_time": time(19, 30),
                "venue_name": "Stadtbibliothek Saarbrücken",
                "street": "Gustav-Regler-Platz 1",
                "postal_code": "66111",
                "city": "Saarbrücken",
                "latitude": Decimal("49.235000"),
                "longitude": Decimal("6.993900"),
                "price": Decimal("0"),
                "price_note": "Eintritt frei, Spenden willkommen",
                "step_free": True,
            },
            ["ro", "de"],
            [(city, "organiser")],
        ),
        (
            "sommerfest",
            {
                "title": "Interkulturelles Sommerfest",
                "kind": EventPage.Kind.CULTURAL,
                "teaser": "Musik, Essen und Spiele aus aller Welt im Park.",
                "start_date": today + datetime.timedelta(days=12),
                "start_time": None,
                "end_time": None,
                "venue_name": "Bürgerpark Saarbrücken",
                "street": "Hafenstraße",
                "postal_code": "66111",
                "city": "Saarbrücken",
                "status": EventPage.Status.CANCELLED,
                "status_note": "Das Fest fällt wegen einer Unwetterwarnung aus. Ein neuer Termin folgt.",
            },
            ["de", "ar", "tr", "uk"],
            [(city, "organiser"), (pugis, "partner")],
        ),
        (
            "netzwerktreffen",
            {
                "title": "Netzwerktreffen der Migrantenorganisationen",
                "kind": EventPage.Kind.SPECIALIST,
                "teaser": "Austausch der Vereine und Initiativen mit dem ZIB.",
                "start_date": today - datetime.timedelta(days=21),
                "start_time": time(18),
                "end_time": time(20),
                **rathaus,
            },
            ["de"],
            [(city, "organiser")],
        ),
    ]
    return [
        _publish(
            index,
            EventPage,
            slug,
            fields,
            languages=[languages[code] for code in codes if code in languages],
            organizations=organizations,
        )
        for slug, fields, codes, organizations in own
    ]


def load(ctx):
    locale = _locale()
    languages = _languages()
    orgs = _organizations(locale)
    home = ctx.pages["home"]
    today = timezone.localdate()

    index = _publish(
        home,
        EventIndexPage,
        "veranstaltungen",
        {
            "title": "Veranstaltungen",
            "intro": "Infostände, Online-Veranstaltungen, Workshops, Fortbildungen und Kultur – in vielen "
            "Sprachen. Wählen Sie Ihre Sprache, und tragen Sie Termine in Ihren Kalender ein.",
            "search_description": "Veranstaltungen des Zuwanderungs- und Integrationsbüros Saarbrücken in "
            "vielen Sprachen, mit Kalender zum Abonnieren.",
        },
    )
    ctx.pages["events"] = index

    trailer, statements = _statements(ctx, locale, languages)
    start = _next_monday(today)
    collage = [ctx.images[key] for key in ("collage-1", "collage-2", "collage-3") if key in ctx.images]
    body = [("paragraph", RichText(f"<p>{SEED_PARAGRAPHS[0]}</p>"))]
    if collage:
        body.append(("gallery", {"images": collage}))
    body += [("paragraph", RichText(f"<p>{text}</p>")) for text in SEED_PARAGRAPHS[1:]]
    campaign = _publish(
        index,
        CampaignPage,
        "aktionswoche-impfung",
        {
            "title": CAMPAIGN_TITLE,
            "teaser": "Eine mehrsprachige Aktionswoche zum Impfen: Infostände und Online-Veranstaltungen in "
            "vielen Sprachen, Videostatements und ein Trailer.",
            "start_date": start,
            "end_date": start + datetime.timedelta(days=6),
            "image": collage[0] if collage else statements[0].poster,
            "body": body,
            "trailer": trailer,
        },
        organizations=[
            (orgs["landeshauptstadt-saarbruecken"], "organiser"),
            (orgs["regionalverband-saarbruecken"], "organiser"),
            (orgs["pugis-ev"], "partner"),
        ],
        statements=statements,
    )
    ctx.pages["campaign"] = campaign
    ctx.extra["campaign_events"] = _campaign_programme(campaign, start, languages, orgs)
    ctx.extra["own_events"] = _own_events(index, today, languages, orgs)
    ctx.extra["videos"] = {"trailer": trailer, "statements": statements}
