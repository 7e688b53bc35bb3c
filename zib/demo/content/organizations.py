"""The network directory: the seed's three organisers and generic network partners.

The three organisations of the seed's campaign week keep their real names;
every other entry is a fictitious example with example.org addresses.
"""

import datetime
import io
from decimal import Decimal

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.models import Locale

from zib.images.models import CustomImage
from zib.organizations.models import (
    ContactPerson,
    District,
    NetworkDirectoryPage,
    Organization,
    OrganizationProposal,
    OrganizationSocialChannel,
    Topic,
)

from .pages import upsert_page

TOPICS = [
    ("sprachkurse", "Sprachkurse"),
    ("arbeit", "Arbeit und Beruf"),
    ("bildung", "Bildung"),
    ("gesundheit", "Gesundheit"),
    ("beratung", "Beratung"),
    ("kultur", "Kultur"),
    ("sport", "Sport"),
    ("frauen", "Frauen"),
    ("jugend", "Jugend"),
    ("gefluechtete", "Geflüchtete"),
]

DISTRICTS = [
    ("mitte", "Mitte"),
    ("st-johann", "St. Johann"),
    ("alt-saarbruecken", "Alt-Saarbrücken"),
    ("malstatt", "Malstatt"),
    ("burbach", "Burbach"),
    ("st-arnual", "St. Arnual"),
    ("folsterhoehe", "Folsterhöhe"),
    ("dudweiler", "Dudweiler"),
    ("brebach-fechingen", "Brebach-Fechingen"),
]

