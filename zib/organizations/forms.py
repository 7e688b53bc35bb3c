"""Forms of the network directory: the visitor's filters and the partners' proposals."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from zib.languages.codes import cleaned_language_codes

from .models import District, Organization, Topic


class DirectoryFilterForm(forms.Form):
    """GET filters of the directory; invalid values are ignored, never an error page.

    ``topics``, ``languages`` and ``districts`` are the choices, ``(value, label)`` pairs.
    """

    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=200, widget=forms.SearchInput)
    topic = forms.ChoiceField(label=_("Themenfeld"), required=False)
    language = forms.ChoiceField(label=_("Sprache"), required=False)
    district = forms.ChoiceField(label=_("Stadtteil"), required=False)
    kind = forms.ChoiceField(label=_("Art"), required=False)

    def __init__(self, *args, topics=(), languages=(), districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Alle"))]
        self.fields["topic"].choices = everything + list(topics)
        self.fields["language"].choices = everything + list(languages)
        self.fields["district"].choices = everything + list(districts)
        self.fields["kind"].choices = everything + list(Organization.Kind.choices)

    def clean_q(self):
        # The SQLite full-text backend quotes each term without escaping, so
        # a double quote in the query would be a syntax error (HTTP 500).
        return " ".join(self.cleaned_data["q"].replace('"', " ").split())

    def filters(self):
        """The valid filters, whatever else was wrong."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) or "" for name in self.fields if name in self.cleaned_data}


def _phone_field(label):
    return forms.RegexField(
        label=label,
        regex=r"^[+\d][\d\s()/-]{3,40}$",
        required=False,
        error_messages={"invalid": _("Bitte nur Ziffern, Leerzeichen und + ( ) / - verwenden.")},
    )


def _topic_choices():
    return [(t.slug, t.name) for t in Topic.objects.filter(locale=Locale.get_default())]


def _district_choices():
    return [("", _("Bitte wählen"))] + [(d.slug, d.name) for d in District.objects.all()]


