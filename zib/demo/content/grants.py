"""Funding advice and small grants: the funding guide, the office's call, demo applications.

The seed says the office "berät und unterstützt [...] bei der Beantragung von
Fördermitteln oder vergibt selbst kleine finanzielle Zuschüsse auf Antrag".
The programmes below are generic examples (links only to example.org), the
applicant organisation is fictitious and marked as a demo.
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Locale

from zib.grants import services
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
from zib.people.models import Person

GUIDE_SLUG = "foerderung"
CALL_SLUG = "kleinfoerderung"

PROGRAMMES = [
    {
        "slug": "bundesprogramm-teilhabe-vor-ort",
        "title": "Bundesprogramm „Teilhabe vor Ort“ (Beispiel)",
        "funder": "Bundesministerium (Beispiel)",
        "funder_level": FundingProgrammePage.Level.FEDERAL,
        "summary": (
            "Fördert Projekte, die das Zusammenleben in der Nachbarschaft stärken und Menschen mit "
            "Einwanderungsgeschichte an Angeboten vor Ort beteiligen."
        ),
        "what_is_funded": (
            "<ul><li>Begegnungs- und Beratungsangebote im Quartier</li>"
            "<li>Qualifizierung von Ehrenamtlichen</li><li>Mehrsprachige Information</li></ul>"
        ),
        "who_may_apply": "<p>Gemeinnützige Vereine, Migrantenorganisationen und freie Träger.</p>",
        "amount_min": Decimal("10000"),
        "amount_max": Decimal("150000"),
        "funding_rate": "bis zu 90 % der förderfähigen Kosten",
        "rolling": False,
        "external_url": "https://foerderung.example.org/bund/teilhabe-vor-ort",
        "deadlines": [(-40, "Interessenbekundung 2. Runde"), (75, "Interessenbekundung 3. Runde")],
    },
    {
        "slug": "landesprogramm-saarland-integration-im-quartier",
        "title": "Landesprogramm Saarland: Integration im Quartier (Beispiel)",
        "funder": "Land Saarland, zuständiges Ministerium (Beispiel)",
        "funder_level": FundingProgrammePage.Level.STATE,
        "summary": "Unterstützt kleinere und mittlere Integrationsprojekte saarländischer Träger.",
        "what_is_funded": (
            "<ul><li>Sprach- und Lernpatenschaften</li><li>Kultur- und Sportangebote</li>"
            "<li>Projekte von Migrantenorganisationen</li></ul>"
        ),
        "who_may_apply": "<p>Vereine und Initiativen mit Sitz im Saarland.</p>",
        "amount_min": Decimal("2000"),
        "amount_max": Decimal("25000"),
        "funding_rate": "bis zu 80 % der förderfähigen Kosten",
        "rolling": False,
        "external_url": "https://foerderung.example.org/saarland/integration-im-quartier",
        "deadlines": [(30, "Antragsfrist für Projekte im Folgejahr")],
    },
    {
        "slug": "stiftung-zusammenleben-kleinprojektefonds",
        "title": "Stiftung Zusammenleben: Kleinprojektefonds (Beispiel)",
        "funder": "Stiftung Zusammenleben (Beispiel)",
        "funder_level": FundingProgrammePage.Level.FOUNDATION,
        "summary": "Schnelle, unbürokratische Förderung für kleine Vorhaben von Ehrenamtlichen.",
        "what_is_funded": "<p>Sachkosten, Honorare und Raummieten für kleine Projekte.</p>",
        "who_may_apply": "<p>Gemeinnützige Organisationen und nicht eingetragene Initiativen.</p>",
        "amount_min": Decimal("500"),
        "amount_max": Decimal("5000"),
        "funding_rate": "Vollfinanzierung möglich",
        "rolling": True,
        "external_url": "https://stiftung.example.org/kleinprojektefonds",
        "deadlines": [],
    },
    {
        "slug": "eu-fonds-asyl-migration-integration",
        "title": "EU-Fonds für Migration und Integration (Beispiel)",
        "funder": "Europäische Union, nationale Verwaltungsbehörde (Beispiel)",
        "funder_level": FundingProgrammePage.Level.EU,
        "summary": "Größere, mehrjährige Vorhaben zur Integration von Drittstaatsangehörigen.",
        "what_is_funded": "<p>Mehrjährige Projekte mit Kooperationspartnern, meist ab 100.000 Euro.</p>",
        "who_may_apply": "<p>Erfahrene Träger; Kofinanzierung erforderlich.</p>",
        "amount_min": Decimal("100000"),
        "amount_max": None,
        "funding_rate": "bis zu 75 % der förderfähigen Kosten",
        "rolling": False,
        "external_url": "https://foerderung.example.org/eu/migration-integration",
        "deadlines": [(120, "Aufruf 2027")],
    },
]

REQUIRED_DOCUMENTS = [
    ("Satzung oder Selbstdarstellung", "Bei Vereinen die aktuelle Satzung.", True),
    ("Freistellungsbescheid des Finanzamts", "Falls die Organisation als gemeinnützig anerkannt ist.", False),
    ("Kosten- und Finanzierungsplan", "Falls Sie ihn schon als eigene Datei haben.", False),
]

DEMO_ORG_NAME = "Kulturverein Brücke e. V. (Demo)"
DEMO_APPLICANT_EMAIL = "vorstand@bruecke-demo.example.org"


def _guide(home, adviser):
    guide = FundingGuidePage.objects.child_of(home).filter(slug=GUIDE_SLUG).first()
    intro = (
        "<p>Das ZIB berät Vereine, Initiativen und Migrantenorganisationen bei der Beantragung von "
        "Fördermitteln und vergibt selbst kleine finanzielle Zuschüsse auf Antrag. Hier finden Sie "
        "Förderprogramme mit ihren nächsten Fristen.</p>"
    )
    if guide is None:
        guide = home.add_child(instance=FundingGuidePage(title="Förderung", slug=GUIDE_SLUG, intro=intro))
    guide.intro = intro
    guide.contact_person = adviser
    guide.save_revision().publish()
    return guide


def _adviser(ctx, locale):
    """The office's funding advice as contact (a role mailbox, no private data)."""
    person = (
        ctx.people.get("foerderberatung")
        or Person.objects.filter(locale=locale, slug="foerderberatung").first()
    )
    if person is None:
        person = Person.objects.create(
            locale=locale,
            slug="foerderberatung",
            name="Förderberatung im ZIB",
            role="Beratung zu Fördermitteln und Kleinförderung",
            email="zib@saarbruecken.de",
            show_contact=True,
        )
    ctx.people.setdefault("foerderberatung", person)
    return person


