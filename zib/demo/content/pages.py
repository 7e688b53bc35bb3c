"""The office's own pages: about and task areas, team, legal pages, contact, documents.

Also the main navigation and footer links, the editors' groups and the
moderation workflow "Redaktionelle Freigabe". Pages are looked up by slug
below their parent and only republished when their content changed, so
loading twice changes nothing.
"""

import io

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.rich_text import RichText

from zib.images.models import ImageCreditsPage
from zib.pages.models import (
    AccessibilityGap,
    AccessibilityStatementPage,
    ContactPage,
    ContentPage,
    DocumentsPage,
    EasyLanguagePage,
    FooterLink,
    NavigationItem,
    OfficeSettings,
    SignLanguagePage,
)
from zib.people.models import TeamPage

CONCEPT_2020 = "Internationales Saarbrücken. Strategien für den Umgang mit Migration und Vielfalt"

# Sentences from the seed, word for word.
FOUNDED = (
    "Das Zuwanderungs- und Integrationsbüro wurde 2003 eingerichtet. Es ist als Stabsstelle im Dezernat "
    "für Finanzen und Nachhaltigkeit angesiedelt. Zum ZIB gehört auch die Geschäftsstelle des "
    "Integrationsbeirats."
)
MISSION = (
    "Das Zuwanderungs- und Integrationsbüro (ZIB) engagiert sich für Chancengleichheit und ein gutes "
    "Zusammenleben von zugewanderten und alteingesessenen Saarbrückerinnen und Saarbrückern. Als "
    "Stabsstelle ist es im Dezernat für Finanzen und Nachhaltigkeit angesiedelt."
)
STRATEGY = (
    "Das Zuwanderungs- und Integrationsbüro (ZIB) ist als Stabsstelle im Dezernat für Finanzen und "
    "Nachhaltigkeit angesiedelt. Zu seinen Aufgaben gehört die Entwicklung von Strategien im Umgang mit "
    "Migration und Vielfalt in der Kommune."
)
CONCEPTS = (
    "Das ZIB stößt neue Projekte im Bereich der kommunalen Integrationsarbeit an, wie sie z.B. im neuen "
    f'Integrationskonzept "{CONCEPT_2020}" beschrieben sind. Das Konzept ist eine Weiterentwicklung des '
    "ersten Integrationskonzeptes von 2011 und wurde 2020 vom Stadtrat verabschiedet."
)
PARTNERS = (
    "Um entsprechende Projekte auch umsetzen zu können, arbeitet das ZIB regelmäßig mit weiteren "
    "Akteur*innen zusammen, z.B. anderen Ämtern innerhalb der Stadtverwaltung, Projekten der "
    "Gemeinwesenarbeit oder Vereinen und Migrantenorganisationen."
)
RESOURCES = "Eine große Herausforderung stellt dabei stets die Erschließung neuer Ressourcen dar."
NETWORK = (
    "Das ZIB pflegt daher einen engen Kontakt zu einem großen Netzwerk aus haupt- und ehrenamtlichen "
    "Akteur*innen, die sich mit dem weiten Feld rund um die Begriffe Migration und Integration befassen, "
    "und berät und unterstützt diese z.B. bei der Beantragung von Fördermitteln oder vergibt selbst kleine "
    "finanzielle Zuschüsse auf Antrag."
)
EVENTS = (
    "Auch eigene Fachveranstaltungen, Fortbildungen, Workshops und kulturelle Veranstaltungen gehören zum "
    "Repertoire des ZIB."
)
COUNCIL = "Außerdem ist die Geschäftsstelle des Integrationsbeirates an das ZIB angegliedert."
SERIES = (
    "Wir möchten euch hier nach und nach einzelne Aufgabenbereiche und das Team des ZIB näher vorstellen, "
    "damit ihr einen Einblick in unsere tägliche Arbeit erhalten könnt."
)