# slug, name, kind, district, topics, languages, street, lat, lon, description, extra
ENTRIES = [
    (
        "landeshauptstadt-saarbruecken",
        "Landeshauptstadt Saarbrücken",
        Organization.Kind.CITY_OFFICE,
        "st-johann",
        ["beratung", "arbeit", "bildung"],
        "de, en, fr",
        "Rathausplatz 1",
        "49.234362",
        "6.996379",
        "Die Stadtverwaltung der Landeshauptstadt Saarbrücken. Zu ihr gehört das Zuwanderungs- und "
        "Integrationsbüro (ZIB) als Stabsstelle im Dezernat für Finanzen und Nachhaltigkeit.",
        {"website": "https://www.saarbruecken.de/", "phone": "+49 681 905-0", "postal_code": "66111"},
    ),
    (
        "regionalverband-saarbruecken",
        "Regionalverband Saarbrücken",
        Organization.Kind.REGIONAL_BODY,
        "st-johann",
        ["beratung", "gesundheit", "gefluechtete"],
        "de, en, fr",
        "Schloßplatz 1–2",
        "49.228903",
        "6.990960",
        "Der Regionalverband Saarbrücken ist der Gemeindeverband der Landeshauptstadt und der umliegenden "
        "Städte und Gemeinden; er ist unter anderem für Gesundheit, Jugend und Soziales zuständig.",
        {"website": "https://www.regionalverband-saarbruecken.de/", "postal_code": "66119"},
    ),
    (
        "pugis-ev",
        "PuGiS e.V.",
        Organization.Kind.ASSOCIATION,
        "mitte",
        ["gesundheit", "beratung", "kultur"],
        "de, ar, fa, tr, ru, uk, ro, fr, en",
        "Musterstraße 12",
        "49.236100",
        "6.995200",
        "Der Verein PuGiS e.V. ist Kooperationspartner der mehrsprachigen Aktionswoche "
        "„Eine kleine Impfung – eine große Umarmung“ der Landeshauptstadt und des "
        "Regionalverbands Saarbrücken.",
        {"email": "kontakt@pugis.example.org", "postal_code": "66111"},
    ),
    (
        "sprachcafe-malstatt",
        "Sprachcafé Malstatt (Beispiel)",
        Organization.Kind.COMMUNITY_PROJECT,
        "malstatt",
        ["sprachkurse", "kultur"],
        "de, ar, ti, uk",
        "Beispielweg 3",
        "49.245800",
        "6.978900",
        "Jeden Dienstag Deutsch üben bei Kaffee und Tee – ohne Anmeldung, für alle Niveaus.",
        {"email": "sprachcafe@example.org", "consultation_hours": "Di 15–17 Uhr"},
    ),
    (
        "gemeinwesenprojekt-burbach",
        "Gemeinwesenprojekt Burbach (Beispiel)",
        Organization.Kind.COMMUNITY_PROJECT,
        "burbach",
        ["beratung", "jugend", "frauen"],
        "de, tr, ro, bg",
        "Beispielplatz 7",
        "49.241900",
        "6.953400",
        "Stadtteilbüro mit Sozialberatung, Hausaufgabenhilfe und einem Frauentreff.",
        {"email": "stadtteilbuero-burbach@example.org", "consultation_hours": "Mo–Do 9–12 Uhr\nDo 14–17 Uhr"},
    ),
    (
        "gemeinwesenarbeit-folsterhoehe",
        "Gemeinwesenarbeit Folsterhöhe (Beispiel)",
        Organization.Kind.COMMUNITY_PROJECT,
        "folsterhoehe",
        ["beratung", "jugend", "sport"],
        "de, ru, ar",
        "Beispielring 20",
        "49.211200",
        "6.976800",
        "Treffpunkt im Stadtteil mit offener Beratung, Sportangeboten und Nachbarschaftsfesten.",
        {"email": "gwa-folsterhoehe@example.org"},
    ),
    (
        "arabischer-kulturverein",
        "Arabischer Kultur- und Bildungsverein (Beispiel)",
        Organization.Kind.MIGRANT_ORGANISATION,
        "st-johann",
        ["kultur", "bildung", "jugend"],
        "ar, de, fr",
        "Beispielstraße 44",
        "49.233700",
        "7.002100",
        "Arabischunterricht für Kinder, Kulturabende und Begleitung bei Behördengängen.",
        {"email": "info@arabischer-kulturverein.example.org"},
    ),
    (
        "ukrainische-gemeinde",
        "Ukrainische Gemeinde Saar (Beispiel)",
        Organization.Kind.MIGRANT_ORGANISATION,
        "alt-saarbruecken",
        ["gefluechtete", "beratung", "kultur"],
        "uk, ru, de",
        "Beispielgasse 5",
        "49.229100",
        "6.984300",
        "Ehrenamtliche Beratung und Treffpunkt für Menschen aus der Ukraine.",
        {"email": "kontakt@ukrainische-gemeinde.example.org", "consultation_hours": "Sa 10–13 Uhr"},
    ),
    (
        "tuerkischer-elternverein",
        "Türkisch-deutscher Elternverein (Beispiel)",
        Organization.Kind.MIGRANT_ORGANISATION,
        "malstatt",
        ["bildung", "jugend"],
        "tr, de",
        "Beispielallee 9",
        "49.247300",
        "6.982000",
        "Elternabende, Schulbegleitung und Nachhilfe in Deutsch und Türkisch.",
        {"email": "elternverein@example.org"},
    ),
    (
        "afrikanisches-forum",
        "Afrikanisches Forum Saarbrücken (Beispiel)",
        Organization.Kind.MIGRANT_ORGANISATION,
        "st-johann",
        ["kultur", "beratung"],
        "fr, en, de, so",
        "Beispielstraße 101",
        "49.235900",
        "6.999800",
        "Netzwerk afrikanischer Vereine: Kulturveranstaltungen, Mentoring und Beratung.",
        {"email": "forum@example.org"},
    ),
    (
        "frauentreff-international",
        "Frauentreff International (Beispiel)",
        Organization.Kind.ASSOCIATION,
        "st-arnual",
        ["frauen", "sprachkurse", "gesundheit"],
        "de, fa, prs, ar, ku",
        "Beispielweg 17",
        "49.222600",
        "7.006300",
        "Sprachkurse mit Kinderbetreuung, Gesundheitsabende und ein offenes Frauenfrühstück.",
        {"email": "frauentreff@example.org", "consultation_hours": "Mi 9–12 Uhr"},
    ),
    (
        "jugendmigrationsdienst",
        "Jugendmigrationsdienst (Beispiel)",
        Organization.Kind.OTHER,
        "st-johann",
        ["jugend", "bildung", "arbeit"],
        "de, en, ar, fa",
        "Beispielplatz 2",
        "49.236700",
        "6.993700",
        "Beratung für junge Menschen zwischen 12 und 27 Jahren zu Schule, Ausbildung und Beruf.",
        {"email": "jmd@example.org", "phone": "+49 681 0000001"},
    ),
    (
        "migrationsberatung-erwachsene",
        "Migrationsberatung für Erwachsene (Beispiel)",
        Organization.Kind.OTHER,
        "mitte",
        ["beratung", "arbeit", "sprachkurse"],
        "de, ru, tr, ar",
        "Beispielstraße 8",
        "49.232800",
        "6.997400",
        "Beratung zu Aufenthalt, Integrationskursen, Arbeit und Familie.",
        {"email": "mbe@example.org", "consultation_hours": "Mo, Mi 9–12 Uhr und nach Vereinbarung"},
    ),
    (
        "fluechtlingshilfe-ehrenamt",
        "Ehrenamtliche Flüchtlingshilfe (Beispiel)",
        Organization.Kind.ASSOCIATION,
        "dudweiler",
        ["gefluechtete", "sprachkurse", "beratung"],
        "de, ar, ti, ps, en",
        "Beispielstraße 30",
        "49.275500",
        "7.036900",
        "Patenschaften, Begleitung zu Ämtern und Ärztinnen, Deutsch für Anfängerinnen und Anfänger.",
        {"email": "fluechtlingshilfe@example.org"},
    ),
    (
        "interkultureller-sportverein",
        "Interkultureller Sportverein (Beispiel)",
        Organization.Kind.ASSOCIATION,
        "brebach-fechingen",
        ["sport", "jugend"],
        "de, tr, ar, ro",
        "Am Beispielplatz 1",
        "49.208700",
        "7.029900",
        "Fußball, Tischtennis und Schwimmen für alle Altersgruppen – Schnuppertraining jederzeit.",
        {"email": "sportverein@example.org"},
    ),
    (
        "gesundheitslotsen",
        "Mehrsprachige Gesundheitslotsen (Beispiel)",
        Organization.Kind.COMMUNITY_PROJECT,
        "malstatt",
        ["gesundheit", "beratung"],
        "de, ar, fa, tr, ru, uk, ro",
        "Beispielstraße 61",
        "49.244100",
        "6.975300",
        "Geschulte Lotsinnen und Lotsen erklären das Gesundheitssystem in vielen Sprachen.",
        {"email": "gesundheitslotsen@example.org"},
    ),
    (
        "rumaenischer-kulturverein",
        "Rumänischer Kulturverein (Beispiel)",
        Organization.Kind.MIGRANT_ORGANISATION,
        "burbach",
        ["kultur", "beratung"],
        "ro, de",
        "Beispielweg 12",
        "49.240300",
        "6.957000",
        "Folklore, Feste und Beratung in rumänischer Sprache.",
        {"email": "kulturverein-ro@example.org"},
    ),
    (
        "bewerbungswerkstatt",
        "Bewerbungswerkstatt International (Beispiel)",
        Organization.Kind.COMMUNITY_PROJECT,
        "st-johann",
        ["arbeit", "bildung"],
        "de, en, fr, ar",
        "Beispielstraße 77",
        "49.237800",
        "6.998500",
        "Hilfe bei Lebenslauf, Anerkennung ausländischer Abschlüsse und Bewerbungen.",
        {"email": "bewerbung@example.org", "consultation_hours": "Do 10–16 Uhr"},
    ),
    (
        "persischer-kulturkreis",
        "Persischer Kulturkreis (Beispiel)",
        Organization.Kind.MIGRANT_ORGANISATION,
        "alt-saarbruecken",
        ["kultur", "frauen"],
        "fa, prs, de",
        "Beispielufer 4",
        "49.230600",
        "6.980700",
        "Nouruz-Fest, Lesungen und ein Gesprächskreis für Frauen.",
        {"email": "kulturkreis-fa@example.org"},
    ),
    (
        "hausaufgabenhilfe-st-arnual",
        "Hausaufgabenhilfe St. Arnual (Beispiel)",
        Organization.Kind.COMMUNITY_PROJECT,
        "st-arnual",
        ["jugend", "bildung"],
        "de, tr, ar",
        "Beispielstraße 3",
        "49.220900",
        "7.009200",
        "Ehrenamtliche helfen Schulkindern montags bis donnerstags bei den Hausaufgaben.",
        {"email": "hausaufgaben@example.org"},
    ),
]