def _programme(guide, adviser, spec):
    page = FundingProgrammePage.objects.child_of(guide).filter(slug=spec["slug"]).first()
    fields = {key: value for key, value in spec.items() if key not in ("slug", "deadlines")}
    if page is None:
        page = guide.add_child(
            instance=FundingProgrammePage(slug=spec["slug"], contact_person=adviser, **fields)
        )
    for key, value in fields.items():
        setattr(page, key, value)
    page.contact_person = adviser
    today = timezone.localdate()
    page.deadlines.all().delete()
    for order, (offset, label) in enumerate(spec["deadlines"]):
        page.deadlines.add(
            ProgrammeDeadline(date=today + datetime.timedelta(days=offset), label=label, sort_order=order)
        )
    page.save_revision().publish()
    return page


def _call(guide, adviser):
    page = GrantCallPage.objects.child_of(guide).filter(slug=CALL_SLUG).first()
    now = timezone.localtime()
    year_start = timezone.make_aware(datetime.datetime(now.year, 1, 1))
    fields = {
        "title": f"Kleinförderung des ZIB {now.year}",
        "intro": (
            "<p>Das Zuwanderungs- und Integrationsbüro vergibt kleine finanzielle Zuschüsse für Projekte, "
            "die das Zusammenleben von zugewanderten und alteingesessenen Saarbrückerinnen und "
            "Saarbrückern fördern.</p>"
        ),
        "annual_budget": Decimal("20000"),
        "min_amount": Decimal("100"),
        "max_amount": Decimal("1500"),
        "min_own_contribution_percent": 10,
        "eligibility": (
            "<p>Vereine, Initiativen und Migrantenorganisationen, die in Saarbrücken tätig sind. "
            "Das Projekt muss in Saarbrücken stattfinden.</p>"
        ),
        "what_is_funded": (
            "<ul><li>Begegnungsfeste, Erzählcafés, Workshops</li><li>Mehrsprachige Informationsangebote</li>"
            "<li>Honorare, Raummieten, Material, Übersetzung</li></ul>"
        ),
        "opens_at": year_start,
        "closes_at": timezone.make_aware(datetime.datetime(now.year, 12, 31, 23, 59)),
    }
    if page is None:
        page = guide.add_child(instance=GrantCallPage(slug=CALL_SLUG, contact_person=adviser, **fields))
    for key, value in fields.items():
        setattr(page, key, value)
    page.contact_person = adviser
    page.required_documents.all().delete()
    for order, (label, description, mandatory) in enumerate(REQUIRED_DOCUMENTS):
        page.required_documents.add(
            RequiredDocument(label=label, description=description, mandatory=mandatory, sort_order=order)
        )
    page.save_revision().publish()
    return page


def _organisation():
    organisation, _created = ApplicantOrganisation.objects.update_or_create(
        name=DEMO_ORG_NAME,
        defaults={
            "legal_form": ApplicantOrganisation.LegalForm.REGISTERED_ASSOCIATION,
            "is_nonprofit": True,
            "register_court": "Amtsgericht Saarbrücken",
            "register_number": "VR 0000 (Demo)",
            "representative": "Vorstand (Demo)",
            "street": "Musterstraße 1",
            "postal_code": "66111",
            "city": "Saarbrücken",
            "email": "info@bruecke-demo.example.org",
            "account_holder": DEMO_ORG_NAME,
            "iban": "DE89370400440532013000",
        },
    )
    applicant, _created = Applicant.objects.update_or_create(
        email=DEMO_APPLICANT_EMAIL,
        defaults={"name": "Vorstand Brücke (Demo)", "organisation": organisation, "language": "de"},
    )
    return organisation, applicant


