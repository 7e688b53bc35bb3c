"""Editors cannot save an image without credit or real alt text."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from zib.images.models import CustomImage

ImageForm = get_image_form(CustomImage)


def png_upload(name="foto.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (16, 12), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def form_for(**overrides):
    data = {
        "title": "Collage Impfung Umarmung",
        "description": "Collage aus Porträts lächelnder Menschen mit Pflaster am Oberarm",
        "credit": "Christian Bart",
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
    }
    data.update(overrides)
    return ImageForm(data=data, files={"file": png_upload()})


@pytest.fixture(autouse=True)
def _root_collection(db):
    return Collection.get_first_root_node()


def test_admin_form_has_alt_text_and_credit():
    assert {"description", "credit"} <= set(ImageForm.base_fields)
    assert ImageForm.base_fields["credit"].required
    assert ImageForm.base_fields["description"].required


def test_complete_image_is_accepted():
    form = form_for()
    assert form.is_valid(), form.errors
    image = form.save()
    assert image.credit == "Christian Bart"
    assert image.alt_text.startswith("Collage aus Porträts")


def test_image_without_credit_is_refused():
    form = form_for(credit="")
    assert not form.is_valid()
    assert "credit" in form.errors
    assert not CustomImage.objects.exists()


def test_image_without_alt_text_is_refused():
    form = form_for(description="")
    assert not form.is_valid()
    assert "description" in form.errors


def test_alt_text_repeating_the_title_is_refused():
    form = form_for(description=" Collage Impfung Umarmung ")
    assert not form.is_valid()
    assert "nicht den Titel wiederholen" in str(form.errors["description"])