# The task areas below "Über das ZIB": slug, title, teaser, paragraphs, key of a page to link onward.
TASK_AREAS = [
    (
        "strategien",
        "Strategien für Migration und Vielfalt",
        "Strategien im Umgang mit Migration und Vielfalt.",
        [STRATEGY, CONCEPTS],
        None,
    ),
    (
        "integrationskonzepte",
        "Integrationskonzepte 2011 und 2020",
        f"„{CONCEPT_2020}“ und das erste Konzept.",
        [CONCEPTS],
        "documents",
    ),
    (
        "netzwerk",
        "Netzwerk",
        "Zusammenarbeit mit Ämtern, Gemeinwesenarbeit, Vereinen und Migrantenorganisationen.",
        [PARTNERS, NETWORK],
        "network",
    ),
    (
        "foerdermittelberatung",
        "Beratung zu Fördermitteln",
        "Unterstützung bei der Beantragung von Fördermitteln.",
        [RESOURCES, NETWORK],
        "funding",
    ),
    (
        "kleine-zuschuesse",
        "Kleine Zuschüsse",
        "Kleine finanzielle Zuschüsse auf Antrag.",
        [NETWORK],
        "grants-call",
    ),
    (
        "veranstaltungen",
        "Eigene Veranstaltungen",
        "Fachveranstaltungen, Fortbildungen, Workshops und Kultur.",
        [EVENTS],
        "events",
    ),
    (
        "integrationsbeirat",
        "Geschäftsstelle des Integrationsbeirats",
        "Die Geschäftsstelle gehört zum ZIB.",
        [COUNCIL, FOUNDED],
        "council",
    ),
]
ONWARD_LABELS = {
    "documents": ("Mehr zu den Integrationskonzepten", "Hier geht's zu den Dokumenten"),
    "network": ("Mehr zum Netzwerk", "Hier geht's zum Netzwerk"),
    "funding": ("Mehr zur Förderung", "Hier geht's zur Förderberatung"),
    "grants-call": ("Mehr zu den Zuschüssen", "Hier geht's zum Antrag"),
    "events": ("Mehr zu den Veranstaltungen", "Hier geht's zu den Veranstaltungen"),
    "council": ("Mehr zum Integrationsbeirat", "Hier geht's zum Integrationsbeirat"),
}

EASY_LANGUAGE = [
    ("heading", "Was ist das ZIB?"),
    "Das ZIB ist ein Büro der Stadt Saarbrücken.",
    "ZIB ist eine Abkürzung. Sie steht für: Zuwanderungs- und Integrations-Büro.",
    "In Saarbrücken leben viele Menschen. Manche leben schon lange hier. Manche sind neu hier. "
    "Sie kommen aus anderen Ländern.",
    "Das ZIB will: Alle Menschen in Saarbrücken leben gut zusammen. Alle haben die gleichen Chancen.",
    ("heading", "Was macht das ZIB?"),
    "Das ZIB arbeitet mit vielen Vereinen und Gruppen zusammen.",
    "Das ZIB hilft Vereinen, wenn sie Geld für ein Projekt brauchen.",
    "Das ZIB macht eigene Veranstaltungen. Zum Beispiel: Workshops und Kultur-Veranstaltungen.",
    "Das ZIB macht einen Podcast. Der Podcast heißt: Tolle Leute. "
    "Ein Podcast ist eine Sendung zum Anhören im Internet.",
    ("heading", "Sie haben eine Frage?"),
    "Dann schreiben Sie uns. Sie können unser Kontakt-Formular benutzen.",
]

IMPRESSUM = [
    ("heading", "Herausgeberin"),
    "{office_name}<br>{department}<br>{city}<br>{street}<br>{postal_code} {locality}",
    "Die Landeshauptstadt Saarbrücken ist eine Körperschaft des öffentlichen Rechts. Sie wird vertreten "
    "durch den Oberbürgermeister Uwe Conradt.",
    ("heading", "Kontakt"),
    "Telefon: {phone}<br>E-Mail: {email}<br>Oder über unser Kontaktformular.",
    ("heading", "Verantwortlich für den Inhalt"),
    "{office_name}, Anschrift wie oben.",
    ("heading", "Bildnachweise"),
    "Die Urheber*innen aller Bilder dieser Website nennen wir direkt unter jedem Bild und gesammelt auf "
    "der Seite Bildnachweise.",
    ("heading", "Haftung für Links"),
    "Diese Website enthält Links zu Websites anderer Anbieter. Für deren Inhalte sind die jeweiligen "
    "Anbieter verantwortlich. Erkennen wir einen Rechtsverstoß auf einer verlinkten Seite, entfernen wir "
    "den Link.",
]

