"""vCard (RFC 6350), CSV and JSON exports of the directory."""

import csv
import io
import json

import pytest

from zib.organizations.exports import build_vcard, fold_line, vcard_escape

from .factories import ContactPersonFactory, OrganizationFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_vcard_escaping_and_folding():
    assert vcard_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    long_line = "NOTE:" + "ä" * 100
    folded = fold_line(long_line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == long_line


def test_vcard_of_an_entry(client, directory):
    entry = OrganizationFactory(
        name="Verein; mit, Sonderzeichen",
        slug="sonder",
        phone="+49 681 123",
        latitude="49.2",
        longitude="7.0",
        description="Zeile eins\nZeile zwei",
    )
    ContactPersonFactory(organization=entry, name="Kontakt Person")
    ContactPersonFactory(organization=entry, name="Ohne Zustimmung", consent_to_publish=False)
    response = client.get(directory.url + "sonder/vcard/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert 'filename="sonder.vcf"' in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert body.endswith("END:VCARD\r\n")
    unfolded = body.replace("\r\n ", "")
    assert "FN:Verein\\; mit\\, Sonderzeichen\r\n" in unfolded
    assert "GEO:geo:49.200000,7.000000" in unfolded
    assert "TEL;VALUE=uri;TYPE=work,voice:tel:+49681123" in unfolded
    assert "Zeile eins\\nZeile zwei" in unfolded
    assert "Kontakt Person" in unfolded
    assert "Ohne Zustimmung" not in unfolded
    assert all("\n" not in line for line in body.split("\r\n"))


def test_vcard_builder_without_optional_fields():
    entry = type(
        "Entry",
        (),
        {
            "name": "X",
            "street": "",
            "postal_code": "",
            "city": "",
            "phone": "",
            "email": "",
            "website": "",
            "has_coordinates": False,
            "language_codes": [],
            "description": "",
            "consultation_hours": "",
        },
    )()
    card = build_vcard(entry)
    assert "ADR" not in card and "GEO" not in card


def test_csv_export(client, directory):
    topic = TopicFactory(slug="gesundheit")
    OrganizationFactory(name='=HYPERLINK("evil")', slug="evil", topics=[topic], phone="+49 681 1")
    OrganizationFactory(name="Normaler Verein", slug="normal", show_in_directory=True)
    OrganizationFactory(name="Nicht im Verzeichnis", show_in_directory=False)
    response = client.get(directory.url + "export/csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["name"] for row in rows] == ['\'=HYPERLINK("evil")', "Normaler Verein"]
    assert rows[0]["topics"] == "gesundheit"
    assert rows[0]["phone"] == "+49 681 1"  # phone numbers stay as they are
    assert rows[1]["url"].endswith("/netzwerk/normal/")
    # Filters work for exports too.
    filtered = client.get(directory.url + "export/csv/", {"topic": "gesundheit"}).content.decode("utf-8-sig")
    assert "Normaler Verein" not in filtered


def test_json_export(client, directory):
    OrganizationFactory(name="Verein A", slug="a", languages="ar, de", latitude="49.1", longitude="6.9")
    response = client.get(directory.url + "export/json/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    assert data["count"] == 1
    entry = data["entries"][0]
    assert entry["name"] == "Verein A"
    assert entry["languages"] == ["ar", "de"]
    assert entry["latitude"] == pytest.approx(49.1)
    assert entry["stale"] is False
