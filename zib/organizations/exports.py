"""The directory in machine formats: vCard (RFC 6350), CSV and JSON."""

import csv
import datetime
import io

from django.utils import timezone

from zib.security.spreadsheets import spreadsheet_safe

CRLF = "\r\n"


def vcard_escape(value):
    """Escape a text value (RFC 6350 section 3.4): backslash, comma, semicolon, newline."""
    value = str(value or "")
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold_line(line):
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 6350 3.2)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts = []
    current = b""
    limit = 75
    for char in line:
        char_bytes = char.encode("utf-8")
        if len(current) + len(char_bytes) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
            limit = 74  # continuation lines start with a space
        current += char_bytes
    parts.append(current.decode("utf-8"))
    return (CRLF + " ").join(parts)


def build_vcard(entry, url="", contacts=()):
    """A vCard 4.0 of an organisation; `contacts` are consenting contact persons."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:org",
        f"FN:{vcard_escape(entry.name)}",
        f"ORG:{vcard_escape(entry.name)}",
    ]
    if entry.street or entry.postal_code or entry.city:
        # ADR: post office box; extended address; street; locality; region; postal code; country
        adr = ";".join(
            [
                "",
                "",
                vcard_escape(entry.street),
                vcard_escape(entry.city),
                "",
                vcard_escape(entry.postal_code),
                "",
            ]
        )
        lines.append(f"ADR;TYPE=work:{adr}")
    if entry.phone:
        lines.append(f"TEL;VALUE=uri;TYPE=work,voice:tel:{entry.phone.replace(' ', '')}")
    if entry.email:
        lines.append(f"EMAIL;TYPE=work:{vcard_escape(entry.email)}")
    if entry.website:
        lines.append(f"URL:{entry.website}")
    if entry.has_coordinates:
        lines.append(f"GEO:geo:{entry.latitude},{entry.longitude}")
    for code in entry.language_codes:
        lines.append(f"LANG:{vcard_escape(code)}")
    note_parts = [entry.description]
    if entry.consultation_hours:
        note_parts.append(entry.consultation_hours)
    note = "\n\n".join(p for p in note_parts if p)
    if note:
        lines.append(f"NOTE:{vcard_escape(note)}")
    for person in contacts:
        # A related person is written as text: vCard 4.0 RELATED takes a URI or text.
        label = ", ".join(p for p in [person.name, person.role, person.phone, person.email] if p)
        lines.append(f"RELATED;TYPE=contact;VALUE=text:{vcard_escape(label)}")
    if url:
        lines.append(f"SOURCE:{url}")
    lines.append(f"REV:{timezone.now().astimezone(datetime.UTC).strftime('%Y%m%dT%H%M%SZ')}")
    lines.append("END:VCARD")
    return CRLF.join(fold_line(line) for line in lines) + CRLF


EXPORT_FIELDS = [
    "name",
    "kind",
    "topics",
    "languages",
    "district",
    "street",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "consultation_hours",
    "accessibility",
    "accessibility_notes",
    "social_channels",
    "contact_persons",
    "last_confirmed",
    "url",
]


def entry_record(entry, url):
    """One directory entry as a plain dict (the JSON form; CSV flattens it)."""
    return {
        "name": entry.display_name,
        "kind": entry.kind,
        "kind_label": str(entry.get_kind_display()),
        "description": entry.display_description,
        "topics": [topic.slug for topic in entry.display_topics],
        "languages": entry.language_codes,
        "district": entry.district.name if entry.district else "",
        "street": entry.street,
        "postal_code": entry.postal_code,
        "city": entry.city,
        "latitude": float(entry.latitude) if entry.latitude is not None else None,
        "longitude": float(entry.longitude) if entry.longitude is not None else None,
        "phone": entry.phone,
        "email": entry.email,
        "website": entry.website,
        "consultation_hours": entry.display_consultation_hours,
        "accessibility": entry.accessibility,
        "accessibility_notes": entry.display_accessibility_notes,
        "social_channels": [{"name": c.name, "url": c.url} for c in entry.social_channels.all()],
        "contact_persons": [
            {"name": p.name, "role": p.role, "email": p.email, "phone": p.phone, "languages": p.languages}
            for p in entry.public_contacts
        ],
        "logo_credit": entry.logo.credit if entry.logo_id and entry.logo else "",
        "last_confirmed": entry.last_confirmed_at.isoformat() if entry.last_confirmed_at else None,
        "stale": entry.is_stale,
        "url": url,
    }


def build_csv(records):
    """CSV with a header row; lists joined by "; " (UTF-8 with BOM for spreadsheet programs)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_FIELDS)
    for record in records:
        row = []
        for field in EXPORT_FIELDS:
            value = record.get(field)
            if field == "social_channels":
                value = "; ".join(c["url"] for c in value)
            elif field == "contact_persons":
                value = "; ".join(
                    ", ".join(x for x in [p["name"], p["role"], p["phone"], p["email"]] if x) for p in value
                )
            elif isinstance(value, list):
                value = "; ".join(value)
            elif value is None:
                value = ""
            row.append(spreadsheet_safe(value))
        writer.writerow(row)
    return "\ufeff" + buffer.getvalue()