PRIVACY = [
    ("heading", "Verantwortliche Stelle"),
    "{city}, {office_name}, {street}, {postal_code} {locality}, E-Mail: {email}",
    ("heading", "Keine Cookies, keine Dienste Dritter"),
    "Diese Website setzt für Besucherinnen und Besucher keine Cookies. Sie lädt keine Schriften, Skripte, "
    "Bilder oder Videos von anderen Servern und verwendet keine Analyse- oder Werbedienste. Alle Inhalte "
    "kommen von unserem eigenen Server.",
    "Videos und Beiträge auf anderen Plattformen (zum Beispiel Instagram oder Facebook) verlinken wir nur. "
    "Erst wenn Sie einen solchen Link anklicken, baut Ihr Browser eine Verbindung zu dieser Plattform auf; "
    "dort gilt deren Datenschutzerklärung. Das Gleiche gilt für die Links zum Teilen von Beiträgen.",
    ("heading", "Server-Protokolle"),
    "Bei jedem Aufruf einer Seite speichert unser Server vorübergehend: die IP-Adresse, Datum und Uhrzeit, "
    "die aufgerufene Adresse, die übertragene Datenmenge, die zuvor besuchte Seite und die Angaben Ihres "
    "Browsers zu Typ und Version. Wir brauchen diese Daten, um die Website sicher zu betreiben und Angriffe "
    "zu erkennen (Art. 6 Abs. 1 lit. e DSGVO). Die Protokolle werden nach sieben Tagen gelöscht.",
    ("heading", "Kontaktformular und E-Mail"),
    "Wenn Sie uns über das Kontaktformular oder per E-Mail schreiben, speichern wir Ihre Nachricht und die "
    "Angaben, die Sie freiwillig machen (Name, E-Mail-Adresse), um Ihr Anliegen zu bearbeiten. Die "
    "Nachricht wird an die Mitarbeiterinnen und Mitarbeiter des ZIB weitergeleitet. Gespeicherte Nachrichten "
    "aus dem Kontaktformular löschen wir nach 180 Tagen.",
    ("heading", "Ihre Rechte"),
    "Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung Ihrer "
    "Daten sowie das Recht, der Verarbeitung zu widersprechen. Sie können sich außerdem bei der "
    "Aufsichtsbehörde beschweren, dem Unabhängigen Datenschutzzentrum Saarland.",
]


def _paragraph(text):
    return ("paragraph", RichText(f"<p>{text}</p>"))


def _blocks(items, **values):
    """Paragraphs and headings from a list of strings and ("heading", text) pairs."""
    blocks = []
    for item in items:
        if isinstance(item, tuple):
            blocks.append(("heading", {"text": item[1], "level": "h2"}))
        else:
            blocks.append(_paragraph(item.format(**values) if values else item))
    return blocks


def _comparable(value):
    """A field value as stored, without the random ids of stream blocks."""
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "raw_data"):
        return _strip_ids(list(value.raw_data))
    if hasattr(value, "get_prep_value"):
        return _strip_ids(value.get_prep_value())
    return value


def _strip_ids(data):
    if isinstance(data, list):
        return [_strip_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: _strip_ids(value) for key, value in data.items() if key != "id"}
    return data


