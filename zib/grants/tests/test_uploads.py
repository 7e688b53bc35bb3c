"""Uploads are judged by their content, not their name; size is limited."""

import pytest
from django.core.exceptions import ValidationError

from zib.grants import services
from zib.grants.models import Attachment, GrantApplication

from .factories import (
    EXE_BYTES,
    PDF_BYTES,
    ApplicantFactory,
    GrantApplicationFactory,
    docx_bytes,
    jpeg_bytes,
    png_bytes,
    sign_in_as,
    upload,
)


@pytest.mark.parametrize(
    ("name", "content", "mime", "extension"),
    [
        ("satzung.pdf", PDF_BYTES, "application/pdf", "pdf"),
        ("foto.jpg", jpeg_bytes(), "image/jpeg", "jpg"),
        ("plan.png", png_bytes(), "image/png", "png"),
        ("bericht.docx", docx_bytes(), services.DOCX_MIME, "docx"),
        # The name lies, the content is an allowed type: accepted as what it is.
        ("scan.pdf", png_bytes(), "image/png", "png"),
        ("ohne-endung", PDF_BYTES, "application/pdf", "pdf"),
    ],
)
def test_allowed_types_are_recognised_by_content(name, content, mime, extension):
    assert services.inspect_upload(upload(name, content)) == (mime, extension)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("satzung.pdf", EXE_BYTES),
        ("foto.jpg", b"<html><script>alert(1)</script></html>"),
        ("bericht.docx", b"PK\x03\x04" + b"\x00" * 100),
        ("archiv.docx", b"GIF89a" + b"\x00" * 50),
        ("kaputt.png", png_bytes()[:40]),
    ],
)
def test_disguised_or_broken_files_are_refused(name, content):
    with pytest.raises(ValidationError):
        services.inspect_upload(upload(name, content))


def test_oversized_upload_is_refused(settings):
    settings.GRANTS_MAX_UPLOAD_SIZE = 1024
    with pytest.raises(ValidationError, match="zu groß"):
        services.inspect_upload(upload("gross.pdf", PDF_BYTES + b"0" * 2000))


def test_empty_upload_is_refused():
    with pytest.raises(ValidationError, match="leer"):
        services.inspect_upload(upload("leer.pdf", b""))


@pytest.fixture
def draft(call):
    application = GrantApplicationFactory(call=call, documents=False)
    return application


@pytest.mark.django_db
def test_exe_renamed_pdf_is_refused_in_the_form(client, draft):
    sign_in_as(client, draft.created_by)
    url = f"/de/foerderung/antrag/{draft.public_id}/schritt/unterlagen/"
    response = client.post(url, {"document_label": "Satzung", "file": upload("satzung.pdf", EXE_BYTES)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dieser Dateityp ist nicht erlaubt" in html
    assert 'value="Satzung" selected' in html
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_png_named_pdf_is_stored_and_served_as_png(client, draft):
    sign_in_as(client, draft.created_by)
    url = f"/de/foerderung/antrag/{draft.public_id}/schritt/unterlagen/"
    response = client.post(url, {"document_label": "Satzung", "file": upload("scan.pdf", png_bytes())})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png"
    assert attachment.original_name == "scan.png"
    assert attachment.file.name.endswith(".png")
    download = client.get(f"/de/foerderung/antrag/{draft.public_id}/anlagen/{attachment.pk}/")
    assert download["Content-Type"] == "image/png"
    assert "scan.png" in download["Content-Disposition"]


@pytest.mark.django_db
def test_oversized_upload_in_the_form_gets_a_clear_message(client, draft, settings):
    settings.GRANTS_MAX_UPLOAD_SIZE = 1024
    sign_in_as(client, draft.created_by)
    url = f"/de/foerderung/antrag/{draft.public_id}/schritt/unterlagen/"
    response = client.post(url, {"document_label": "Satzung", "file": upload("gross.pdf", PDF_BYTES * 50)})
    assert "zu groß" in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_missing_mandatory_document_blocks_submission(client, draft):
    problems = services.application_problems(draft)
    assert ("unterlagen", "Es fehlt: Satzung") in problems
    services.add_attachment(draft, upload("satzung.pdf", PDF_BYTES), document_label="Satzung")
    assert services.application_problems(draft) == []


@pytest.mark.django_db
def test_removing_an_attachment_deletes_the_file(client, draft):
    attachment = services.add_attachment(draft, upload("satzung.pdf", PDF_BYTES), document_label="Satzung")
    path = attachment.file.path
    sign_in_as(client, draft.created_by)
    client.post(f"/de/foerderung/antrag/{draft.public_id}/anlagen/{attachment.pk}/entfernen/")
    assert not Attachment.objects.exists()
    import os

    assert not os.path.exists(path)


@pytest.mark.django_db
def test_attachments_cannot_be_removed_after_submission(client, call):
    application = GrantApplicationFactory(call=call, status=GrantApplication.Status.SUBMITTED)
    attachment = application.attachments.get()
    colleague = ApplicantFactory(organisation=application.organisation)
    sign_in_as(client, colleague)
    response = client.post(
        f"/de/foerderung/antrag/{application.public_id}/anlagen/{attachment.pk}/entfernen/"
    )
    assert response.status_code == 404
    assert application.attachments.count() == 1
