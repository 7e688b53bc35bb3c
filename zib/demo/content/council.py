"""The Integrationsbeirat: a term, members (demo data), working groups, meetings, a paper.

Every person here is invented for the demo and marked as "Beispieldaten".
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale

from zib.council.models import (
    AgendaItem,
    Committee,
    Consultation,
    CouncilFile,
    CouncilPage,
    CouncilSettings,
    LegislativeTerm,
    Location,
    Meeting,
    Member,
    Membership,
    OParlTombstone,
    Paper,
)
from zib.people.models import Person

from .pages import upsert_page

# slug, name, role, list, consent to publish, short bio
MEMBERS = [
    (
        "amira-beispiel",
        "Amira Beispiel",
        Membership.Role.CHAIR,
        "liste-vielfalt",
        True,
        "Sozialarbeiterin, seit 2014 in Saarbrücken.",
    ),
    (
        "jonas-muster",
        "Jonas Muster",
        Membership.Role.DEPUTY,
        "liste-gemeinsam",
        True,
        "Lehrer an einer Gemeinschaftsschule.",
    ),
    (
        "olena-beispielowa",
        "Olena Beispielowa",
        Membership.Role.ELECTED,
        "liste-vielfalt",
        True,
        "Übersetzerin für Ukrainisch und Deutsch.",
    ),
    (
        "mehmet-musterer",
        "Mehmet Musterer",
        Membership.Role.ELECTED,
        "liste-gemeinsam",
        True,
        "Engagiert im Elternverein.",
    ),
    (
        "fatou-exemple",
        "Fatou Exemple",
        Membership.Role.ELECTED,
        "liste-vielfalt",
        True,
        "Studentin der Border Studies.",
    ),
    (
        "sandra-beispielrat",
        "Sandra Beispielrat",
        Membership.Role.ADVISORY,
        None,
        True,
        "Vertreterin des Stadtrats.",
    ),
    (
        "nicht-veroeffentlicht",
        "Nicht veröffentlichtes Mitglied",
        Membership.Role.ELECTED,
        "liste-gemeinsam",
        False,
        "",
    ),
]


def _document(title, lines):
    """A small PDF made on the spot (no download), stored as a Wagtail document."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document:
        return document
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(title)
    y = 800
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(56, y, title)
    pdf.setFont("Helvetica", 11)
    for line in ["Beispieldokument (Demo)", *lines]:
        y -= 22
        pdf.drawString(56, y, line)
    pdf.showPage()
    pdf.save()
    document = Document(title=title)
    slug = title.lower().replace(" ", "-").replace(".", "")
    document.file.save(f"{slug}.pdf", ContentFile(buffer.getvalue()), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _file(name, title, lines, date):
    document = _document(title, lines)
    council_file, _ = CouncilFile.objects.update_or_create(
        document=document, defaults={"name": name, "date": date, "text": "\n".join(lines)}
    )
    return council_file


def _meeting(locale, name, **fields):
    meeting = Meeting.objects.filter(locale=locale, name=name).first() or Meeting(locale=locale, name=name)
    agenda = fields.pop("agenda")
    auxiliary = fields.pop("auxiliary", [])
    for key, value in fields.items():
        setattr(meeting, key, value)
    meeting.save()
    meeting.auxiliary_files.set(auxiliary)
    meeting.save()
    items = {}
    for order, (number, title, public, result, resolution) in enumerate(agenda):
        item = AgendaItem.objects.filter(meeting=meeting, number=number).first() or AgendaItem(
            meeting=meeting, number=number, locale=locale
        )
        item.name = title
        item.public = public
        item.result = result
        item.resolution_text = resolution
        item.sort_order = order
        item.save()
        items[number] = item
    return meeting, items


def load(ctx):
    locale = Locale.objects.get_or_create(language_code="de")[0]
    settings_obj = CouncilSettings.load()
    settings_obj.office_email = "zib@saarbruecken.de"
    settings_obj.office_phone = "+49 681 905-0"
    settings_obj.office_address = "Zuwanderungs- und Integrationsbüro\nRathausplatz 1\n66111 Saarbrücken"
    settings_obj.office_hours = "Mo–Do 9–12 Uhr und nach Vereinbarung"
    settings_obj.save()

    term, _ = LegislativeTerm.objects.update_or_create(
        name="Wahlperiode 2024–2029",
        defaults={"start_date": datetime.date(2024, 9, 1), "end_date": datetime.date(2029, 8, 31)},
    )
    LegislativeTerm.objects.update_or_create(
        name="Wahlperiode 2019–2024",
        defaults={"start_date": datetime.date(2019, 9, 1), "end_date": datetime.date(2024, 8, 31)},
    )
    council, _ = Committee.objects.update_or_create(
        name="Integrationsbeirat",
        defaults={
            "kind": Committee.Kind.COUNCIL,
            "short_name": "IB",
            "description": "Der Integrationsbeirat berät den Stadtrat in allen Fragen der Integration.",
            "start_date": datetime.date(2003, 1, 1),
        },
    )
    groups = {}
    for name, description in [
        ("AG Bildung und Sprache", "Sprachförderung, Schule und Anerkennung von Abschlüssen."),
        ("AG Antidiskriminierung", "Beratung und Öffentlichkeitsarbeit gegen Diskriminierung."),
    ]:
        groups[name], _ = Committee.objects.update_or_create(
            name=name,
            defaults={"kind": Committee.Kind.WORKING_GROUP, "parent": council, "description": description},
        )
    lists = {}
    for slug, name in [
        ("liste-vielfalt", "Liste Vielfalt (Beispiel)"),
        ("liste-gemeinsam", "Liste Gemeinsam (Beispiel)"),
    ]:
        lists[slug], _ = Committee.objects.update_or_create(name=name, defaults={"kind": Committee.Kind.LIST})

    members = {}
    for slug, name, role, list_slug, consent, bio in MEMBERS:
        person, _ = Person.objects.update_or_create(
            slug=slug,
            locale=locale,
            defaults={
                "name": name,
                "role": "Mitglied des Integrationsbeirats (Beispieldaten)",
                "short_bio": bio,
            },
        )
        member, _ = Member.objects.update_or_create(
            person=person,
            defaults={
                "publish_name": consent,
                "publish_bio": consent,
                "publish_photo": consent,
                "publish_contact": False,
                "is_demo": True,
            },
        )
        Membership.objects.update_or_create(
            member=member,
            committee=council,
            legislative_term=term,
            defaults={"role": role, "on_behalf_of": lists.get(list_slug), "start_date": term.start_date},
        )
        members[slug] = member
        ctx.people.setdefault(slug, person)
    for slug, group in [
        ("olena-beispielowa", "AG Bildung und Sprache"),
        ("fatou-exemple", "AG Bildung und Sprache"),
        ("mehmet-musterer", "AG Antidiskriminierung"),
    ]:
        Membership.objects.update_or_create(
            member=members[slug],
            committee=groups[group],
            legislative_term=term,
            defaults={"role": Membership.Role.ELECTED, "start_date": term.start_date},
        )

    location, _ = Location.objects.update_or_create(
        description="Rathaus St. Johann",
        defaults={
            "room": "Festsaal",
            "street_address": "Rathausplatz 1",
            "postal_code": "66111",
            "locality": "Saarbrücken",
            "latitude": "49.234362",
            "longitude": "6.996379",
            "accessibility_notes": "Stufenloser Zugang über den Seiteneingang, Aufzug vorhanden.",
        },
    )

    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    first_day = today - datetime.timedelta(days=120)
    second_day = today - datetime.timedelta(days=30)
    next_day = today + datetime.timedelta(days=40)

    def at(day, hour):
        return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=tz)

    paper_file = _file(
        "Antrag Mehrsprachige Informationen zur Einbürgerung",
        "Antrag IB-2025-001",
        [
            "Der Integrationsbeirat bittet die Verwaltung, Informationen zur Einbürgerung",
            "in den häufigsten Erstsprachen zu veröffentlichen.",
        ],
        second_day - datetime.timedelta(days=14),
    )

    first, _first_items = _meeting(
        locale,
        "1. Sitzung des Integrationsbeirats",
        committee=council,
        start=at(first_day, 17),
        end=at(first_day, 19),
        location=location,
        state=Meeting.State.HELD,
        summary="Konstituierende Sitzung der Wahlperiode 2024–2029.",
        invitation=_file(
            "Einladung",
            "Einladung 1. Sitzung",
            ["Tagesordnung siehe Website."],
            first_day - datetime.timedelta(days=14),
        ),
        results_protocol=_file(
            "Protokoll",
            "Protokoll 1. Sitzung",
            ["Ergebnisprotokoll der konstituierenden Sitzung."],
            first_day + datetime.timedelta(days=10),
        ),
        published=True,
        agenda=[
            ("1", "Begrüßung und Feststellung der Beschlussfähigkeit", True, "Festgestellt", ""),
            (
                "2",
                "Wahl des Vorsitzes und der Stellvertretung",
                True,
                "Einstimmig gewählt",
                "Amira Beispiel wird Vorsitzende, Jonas Muster Stellvertreter.",
            ),
            (
                "3",
                "Bildung der Arbeitsgruppen",
                True,
                "Beschlossen",
                "Es werden die AG Bildung und Sprache und die AG Antidiskriminierung gebildet.",
            ),
            ("4", "Personalangelegenheit", False, "", ""),
        ],
    )
    second, second_items = _meeting(
        locale,
        "2. Sitzung des Integrationsbeirats",
        committee=council,
        start=at(second_day, 17),
        end=at(second_day, 19),
        location=location,
        state=Meeting.State.HELD,
        invitation=_file(
            "Einladung",
            "Einladung 2. Sitzung",
            ["Tagesordnung siehe Website."],
            second_day - datetime.timedelta(days=14),
        ),
        results_protocol=_file(
            "Protokoll",
            "Protokoll 2. Sitzung",
            ["Ergebnisprotokoll der 2. Sitzung."],
            second_day + datetime.timedelta(days=10),
        ),
        published=True,
        agenda=[
            ("1", "Genehmigung des Protokolls der 1. Sitzung", True, "Genehmigt", ""),
            (
                "2",
                "Bericht des ZIB: Aktionswoche „Eine kleine Impfung – eine große Umarmung“",
                True,
                "Zur Kenntnis genommen",
                "",
            ),
            (
                "3",
                "Antrag: Mehrsprachige Informationen zur Einbürgerung",
                True,
                "Einstimmig beschlossen",
                "Der Integrationsbeirat empfiehlt dem Stadtrat, Informationen zur Einbürgerung "
                "in mehreren Sprachen zu veröffentlichen.",
            ),
            ("4", "Verschiedenes", True, "", ""),
        ],
    )
    _meeting(
        locale,
        "3. Sitzung des Integrationsbeirats",
        committee=council,
        start=at(next_day, 17),
        end=at(next_day, 19),
        location=location,
        state=Meeting.State.INVITED,
        invitation=_file("Einladung", "Einladung 3. Sitzung", ["Tagesordnung siehe Website."], today),
        published=True,
        agenda=[
            ("1", "Genehmigung des Protokolls der 2. Sitzung", True, "", ""),
            ("2", "Bericht aus den Arbeitsgruppen", True, "", ""),
            ("3", "Planung der Interkulturellen Woche", True, "", ""),
        ],
    )

    paper, _ = Paper.objects.update_or_create(
        reference="IB/2025/001",
        defaults={
            "name": "Mehrsprachige Informationen zur Einbürgerung",
            "date": second_day - datetime.timedelta(days=14),
            "paper_type": Paper.Type.MOTION,
            "summary": (
                "Die AG Bildung und Sprache beantragt, Informationen zur Einbürgerung "
                "mehrsprachig anzubieten."
            ),
            "main_file": paper_file,
            "published": True,
        },
    )
    paper.originator_committees.set([groups["AG Bildung und Sprache"]])
    paper.save()
    Consultation.objects.update_or_create(
        paper=paper, agenda_item=second_items["3"], defaults={"role": "Entscheidung", "authoritative": True}
    )

    # One deleted object, so OParl clients see how a deletion looks.
    if not OParlTombstone.objects.filter(oparl_type="Meeting").exists():
        withdrawn = Meeting.objects.create(
            locale=locale,
            name="Sondersitzung (gelöscht)",
            committee=council,
            start=at(first_day + datetime.timedelta(days=7), 18),
            state=Meeting.State.CANCELLED,
            published=True,
        )
        withdrawn.delete()

    ctx.extra["council"] = {"term": term, "committee": council, "meetings": [first, second], "paper": paper}

    home = ctx.pages.get("home")
    if home is None:
        return
    page = upsert_page(
        home,
        CouncilPage,
        "integrationsbeirat",
        title="Integrationsbeirat",
        intro=(
            "Der Integrationsbeirat vertritt die Interessen der Saarbrückerinnen und Saarbrücker mit "
            "Migrationsgeschichte und berät den Stadtrat. Seine Geschäftsstelle ist an das "
            "Zuwanderungs- und Integrationsbüro (ZIB) angegliedert."
        ),
    )
    ctx.pages["council"] = page