def upsert_page(parent, model, slug, initial=None, **fields):
    """Create or update the page `slug` below `parent`; publish it only when something changed.

    `initial` holds fields set only when the page is created (a later step completes them).
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, locale=parent.locale, **(initial or {}), **fields))
        page.save_revision().publish()
        return page
    changed = False
    for name, value in fields.items():
        before = _comparable(getattr(page, name))
        setattr(page, name, value)
        if _comparable(getattr(page, name)) != before:
            changed = True
    if changed or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
    return page


def _pdf(lines):
    """A small valid PDF (one A4 page of Helvetica text), written by hand."""

    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    commands = ["BT", "/F1 16 Tf", "56 780 Td", "22 TL"]
    for index, line in enumerate(lines):
        if index == 1:
            commands.append("/F1 11 Tf")
        commands.append(f"({escape(line)}) Tj T*")
    commands.append("ET")
    stream = "\n".join(commands).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


DOCUMENTS = [
    (
        "concept-2020",
        f"{CONCEPT_2020} (Integrationskonzept 2020)",
        "integrationskonzept-2020.pdf",
        [
            CONCEPT_2020,
            "Integrationskonzept der Landeshauptstadt Saarbrücken, vom Stadtrat 2020 verabschiedet.",
            "Weiterentwicklung des ersten Integrationskonzeptes von 2011.",
            "",
            "Demo-Datei: Diese Datei steht stellvertretend für das Konzept.",
            "Das vollständige Konzept erhalten Sie beim Zuwanderungs- und Integrationsbüro (ZIB).",
        ],
    ),
    (
        "concept-2011",
        "Erstes Integrationskonzept der Landeshauptstadt Saarbrücken (2011)",
        "integrationskonzept-2011.pdf",
        [
            "Erstes Integrationskonzept der Landeshauptstadt Saarbrücken (2011)",
            "",
            "Demo-Datei: Diese Datei steht stellvertretend für das Konzept.",
            "Das vollständige Konzept erhalten Sie beim Zuwanderungs- und Integrationsbüro (ZIB).",
        ],
    ),
]


def _documents(ctx):
    Document = get_document_model()
    documents = {}
    for key, title, filename, lines in DOCUMENTS:
        document = Document.objects.filter(title=title).order_by("pk").first()
        if document is None:
            data = _pdf(lines)
            document = Document(title=title, collection=Collection.get_first_root_node())
            document.file.save(filename, ContentFile(data), save=False)
            document.file_size = len(data)
            document.save()
        documents[key] = document
    ctx.extra["documents"] = documents
    return documents


def _link_html(page, text):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def load(ctx):
    home = ctx.pages["home"]
    office = ctx.extra.get("office") or OfficeSettings.load()
    office_values = {
        name: getattr(office, name)
        for name in (
            "office_name",
            "department",
            "city",
            "street",
            "postal_code",
            "locality",
            "phone",
            "email",
        )
    }
    documents = _documents(ctx)

    about = upsert_page(
        home,
        ContentPage,
        "ueber-das-zib",
        title="Über das ZIB",
        teaser=MISSION,
        search_description="Aufgaben und Organisation des Zuwanderungs- und Integrationsbüros Saarbrücken.",
        body=[
            _paragraph(FOUNDED),
            ("image", {"image": ctx.images.get("was-macht-zib"), "caption": "Was macht eigentlich das ZIB?"}),
            _paragraph(STRATEGY),
            _paragraph(CONCEPTS),
            _paragraph(PARTNERS),
            _paragraph(EVENTS),
            _paragraph(COUNCIL),
            _paragraph(SERIES),
            (
                "social_media",
                {
                    "heading": "ZIB in den sozialen Medien",
                    "text": "Ihr findet das Zuwanderungs- und Integrationsbüro ab sofort in den sozialen "
                    "Netzwerken. Neben unserem Instagram-Kanal gibt es auch eine Facebook-Seite.",
                },
            ),
        ],
    )
    ctx.pages["about"] = about

    ctx.pages["documents"] = upsert_page(
        home,
        DocumentsPage,
        "dokumente",
        title="Dokumente",
        intro=f"<p>{CONCEPTS}</p>",
        documents=[
            (
                "document_list",
                {
                    "heading": "Integrationskonzepte",
                    "documents": [
                        {
                            "document": documents["concept-2020"],
                            "title": "",
                            "description": "Vom Stadtrat 2020 verabschiedet; eine Weiterentwicklung des "
                            "ersten Integrationskonzeptes von 2011.",
                        },
                        {
                            "document": documents["concept-2011"],
                            "title": "",
                            "description": "Das erste Integrationskonzept der Landeshauptstadt.",
                        },
                    ],
                },
            )
        ],
    )

    task_pages = {}
    for slug, title, teaser, paragraphs, _onward in TASK_AREAS:
        task_pages[slug] = upsert_page(
            about,
            ContentPage,
            slug,
            title=title,
            teaser=teaser,
            initial={"body": [_paragraph(text) for text in paragraphs]},
        )
    ctx.extra["task_pages"] = task_pages

    ctx.pages["team"] = upsert_page(
        home, TeamPage, "team", title="Das Team des ZIB", intro=FOUNDED, search_description=MISSION
    )

    privacy = upsert_page(
        home,
        ContentPage,
        "datenschutz",
        title="Datenschutzerklärung",
        teaser="",
        body=_blocks(PRIVACY, **office_values),
    )
    ctx.pages["datenschutz"] = privacy
    contact = upsert_page(
        home,
        ContactPage,
        "kontakt",
        title="Kontakt",
        intro=(
            "<p>Schreiben Sie uns: mit einer Frage, einem Hinweis oder einer Rückmeldung zu dieser "
            "Website. Sie können uns auch anrufen oder eine E-Mail schicken; die Angaben stehen unten auf "
            "jeder Seite.</p>"
        ),
        privacy_page=privacy,
    )
    ctx.pages["kontakt"] = contact
    ctx.pages["impressum"] = upsert_page(
        home, ContentPage, "impressum", title="Impressum", teaser="", body=_blocks(IMPRESSUM, **office_values)
    )
    ctx.pages["barrierefreiheit"] = _accessibility_statement(home, contact, office)
    ctx.pages["leichte-sprache"] = upsert_page(
        home,
        EasyLanguagePage,
        "leichte-sprache",
        title="Das ZIB in Leichter Sprache",
        body=[*_blocks(EASY_LANGUAGE), _paragraph(_link_html(contact, "Zum Kontakt-Formular"))],
    )
    dgs = upsert_page(
        home,
        SignLanguagePage,
        "gebaerdensprache",
        title="Das ZIB in Deutscher Gebärdensprache (DGS)",
        intro="<p>Auf dieser Seite veröffentlichen wir Videos in Deutscher Gebärdensprache (DGS), die "
        "erklären, was das Zuwanderungs- und Integrationsbüro macht. Zu jedem Video gibt es den Inhalt auch "
        "als Text.</p>",
        videos=[],
    )
    ctx.pages["dgs"] = ctx.pages["gebaerdensprache"] = dgs
    ctx.pages["bildnachweise"] = upsert_page(home, ImageCreditsPage, "bildnachweise", title="Bildnachweise")

    _navigation(office, [about, ctx.pages["team"], contact])
    _footer(
        office,
        [
            (ctx.pages["impressum"], ""),
            (privacy, "Datenschutz"),
            (ctx.pages["barrierefreiheit"], "Barrierefreiheit"),
            (ctx.pages["leichte-sprache"], "Leichte Sprache"),
            (dgs, "Gebärdensprache (DGS)"),
            (contact, "Kontakt und Feedback"),
            (ctx.pages["bildnachweise"], ""),
        ],
    )
    _groups(home)
    after_load = ctx.extra.setdefault("after_load", [])
    after_load.append(link_task_areas)
    after_load.append(set_up_workflow)


def _accessibility_statement(home, contact, office):
    existing = AccessibilityStatementPage.objects.child_of(home).filter(slug="barrierefreiheit").first()
    prepared_on = existing.prepared_on if existing else timezone.localdate()
    page = upsert_page(
        home,
        AccessibilityStatementPage,
        "barrierefreiheit",
        title="Erklärung zur Barrierefreiheit",
        compliance=AccessibilityStatementPage.Compliance.PARTIAL,
        prepared_on=prepared_on,
        method=AccessibilityStatementPage.Method.SELF,
        method_details=(
            "Die Seiten werden bei jeder Änderung automatisiert mit axe-core gegen die Regeln der "
            "WCAG 2.1 (Stufen A und AA) geprüft, in allen angebotenen Sprachen."
        ),
        feedback_email=office.email,
        feedback_phone=office.phone,
        feedback_page=contact,
    )
    gaps = [
        (
            "PDF-Dokumente",
            "Die Integrationskonzepte von 2011 und 2020 liegen als PDF-Dateien vor, die nicht vollständig "
            "barrierefrei sind.",
            AccessibilityGap.Reason.NOT_YET,
            "Auf Anfrage senden wir Ihnen die Inhalte in einer zugänglichen Form.",
        ),
        (
            "Informationen in Deutscher Gebärdensprache",
            "Videos in Deutscher Gebärdensprache (DGS) liegen noch nicht für alle Inhalte vor.",
            AccessibilityGap.Reason.NOT_YET,
            "Die Seite in Leichter Sprache erklärt die wichtigsten Inhalte. Schreiben Sie uns gern über "
            "das Kontaktformular.",
        ),
    ]
    for order, (title, description, reason, alternative) in enumerate(gaps):
        AccessibilityGap.objects.update_or_create(
            page=page,
            title=title,
            defaults={
                "description": description,
                "reason": reason,
                "alternative": alternative,
                "sort_order": order,
            },
        )
    return page


def _navigation(office, pages):
    """Add the pages to the main navigation after what is there (once)."""
    existing = set(NavigationItem.objects.filter(settings=office).values_list("page_id", flat=True))
    last = NavigationItem.objects.filter(settings=office).order_by("-sort_order").first()
    order = (last.sort_order or 0) + 1 if last else 0
    for page in pages:
        if page.pk not in existing:
            NavigationItem.objects.create(settings=office, page=page, sort_order=order)
            order += 1


def _footer(office, links):
    for order, (page, label) in enumerate(links):
        FooterLink.objects.update_or_create(
            settings=office, page=page, defaults={"label": label, "sort_order": order}
        )


def link_task_areas(ctx):
    """After every part has run: link each task area onward to its page (network, funding …)."""
    task_pages = ctx.extra.get("task_pages", {})
    for slug, _title, _teaser, paragraphs, onward in TASK_AREAS:
        page = task_pages.get(slug)
        target = ctx.pages.get(onward) if onward else None
        if page is None:
            continue
        body = [_paragraph(text) for text in paragraphs]
        if target is not None and target.live:
            heading, link_label = ONWARD_LABELS[onward]
            body.append(
                (
                    "more_box",
                    {"heading": heading, "text": "", "page": target, "url": "", "link_label": link_label},
                )
            )
        upsert_page(page.get_parent().specific, ContentPage, slug, body=body)


# Page permissions of the two editorial groups (on the start page, so for the whole site).
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
REDAKTION_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "publish_page", "unlock_page", "bulk_delete_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
EDITOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("people", "add_person"),
    ("people", "change_person"),
    ("people", "view_person"),
]
REDAKTION_MODEL_PERMISSIONS = [
    *EDITOR_MODEL_PERMISSIONS,
    ("pages", "view_contactmessage"),
    ("pages", "delete_contactmessage"),
]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _groups(home):
    """ "Redakteur*innen" write and submit for review; "Redaktion" also publishes and approves."""
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name, page_codenames, model_permissions in (
        ("Redakteur*innen", EDITOR_PAGE_PERMISSIONS, EDITOR_MODEL_PERMISSIONS),
        ("Redaktion", REDAKTION_PAGE_PERMISSIONS, REDAKTION_MODEL_PERMISSIONS),
    ):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*[_permission(app, codename) for app, codename in model_permissions])
        for codename in page_codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=home, permission=_permission("wagtailcore", codename)
            )
        for app, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(app, codename)
            )
        groups[name] = group
    return groups


WORKFLOW_NAME = "Redaktionelle Freigabe"
TASK_NAME = "Freigabe durch die Redaktion"


def set_up_workflow(ctx):
    """The moderation workflow for news: the group "Redaktion" approves before publication.

    Assigned to the news index when the news part made one, else to the start page.
    """
    redaktion = Group.objects.get(name="Redaktion")
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([redaktion])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    target = ctx.pages.get("news") or ctx.pages["home"]
    WorkflowPage.objects.filter(workflow=workflow).exclude(page=target).delete()
    WorkflowPage.objects.update_or_create(page=target, defaults={"workflow": workflow})
    ctx.extra["workflow"] = workflow
    ctx.extra["workflow_page"] = target