class ProposalForm(forms.Form):
    """A new directory entry or a change, proposed by a partner.

    What the partner typed is kept when something is wrong; staff review it
    before anything is published.
    """

    name = forms.CharField(label=_("Name der Organisation"), max_length=255)
    kind = forms.ChoiceField(label=_("Art"), choices=Organization.Kind.choices)
    description = forms.CharField(
        label=_("Beschreibung"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=3000,
        help_text=_("Was bieten Sie an, für wen?"),
    )
    topics = forms.MultipleChoiceField(
        label=_("Themenfelder"), required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.CharField(
        label=_("Sprachen"),
        required=False,
        max_length=200,
        help_text=_(
            "In welchen Sprachen kann man mit Ihnen sprechen? "
            "Sprachkürzel mit Komma getrennt, z. B. de, ar, uk."
        ),
    )
    district = forms.ChoiceField(label=_("Stadtteil"), required=False)
    street = forms.CharField(label=_("Straße und Hausnummer"), max_length=200, required=False)
    postal_code = forms.RegexField(
        label=_("PLZ"),
        regex=r"^\d{5}$",
        required=False,
        error_messages={"invalid": _("Bitte eine fünfstellige Postleitzahl angeben, z. B. 66111.")},
    )
    city = forms.CharField(label=_("Ort"), max_length=100, required=False, initial="Saarbrücken")
    phone = _phone_field(_("Telefon"))
    email = forms.EmailField(label=_("Öffentliche E-Mail-Adresse"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    consultation_hours = forms.CharField(
        label=_("Sprechzeiten"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=1000
    )
    accessibility = forms.ChoiceField(
        label=_("Barrierefreiheit der Räume"), choices=Organization.Accessibility.choices, required=False
    )
    accessibility_notes = forms.CharField(
        label=_("Hinweise zur Barrierefreiheit"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
    )
    social_links = forms.CharField(
        label=_("Soziale Medien"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Eine Adresse pro Zeile, z. B. https://www.instagram.com/ihr-verein/"),
    )
    contact_name = forms.CharField(label=_("Ansprechperson: Name"), max_length=200, required=False)
    contact_role = forms.CharField(label=_("Ansprechperson: Funktion"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Ansprechperson: E-Mail"), required=False)
    contact_phone = _phone_field(_("Ansprechperson: Telefon"))
    contact_consent = forms.BooleanField(
        label=_("Die Ansprechperson ist einverstanden, dass Name und Kontakt veröffentlicht werden."),
        required=False,
    )
    submitter_name = forms.CharField(label=_("Ihr Name"), max_length=200)
    submitter_email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        help_text=_(
            "Wir schicken Ihnen einen Link, mit dem Sie die Adresse bestätigen. "
            "Sie wird nicht veröffentlicht."
        ),
    )
    privacy = forms.BooleanField(
        label=_(
            "Ich habe den Datenschutzhinweis gelesen und bin einverstanden, "
            "dass das ZIB meine Angaben zur Prüfung speichert."
        ),
        error_messages={
            "required": _(
                "Bitte stimmen Sie dem Datenschutzhinweis zu, damit wir Ihren Vorschlag speichern dürfen."
            )
        },
    )
    # Honeypot: hidden from people, filled by bots.
    homepage = forms.CharField(label=_("Bitte leer lassen"), required=False)

    DATA_FIELDS = [
        "name",
        "kind",
        "description",
        "topics",
        "languages",
        "district",
        "street",
        "postal_code",
        "city",
        "phone",
        "email",
        "website",
        "consultation_hours",
        "accessibility",
        "accessibility_notes",
        "social_links",
        "contact_name",
        "contact_role",
        "contact_email",
        "contact_phone",
        "contact_consent",
    ]

    def __init__(self, *args, submitter_known=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = _topic_choices()
        self.fields["district"].choices = _district_choices()
        if submitter_known:
            # A partner coming back through a personal link has proven the address already.
            for name in ("submitter_name", "submitter_email", "privacy"):
                del self.fields[name]
        for field in self.fields.values():
            if field.required:
                field.label = format_lazy("{} ({})", field.label, _("Pflichtfeld"))

    def clean_languages(self):
        return cleaned_language_codes(self.cleaned_data.get("languages", ""))

    def clean_social_links(self):
        lines = [
            line.strip() for line in self.cleaned_data.get("social_links", "").splitlines() if line.strip()
        ]
        validate = URLValidator(schemes=["https", "http"])
        urls = []
        for line in lines[:10]:
            try:
                validate(line)
            except ValidationError:
                raise ValidationError(
                    _("„%(line)s“ ist keine vollständige Internetadresse (mit https://)."),
                    params={"line": line},
                ) from None
            urls.append(line)
        return urls

    def clean_homepage(self):
        if self.cleaned_data.get("homepage"):
            raise ValidationError(_("Dieses Feld bitte leer lassen."))
        return ""

    def clean(self):
        cleaned = super().clean()
        contact = [cleaned.get(f) for f in ("contact_role", "contact_email", "contact_phone")]
        if any(contact) and not cleaned.get("contact_name"):
            self.add_error("contact_name", _("Bitte den Namen der Ansprechperson angeben."))
        return cleaned

    def proposal_data(self):
        """The proposed values as JSON-compatible data."""
        return {name: self.cleaned_data.get(name) for name in self.DATA_FIELDS}

    @classmethod
    def initial_from_organization(cls, organization):
        """Prefill a change proposal with the entry's current values."""
        contact = organization.contact_persons.first()
        return {
            "name": organization.name,
            "kind": organization.kind,
            "description": organization.description,
            "topics": [t.slug for t in organization.topics.all()],
            "languages": organization.languages,
            "district": organization.district.slug if organization.district else "",
            "street": organization.street,
            "postal_code": organization.postal_code,
            "city": organization.city,
            "phone": organization.phone,
            "email": organization.email,
            "website": organization.website,
            "consultation_hours": organization.consultation_hours,
            "accessibility": organization.accessibility,
            "accessibility_notes": organization.accessibility_notes,
            "social_links": "\n".join(c.url for c in organization.social_channels.all()),
            "contact_name": contact.name if contact else "",
            "contact_role": contact.role if contact else "",
            "contact_email": contact.email if contact else "",
            "contact_phone": contact.phone if contact else "",
            "contact_consent": contact.consent_to_publish if contact else False,
        }

    @classmethod
    def initial_from_data(cls, data):
        initial = dict(data)
        if isinstance(initial.get("social_links"), list):
            initial["social_links"] = "\n".join(initial["social_links"])
        return initial


class ReviewForm(forms.Form):
    """Staff's decision on a proposal."""

    ACTIONS = [("publish", _("Veröffentlichen")), ("return", _("Zurückschicken")), ("reject", _("Ablehnen"))]

    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Notiz an die einreichende Person"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=3000,
        help_text=_("Pflicht beim Zurückschicken: was soll geändert werden?"),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "return" and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Bitte schreiben Sie, was geändert werden soll."))
        return cleaned
