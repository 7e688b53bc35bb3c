"""Factories for the grants app's tests."""

import io
import zipfile
from datetime import timedelta
from decimal import Decimal

import factory
import wagtail_factories
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from zib.grants.models import (
    Applicant,
    ApplicantOrganisation,
    BudgetLine,
    FundingGuidePage,
    FundingProgrammePage,
    GrantApplication,
    GrantCallPage,
    ProgrammeDeadline,
    RequiredDocument,
)


class FundingGuidePageFactory(wagtail_factories.PageFactory):
    title = "Förderung"
    slug = "foerderung"
    intro = "<p>Fördermittel für Vereine und Initiativen.</p>"

    class Meta:
        model = FundingGuidePage


class FundingProgrammePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Förderprogramm {n}")
    slug = factory.Sequence(lambda n: f"programm-{n}")
    funder = "Stiftung Beispiel"
    funder_level = FundingProgrammePage.Level.FOUNDATION
    summary = "Kleine Projekte für das Zusammenleben."
    amount_min = Decimal("500")
    amount_max = Decimal("5000")

    class Meta:
        model = FundingProgrammePage


class ProgrammeDeadlineFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(FundingProgrammePageFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    label = "Antragsfrist"

    class Meta:
        model = ProgrammeDeadline


class GrantCallPageFactory(wagtail_factories.PageFactory):
    title = "Kleinförderung des ZIB"
    slug = factory.Sequence(lambda n: f"kleinfoerderung-{n}")
    annual_budget = Decimal("20000")
    min_amount = Decimal("100")
    max_amount = Decimal("1500")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=60))

    class Meta:
        model = GrantCallPage


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(GrantCallPageFactory)
    label = "Satzung"
    mandatory = True

    class Meta:
        model = RequiredDocument


class ApplicantOrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kulturverein {n} e. V.")
    legal_form = ApplicantOrganisation.LegalForm.REGISTERED_ASSOCIATION
    is_nonprofit = True
    register_court = "Amtsgericht Saarbrücken"
    register_number = factory.Sequence(lambda n: f"VR {1000 + n}")
    representative = "Vorstand: Amina Yilmaz"
    street = "Beispielstraße 1"
    postal_code = "66111"
    city = "Saarbrücken"
    email = factory.Sequence(lambda n: f"verein{n}@example.org")
    account_holder = factory.SelfAttribute("name")
    iban = "DE89370400440532013000"

    class Meta:
        model = ApplicantOrganisation


class ApplicantFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    organisation = factory.SubFactory(ApplicantOrganisationFactory)
    language = "de"

    class Meta:
        model = Applicant


class GrantApplicationFactory(factory.django.DjangoModelFactory):
    """A complete draft: ready to be submitted."""

    call = factory.SubFactory(GrantCallPageFactory)
    call_title = factory.SelfAttribute("call.title")
    organisation = factory.SubFactory(ApplicantOrganisationFactory)
    created_by = factory.SubFactory(ApplicantFactory, organisation=factory.SelfAttribute("..organisation"))
    title = factory.Sequence(lambda n: f"Erzählcafé {n}")
    summary = "Ein Erzählcafé für Nachbarinnen und Nachbarn."
    description = "Monatliche Treffen mit Übersetzung."
    target_group = "Neu zugewanderte Familien"
    languages = ["de", "ar", "uk"]
    start_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=40))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=100))
    place = "Bürgerhaus, Saarbrücken"
    requested_amount = Decimal("1000")
    own_contribution = Decimal("200")
    other_funding = Decimal("0")
    confirms_accuracy = True
    consents_data_processing = True

    class Meta:
        model = GrantApplication
        skip_postgeneration_save = True

    @factory.post_generation
    def documents(self, create, extracted, **kwargs):
        """Upload every mandatory document of the call (as a small PDF)."""
        if not create or extracted is False or self.call is None:
            return
        from zib.grants.services import add_attachment

        for document in self.call.required_documents.filter(mandatory=True):
            add_attachment(self, upload(f"{document.label}.pdf", PDF_BYTES), document_label=document.label)

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        if not create:
            return
        for index, (category, amount) in enumerate(extracted or [("fees", "800"), ("catering", "400")]):
            BudgetLine.objects.create(
                application=self,
                category=category,
                description=f"Position {index + 1}",
                amount=Decimal(amount),
            )


def png_bytes(size=(4, 4)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (20, 30, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<document>Satzung</document>")
    return buffer.getvalue()


EXE_BYTES = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 64
    + b"This program cannot be run"
)


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def sign_in_as(client, applicant_or_id):
    """Give `client` the session a sign-in link would give the applicant."""
    session = client.session
    session["grants_applicant_id"] = getattr(applicant_or_id, "pk", applicant_or_id)
    session.save()
    return client
