"""PDF documents of an application: the receipt and the decision letter.

Both are official documents of the office and therefore written in German;
the e-mail that carries them speaks the applicant's language. Text the
applicant typed is printed with a Unicode TrueType font when one is found
(DejaVu Sans covers Latin, Greek and Cyrillic), otherwise with Helvetica.
"""

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone, translation
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .services import eur

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
]


@cache
def _fonts():
    """(regular, bold) font names; registers a Unicode font if one is available."""
    configured = getattr(settings, "GRANTS_PDF_FONT", "")
    candidates = [configured, *FONT_CANDIDATES] if configured else FONT_CANDIDATES
    for path in candidates:
        if path and Path(path).is_file():
            bold = Path(path).with_name(Path(path).stem + "-Bold.ttf")
            pdfmetrics.registerFont(TTFont("ZibSans", path))
            pdfmetrics.registerFont(TTFont("ZibSans-Bold", str(bold) if bold.is_file() else path))
            return "ZibSans", "ZibSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _text(value):
    """Escape for reportlab's paragraph markup; keep line breaks."""
    font, _bold = _fonts()
    text = "" if value is None else str(value)
    if font == "Helvetica":
        text = text.encode("cp1252", "replace").decode("cp1252")
    return escape(text).replace("\n", "<br/>")


def _money(value):
    return "–" if value is None else f"{eur(value)} €"


def _date(value):
    if value is None:
        return "–"
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
        return f"{value:%d.%m.%Y, %H:%M} Uhr"
    return f"{value:%d.%m.%Y}"


def _styles():
    regular, bold = _fonts()
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontName=bold, fontSize=16, leading=20),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=bold, fontSize=12, leading=15),
        "body": ParagraphStyle("body", parent=base["BodyText"], fontName=regular, fontSize=10, leading=13),
        "small": ParagraphStyle("small", parent=base["BodyText"], fontName=regular, fontSize=8, leading=10),
        "bold": bold,
        "regular": regular,
    }


def _table(rows, styles, widths=(55 * mm, 115 * mm)):
    data = [
        [Paragraph(_text(label), styles["body"]), Paragraph(_text(value), styles["body"])]
        for label, value in rows
    ]
    table = Table(data, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("FONTNAME", (0, 0), (0, -1), styles["bold"]),
            ]
        )
    )
    return table


def _office():
    from zib.pages.models import OfficeSettings

    office = OfficeSettings.load()
    lines = [
        office.office_name,
        office.city,
        office.street,
        f"{office.postal_code} {office.locality}".strip(),
    ]
    return office, [line for line in lines if line]


def _build(title, story_items, metadata_subject):
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author="Zuwanderungs- und Integrationsbüro",
        subject=metadata_subject,
    )
    document.build(story_items)
    return buffer.getvalue()


def receipt_pdf(application):
    """The receipt (Eingangsbestätigung) with everything that was submitted."""
    with translation.override("de"):
        styles = _styles()
        office, office_lines = _office()
        organisation = application.organisation_data
        story = [
            Paragraph(_text(" · ".join(office_lines)), styles["small"]),
            Spacer(1, 8 * mm),
            Paragraph("Eingangsbestätigung", styles["title"]),
            Paragraph(
                _text(
                    f"Ihr Antrag auf Kleinförderung ist am {_date(application.submitted_at)} beim "
                    f"{office.office_name} eingegangen. Bitte geben Sie bei Rückfragen das Aktenzeichen an."
                ),
                styles["body"],
            ),
            Spacer(1, 4 * mm),
            _table(
                [
                    ("Aktenzeichen", application.reference or "–"),
                    ("Förderaufruf", application.call_title),
                    ("Eingegangen am", _date(application.submitted_at)),
                ],
                styles,
            ),
            Paragraph("Organisation", styles["h2"]),
            _table(
                [
                    ("Name", organisation.get("name", "")),
                    ("Rechtsform", organisation.get("legal_form_display", "")),
                    ("Registernummer", organisation.get("register_number", "")),
                    ("Vertreten durch", organisation.get("representative", "")),
                    ("Anschrift", organisation.get("address", "")),
                    ("E-Mail", organisation.get("email", "")),
                ],
                styles,
            ),
            Paragraph("Projekt", styles["h2"]),
            _table(
                [
                    ("Titel", application.title),
                    ("Kurzbeschreibung", application.summary),
                    ("Zeitraum", f"{_date(application.start_date)} bis {_date(application.end_date)}"),
                    ("Ort", application.place),
                    ("Zielgruppe", application.target_group),
                    (
                        "Sprachen",
                        ", ".join([*application.language_names(), application.other_languages]).strip(", "),
                    ),
                ],
                styles,
            ),
            Paragraph("Kosten und Finanzierung", styles["h2"]),
        ]
        lines = [
            (f"{line.get_category_display()}: {line.description}", _money(line.amount))
            for line in application.budget_lines.all()
        ]
        lines += [
            ("Gesamtkosten", _money(application.total_costs)),
            ("Beantragter Betrag", _money(application.requested_amount)),
            ("Eigenanteil", _money(application.own_contribution)),
            ("Andere Förderung", _money(application.other_funding)),
        ]
        story.append(_table(lines, styles, widths=(125 * mm, 45 * mm)))
        attachments = [
            (attachment.document_label, attachment.original_name)
            for attachment in application.attachments.all()
        ]
        if attachments:
            story += [Paragraph("Anlagen", styles["h2"]), _table(attachments, styles)]
        story += [
            Spacer(1, 6 * mm),
            Paragraph(
                _text(
                    "Diese Bestätigung wurde automatisch erstellt und ist ohne Unterschrift gültig. "
                    "Sie bestätigt den Eingang, nicht die Bewilligung."
                ),
                styles["small"],
            ),
        ]
        return _build(f"Eingangsbestätigung {application.reference}", story, "Eingangsbestätigung")


