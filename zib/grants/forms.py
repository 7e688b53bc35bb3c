"""Forms of the applicant area and of the staff review."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.forms import inlineformset_factory
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from . import services
from .models import (
    PROJECT_LANGUAGES,
    Applicant,
    ApplicantOrganisation,
    BudgetLine,
    GrantApplication,
    ReviewScore,
)

MAX_AMOUNT = Decimal("9999999.99")


class EuroField(forms.DecimalField):
    """An amount in euros, accepting "1.250,50", "1250.50", "1 250 €" and the like."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_value", MAX_AMOUNT)
        super().__init__(**kwargs)
        self.error_messages["invalid"] = _("Bitte einen Betrag in Euro eingeben, z. B. 1250,50.")

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        return attrs

    widget = forms.TextInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
        if len(text) > 20:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if "," in text and "." in text:
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        elif "," in text:
            text = text.replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            text = text.replace(".", "")
        try:
            number = Decimal(text)
        except InvalidOperation as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return formats.number_format(value, decimal_pos=2)
        return value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def iban_is_valid(iban):
    """ISO 13616 check: length and mod-97 checksum."""
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", iban):
        return False
    if iban.startswith("DE") and len(iban) != 22:
        return False
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return int(digits) % 97 == 1


# --------------------------------------------------------------------------
# Sign-in and members
# --------------------------------------------------------------------------


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Wir schicken Ihnen einen Link zum Anmelden. Sie brauchen kein Passwort."),
    )
    # A field people never see; bots fill it in.
    website = forms.CharField(required=False, label=_("Bitte leer lassen"))


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=254)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)


# --------------------------------------------------------------------------
# Application steps
# --------------------------------------------------------------------------