APPLICATIONS = [
    # title, status to reach, cost lines (category, description, amount)
    (
        "Erzählcafé in vielen Sprachen",
        "draft",
        [("fees", "Moderation", "600"), ("catering", "Tee und Gebäck", "300")],
    ),
    (
        "Nachbarschaftsfest am Ludwigsplatz",
        "info_requested",
        [("rooms", "Zeltmiete", "700"), ("publicity", "Plakate", "300")],
    ),
    (
        "Mehrsprachige Hausaufgabenhilfe",
        "paid",
        [("fees", "Honorare Lernpaten", "1200"), ("material", "Lernmaterial", "300")],
    ),
    (
        "Theaterworkshop „Ankommen“",
        "closed",
        [("fees", "Theaterpädagogin", "900"), ("rooms", "Probenraum", "200")],
    ),
]


def _application(call, organisation, applicant, title, target, lines):
    application = GrantApplication.objects.filter(organisation=organisation, title=title).first()
    if application is not None:
        return application
    total = sum(Decimal(amount) for _category, _description, amount in lines)
    own = (total * Decimal("0.2")).quantize(Decimal("1"))
    application = GrantApplication.objects.create(
        call=call,
        call_title=call.title,
        organisation=organisation,
        created_by=applicant,
        title=title,
        summary=f"{title}: ein Angebot für Nachbarinnen und Nachbarn mit und ohne Einwanderungsgeschichte.",
        description="Regelmäßige Treffen, mehrsprachig begleitet, offen für alle.",
        target_group="Familien im Stadtteil, besonders neu Zugewanderte",
        languages=["de", "ar", "uk", "tr"],
        start_date=timezone.localdate() + datetime.timedelta(days=30),
        end_date=timezone.localdate() + datetime.timedelta(days=120),
        place="Saarbrücken",
        requested_amount=total - own,
        own_contribution=own,
        confirms_accuracy=True,
        consents_data_processing=True,
        consents_public_listing=target in ("paid", "closed"),
    )
    for order, (category, description, amount) in enumerate(lines):
        BudgetLine.objects.create(
            application=application,
            category=category,
            description=description,
            amount=Decimal(amount),
            sort_order=order,
        )
    services.add_attachment(
        application, _demo_pdf(), document_label=REQUIRED_DOCUMENTS[0][0], applicant=applicant
    )
    _walk(application, applicant, target, total - own)
    return application


def _demo_pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return SimpleUploadedFile("satzung-demo.pdf", content, content_type="application/pdf")


def _walk(application, applicant, target, amount):
    """Move a demo application through the real status machine (no e-mails)."""
    Status = GrantApplication.Status
    steps = {
        "draft": [],
        "info_requested": [
            (Status.SUBMITTED, {"applicant": applicant}),
            (Status.IN_REVIEW, {}),
            (Status.INFO_REQUESTED, {"note": "Bitte schicken Sie uns noch ein Angebot für die Zeltmiete."}),
        ],
        "paid": [
            (Status.SUBMITTED, {"applicant": applicant}),
            (Status.IN_REVIEW, {}),
            (Status.APPROVED, {"amount": amount, "note": "Wir freuen uns auf das Projekt."}),
            (Status.PAID, {"amount": amount}),
        ],
        "closed": [
            (Status.SUBMITTED, {"applicant": applicant}),
            (Status.IN_REVIEW, {}),
            (Status.APPROVED, {"amount": amount}),
            (Status.PAID, {"amount": amount}),
            (Status.REPORT_DUE, {"date": timezone.localdate() + datetime.timedelta(days=60)}),
            (Status.REPORT_RECEIVED, {}),
            (Status.CLOSED, {}),
        ],
    }[target]
    for status, options in steps:
        options = dict(options)
        actor = options.pop("applicant", None)
        note = options.pop("note", "")
        application.refresh_from_db()
        services.change_status(
            application,
            status,
            expected_version=application.version,
            applicant=actor,
            note=note,
            data=services.TransitionData(amount=options.get("amount"), date=options.get("date")),
            notify=False,
        )


def load(ctx):
    home = ctx.pages["home"]
    if home.locale_id != Locale.get_default().pk:
        home = home.get_translation(Locale.get_default())
    adviser = _adviser(ctx, home.locale)
    guide = _guide(home, adviser)
    for spec in PROGRAMMES:
        _programme(guide, adviser, spec)
    call = _call(guide, adviser)
    ctx.pages["funding"] = guide
    ctx.pages["grants-call"] = call

    organisation, applicant = _organisation()
    for title, target, lines in APPLICATIONS:
        _application(call, organisation, applicant, title, target, lines)
    ctx.extra["grants-applicant"] = applicant