DUTIES_TEXT = (
    "Die Zuwendung ist zweckgebunden für das beantragte Projekt zu verwenden. Nach dem Ende des Projekts "
    "ist ein Verwendungsnachweis (Sachbericht und Übersicht der Ausgaben mit Belegen) vorzulegen; die Frist "
    "teilen wir Ihnen mit. Nicht verwendete Mittel sind zurückzuzahlen."
)


def decision_letter_pdf(application):
    """The decision letter (Bescheid): approval with amount and duties, or rejection with reasons."""
    from .models import GrantApplication, GrantSettings, StatusChange

    with translation.override("de"):
        styles = _styles()
        office, office_lines = _office()
        organisation = application.organisation_data
        approved = application.is_funded
        decision = (
            StatusChange.objects.filter(
                application=application,
                to_status__in=[GrantApplication.Status.APPROVED, GrantApplication.Status.REJECTED],
            )
            .order_by("-created_at")
            .first()
        )
        recipient = [
            organisation.get("name", ""),
            organisation.get("representative", ""),
            organisation.get("street", ""),
            f"{organisation.get('postal_code', '')} {organisation.get('city', '')}".strip(),
        ]
        story = [
            Paragraph(_text(" · ".join(office_lines)), styles["small"]),
            Spacer(1, 6 * mm),
            Paragraph(_text("\n".join(line for line in recipient if line)), styles["body"]),
            Spacer(1, 10 * mm),
            Paragraph(_text(f"{office.locality}, {_date(application.decided_at)}"), styles["body"]),
            Spacer(1, 4 * mm),
            Paragraph(
                _text(
                    f"{'Zuwendungsbescheid' if approved else 'Ablehnungsbescheid'} – "
                    f"Aktenzeichen {application.reference}"
                ),
                styles["title"],
            ),
            Paragraph(_text(f"Projekt: {application.title}"), styles["h2"]),
            Paragraph(_text("Sehr geehrte Damen und Herren,"), styles["body"]),
        ]
        if approved:
            approval_text = (
                f"auf Ihren Antrag vom {_date(application.submitted_at)} bewilligen wir Ihnen für das oben "
                f"genannte Projekt eine Zuwendung in Höhe von {_money(application.approved_amount)} aus dem "
                f"Förderaufruf „{application.call_title}“ (Haushaltsjahr {application.budget_year})."
            )
            story += [
                Paragraph(_text(approval_text), styles["body"]),
                Spacer(1, 3 * mm),
                _table(
                    [
                        ("Bewilligter Betrag", _money(application.approved_amount)),
                        ("Beantragter Betrag", _money(application.requested_amount)),
                        ("Gesamtkosten laut Antrag", _money(application.total_costs)),
                        (
                            "Bewilligungszeitraum",
                            f"{_date(application.start_date)} bis {_date(application.end_date)}",
                        ),
                        ("Auszahlung auf", organisation.get("iban", "")),
                    ],
                    styles,
                ),
                Spacer(1, 3 * mm),
                Paragraph(_text(DUTIES_TEXT), styles["body"]),
            ]
        else:
            rejection_text = (
                f"Ihren Antrag vom {_date(application.submitted_at)} können wir leider nicht bewilligen."
            )
            story.append(Paragraph(_text(rejection_text), styles["body"]))
        if decision and decision.note:
            story += [
                Paragraph("Begründung und Hinweise", styles["h2"]),
                Paragraph(_text(decision.note), styles["body"]),
            ]
        story += [
            Spacer(1, 10 * mm),
            Paragraph(_text("Mit freundlichen Grüßen"), styles["body"]),
            Paragraph(_text(GrantSettings.load().signatory), styles["body"]),
            Paragraph(_text(office.office_name), styles["body"]),
        ]
        title = f"{'Zuwendungsbescheid' if approved else 'Ablehnungsbescheid'} {application.reference}"
        return _build(title, story, "Bescheid")