class OrganisationForm(forms.ModelForm):
    """Step 1: the organisation (shared by all its applications)."""

    REQUIRED = [
        "name",
        "legal_form",
        "representative",
        "street",
        "postal_code",
        "city",
        "email",
        "account_holder",
        "iban",
    ]

    class Meta:
        model = ApplicantOrganisation
        fields = services.ORGANISATION_FIELDS
        help_texts = {
            "register_number": _("Bei eingetragenen Vereinen und gGmbHs, z. B. VR 1234."),
            "iban": _("Auf dieses Konto wird die Förderung überwiesen."),
            "representative": _("Wer die Organisation rechtlich vertritt, z. B. der Vorstand."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.REQUIRED:
            self.fields[name].required = True
        self.fields["legal_form"].choices = [("", "---------"), *ApplicantOrganisation.LegalForm.choices]
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["postal_code"].widget.attrs["autocomplete"] = "postal-code"

    def clean_iban(self):
        iban = re.sub(r"\s+", "", self.cleaned_data.get("iban", "")).upper()
        if iban and not iban_is_valid(iban):
            raise ValidationError(_("Diese IBAN ist nicht gültig. Bitte prüfen Sie die Eingabe."))
        return iban

    def clean_bic(self):
        bic = re.sub(r"\s+", "", self.cleaned_data.get("bic", "")).upper()
        if bic and not re.fullmatch(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?", bic):
            raise ValidationError(_("Diese BIC ist nicht gültig."))
        return bic

    def clean_postal_code(self):
        code = self.cleaned_data.get("postal_code", "").strip()
        if code and not re.fullmatch(r"[A-Za-z0-9 -]{4,10}", code):
            raise ValidationError(_("Bitte eine gültige Postleitzahl eingeben."))
        return code

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("legal_form") in ("ev", "ggmbh") and not cleaned.get("register_number"):
            self.add_error("register_number", _("Bitte die Registernummer angeben."))
        return cleaned


class ContactForm(forms.ModelForm):
    """Step 1: the person filling in the application."""

    class Meta:
        model = Applicant
        fields = ["name", "phone"]
        labels = {"name": _("Ihr Name"), "phone": _("Ihre Telefonnummer")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"


class ProjectForm(forms.ModelForm):
    """Step 2: the project."""

    REQUIRED = ["title", "summary", "description", "target_group", "start_date", "end_date", "place"]

    languages = forms.MultipleChoiceField(
        label=_("Sprachen im Projekt"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=PROJECT_LANGUAGES,
    )

    class Meta:
        model = GrantApplication
        fields = [
            "title",
            "summary",
            "description",
            "target_group",
            "languages",
            "other_languages",
            "start_date",
            "end_date",
            "place",
            "expected_participants",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "target_group": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "summary": _("Zwei bis drei Sätze: Was haben Sie vor?"),
            "description": _("Ziele, geplante Aktivitäten, Ablauf, Kooperationspartner."),
            "target_group": _("Wen möchten Sie erreichen, und wie?"),
            "place": _("z. B. Bürgerhaus Burbach, Saarbrücken"),
        }

    def __init__(self, *args, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        for name in self.REQUIRED:
            self.fields[name].required = True
        self.fields["expected_participants"].widget.attrs.update({"min": 0, "max": 100000})
        self.fields["expected_participants"].validators.append(
            MaxValueValidator(100000, message=_("Bitte eine realistische Zahl angeben."))
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Das Projektende muss nach dem Projektbeginn liegen."))
        if start and start.year > timezone.localdate().year + 2:
            self.add_error("start_date", _("Der Projektbeginn liegt zu weit in der Zukunft."))
        return cleaned


class BudgetForm(forms.ModelForm):
    """Step 3: how the project is financed (the cost lines are a formset)."""

    requested_amount = EuroField(label=_("Beantragter Betrag beim ZIB (Euro)"), required=True)
    own_contribution = EuroField(label=_("Eigenanteil (Euro)"), required=False)
    other_funding = EuroField(label=_("Andere Förderung (Euro)"), required=False)

    class Meta:
        model = GrantApplication
        fields = ["requested_amount", "own_contribution", "other_funding", "other_funding_source"]
        help_texts = {
            "other_funding_source": _("Von wem? Auch beantragte, noch nicht bewilligte Mittel angeben."),
        }

    def clean_own_contribution(self):
        return self.cleaned_data.get("own_contribution") or Decimal("0")

    def clean_other_funding(self):
        return self.cleaned_data.get("other_funding") or Decimal("0")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("other_funding") and not cleaned.get("other_funding_source"):
            self.add_error("other_funding_source", _("Bitte angeben, von wem die andere Förderung kommt."))
        return cleaned


class BudgetLineForm(forms.ModelForm):
    amount = EuroField(label=_("Betrag (Euro)"), min_value=Decimal("0.01"))

    class Meta:
        model = BudgetLine
        fields = ["category", "description", "amount"]


MAX_EXTRA_LINES = 20


def budget_line_formset(extra_lines=0):
    """The cost lines: two empty rows, plus up to MAX_EXTRA_LINES more the applicant asked for."""
    return inlineformset_factory(
        GrantApplication,
        BudgetLine,
        form=BudgetLineForm,
        extra=2 + min(max(extra_lines, 0), MAX_EXTRA_LINES),
        can_delete=True,
        max_num=50,
        validate_max=True,
    )


class BudgetStep:
    """The budget form and its cost lines, checked together: the sums must add up."""

    def __init__(self, application, data=None, extra_lines=0):
        self.application = application
        self.form = BudgetForm(data=data, instance=application, prefix="budget")
        self.formset = budget_line_formset(extra_lines)(data=data, instance=application, prefix="lines")
        self.sum_errors = {}

    @property
    def total_costs(self):
        total = Decimal("0")
        for form in self.formset.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            total += form.cleaned_data.get("amount") or Decimal("0")
        return total

    def is_valid(self, check_sums=True):
        form_ok = self.form.is_valid()
        formset_ok = self.formset.is_valid()
        if not (form_ok and formset_ok):
            return False
        if not check_sums:
            return True
        self.sum_errors = services.budget_errors(
            total_costs=self.total_costs,
            requested=self.form.cleaned_data.get("requested_amount"),
            own=self.form.cleaned_data.get("own_contribution"),
            other=self.form.cleaned_data.get("other_funding"),
            call=self.application.call,
        )
        for field, message in self.sum_errors.items():
            self.form.add_error(None if field == "__all__" else field, message)
        return not self.sum_errors

    def save(self):
        self.formset.save()


class AttachmentForm(forms.Form):
    """Step 4: one upload at a time, checked by its content."""

    document_label = forms.ChoiceField(label=_("Art der Unterlage"))
    file = forms.FileField(
        label=_("Datei"),
        help_text=_("PDF, JPEG, PNG oder DOCX."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx"}),
    )

    OTHER = _("Sonstige Unterlage")

    def __init__(self, *args, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        labels = [document.label for document in call.required_documents.all()] if call else []
        self.fields["document_label"].choices = [(label, label) for label in labels] + [
            (str(self.OTHER), self.OTHER)
        ]
        limit = round(services.max_upload_size() / 1024 / 1024, 1)
        self.fields["file"].help_text = _("PDF, JPEG, PNG oder DOCX, höchstens %(limit)s MB.") % {
            "limit": limit
        }

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.detected = services.inspect_upload(uploaded)
        return uploaded


class DeclarationsForm(forms.ModelForm):
    """Step 5: what the applicant confirms before submitting."""

    class Meta:
        model = GrantApplication
        fields = ["confirms_accuracy", "consents_data_processing", "consents_public_listing"]
        labels = {
            "confirms_accuracy": _("Ich bestätige, dass alle Angaben richtig und vollständig sind."),
            "consents_data_processing": _(
                "Ich bin einverstanden, dass das ZIB die Angaben zur Bearbeitung des Antrags speichert "
                "und verarbeitet."
            ),
            "consents_public_listing": _(
                "Wird das Projekt gefördert, darf das ZIB Projekttitel, Organisation und Fördersumme "
                "öffentlich nennen (freiwillig)."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirms_accuracy"].required = True
        self.fields["consents_data_processing"].required = True


class AnswerForm(forms.Form):
    """The applicant's answer to a question of the office, with an optional file."""

    body = forms.CharField(label=_("Ihre Antwort"), widget=forms.Textarea, max_length=10000)
    file = forms.FileField(label=_("Anlage"), required=False)

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded:
            services.inspect_upload(uploaded)
        return uploaded


class ReportForm(AnswerForm):
    """The usage report (Verwendungsnachweis): a short report and the receipts."""

    body = forms.CharField(
        label=_("Sachbericht"),
        widget=forms.Textarea,
        max_length=10000,
        help_text=_("Was ist im Projekt passiert, wen haben Sie erreicht, wofür wurde das Geld ausgegeben?"),
    )
    file = forms.FileField(
        label=_("Belege und Übersicht der Ausgaben"),
        required=False,
        help_text=_("PDF, JPEG, PNG oder DOCX. Weitere Belege können Sie nachreichen."),
    )


# --------------------------------------------------------------------------
# Staff
# --------------------------------------------------------------------------


class StatusChangeForm(forms.Form):
    """Change the status; the hidden version guards against concurrent changes."""

    to_status = forms.ChoiceField(label=_("Neuer Status"))
    note = forms.CharField(
        label=_("Nachricht an die Antragstellenden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        help_text=_("Wird der Organisation angezeigt und per E-Mail geschickt. Bei Rückfragen: die Frage."),
    )
    amount = EuroField(
        label=_("Betrag (Euro)"), required=False, help_text=_("Bei Bewilligung und Auszahlung.")
    )
    date = forms.DateField(
        label=_("Datum"),
        required=False,
        widget=DateInput(),
        help_text=_("Auszahlungsdatum oder Frist für den Verwendungsnachweis."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (status, GrantApplication.Status(status).label)
            for status in services.allowed_transitions(application.status, services.STAFF)
        ]
        self.fields["version"].initial = application.version


class InternalCommentForm(forms.Form):
    body = forms.CharField(
        label=_("Interner Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class ReviewScoreForm(forms.ModelForm):
    SCALE = [(value, str(value)) for value in range(1, 6)]

    relevance = forms.TypedChoiceField(label=_("Bedeutung für das Zusammenleben"), choices=SCALE, coerce=int)
    feasibility = forms.TypedChoiceField(label=_("Umsetzbarkeit"), choices=SCALE, coerce=int)
    budget = forms.TypedChoiceField(label=_("Angemessenheit der Kosten"), choices=SCALE, coerce=int)

    class Meta:
        model = ReviewScore
        fields = ["relevance", "feasibility", "budget", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}