STALE_SLUG = "rumaenischer-kulturverein"
LOGO_COLOURS = {
    "landeshauptstadt-saarbruecken": ((0, 81, 110), "LHS"),
    "regionalverband-saarbruecken": ((30, 107, 48), "RV"),
    "pugis-ev": ((168, 50, 15), "PuGiS"),
}


def _logo(slug, name):
    """A simple generated logo (no download), with alt text and credit."""
    title = f"Logo {name}"
    image = CustomImage.objects.filter(title=title).first()
    if image:
        return image
    colour, label = LOGO_COLOURS[slug]
    canvas = Image.new("RGB", (320, 160), colour)
    try:
        ImageDraw.Draw(canvas).text((24, 52), label, fill=(255, 255, 255), font_size=48)
    except (OSError, TypeError, ValueError):  # Pillow without FreeType: small default font
        ImageDraw.Draw(canvas).text((24, 70), label, fill=(255, 255, 255))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return CustomImage.objects.create(
        title=title,
        file=ImageFile(buffer, name=f"logo-{slug}.png"),
        description=f"Schriftzug „{label}“ auf farbigem Grund",
        credit=name,
    )


def load(ctx):
    locale = Locale.objects.get_or_create(language_code="de")[0]
    topics = {}
    for order, (slug, name) in enumerate(TOPICS):
        topics[slug], _ = Topic.objects.update_or_create(
            slug=slug, locale=locale, defaults={"name": name, "sort_order": order}
        )
    districts = {}
    for slug, name in DISTRICTS:
        districts[slug], _ = District.objects.update_or_create(slug=slug, defaults={"name": name})

    today = timezone.localdate()
    organizations = {}
    for index, (
        slug,
        name,
        kind,
        district,
        topic_slugs,
        languages,
        street,
        lat,
        lon,
        description,
        extra,
    ) in enumerate(ENTRIES):
        confirmed = today - datetime.timedelta(days=30 + 9 * index)
        if slug == STALE_SLUG:
            confirmed = today - datetime.timedelta(days=800)
        defaults = {
            "name": name,
            "kind": kind,
            "description": description,
            "languages": languages,
            "street": street,
            "postal_code": extra.get("postal_code", "66111"),
            "city": "Saarbrücken",
            "latitude": Decimal(lat),
            "longitude": Decimal(lon),
            "district": districts[district],
            "website": extra.get("website", ""),
            "email": extra.get("email", ""),
            "phone": extra.get("phone", ""),
            "consultation_hours": extra.get("consultation_hours", ""),
            "accessibility": Organization.Accessibility.STEP_FREE
            if index % 3
            else Organization.Accessibility.PARTIAL,
            "accessibility_notes": "Eingang über die Rampe im Hof."
            if index % 3
            else "Aufzug vorhanden, WC im Erdgeschoss nicht barrierefrei.",
            "show_in_directory": True,
            "last_confirmed_at": confirmed,
        }
        if slug in LOGO_COLOURS:
            defaults["logo"] = _logo(slug, name)
        organization, _ = Organization.objects.update_or_create(slug=slug, locale=locale, defaults=defaults)
        organization.topics.set([topics[t] for t in topic_slugs])
        organization.save()
        if extra.get("email", "").endswith("example.org"):
            ContactPerson.objects.update_or_create(
                organization=organization,
                name="Beispiel-Ansprechperson",
                defaults={
                    "role": "Koordination (Demo)",
                    "email": extra["email"],
                    "languages": languages.split(",")[0],
                    "consent_to_publish": True,
                },
            )
            OrganizationSocialChannel.objects.update_or_create(
                organization=organization,
                name="Instagram",
                defaults={"url": f"https://www.instagram.com/{slug}.example/"},
            )
        organizations[slug] = organization
    ctx.extra["organizations"] = organizations

    # One proposal waiting for staff review.
    OrganizationProposal.objects.update_or_create(
        submitter_email="vorstand@nachbarschaftsgarten.example.org",
        defaults={
            "status": OrganizationProposal.Status.SUBMITTED,
            "submitter_name": "Beispiel Vorstand",
            "email_confirmed_at": timezone.now(),
            "data": {
                "name": "Interkultureller Nachbarschaftsgarten (Beispiel)",
                "kind": Organization.Kind.ASSOCIATION,
                "description": "Gemeinsam gärtnern, kochen und Deutsch sprechen.",
                "topics": ["kultur", "sprachkurse"],
                "languages": "de, ar, uk",
                "district": "malstatt",
                "street": "Beispielweg 99",
                "postal_code": "66115",
                "city": "Saarbrücken",
                "phone": "",
                "email": "garten@example.org",
                "website": "",
                "consultation_hours": "Sa 10–14 Uhr (April bis Oktober)",
                "accessibility": "partial",
                "accessibility_notes": "",
                "social_links": [],
                "contact_name": "",
                "contact_role": "",
                "contact_email": "",
                "contact_phone": "",
                "contact_consent": False,
            },
        },
    )

    home = ctx.pages.get("home")
    if home is None:
        return
    page = upsert_page(
        home,
        NetworkDirectoryPage,
        "netzwerk",
        title="Netzwerk",
        intro=(
            "Das ZIB arbeitet mit einem großen Netzwerk aus haupt- und ehrenamtlichen Akteur*innen "
            "zusammen: anderen Ämtern, Projekten der Gemeinwesenarbeit, Vereinen und "
            "Migrantenorganisationen. Hier finden Sie die passende Stelle – in Ihrer Sprache."
        ),
        search_description=(
            "Organisationen, Vereine und Beratungsstellen rund um Migration und Integration in Saarbrücken."
        ),
    )
    ctx.pages["network"] = page
