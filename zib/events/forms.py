"""The events filter and the public registration form."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EventPage


class EventFilterForm(forms.Form):
    """Filters of the listing and the calendar feed, all in the query string.

    Invalid values never cause an error page: the field is ignored and the
    visitor is told so, with what they typed kept in the form.
    """

    WHEN_UPCOMING = "upcoming"
    WHEN_PAST = "past"
    MODE_ONLINE = "online"
    MODE_IN_PERSON = "in_person"

    when = forms.ChoiceField(
        label=_("Zeitraum"),
        required=False,
        choices=[("", _("Kommende")), (WHEN_PAST, _("Vergangene"))],
    )
    language = forms.ChoiceField(label=_("Sprache"), required=False, choices=[("", _("Alle Sprachen"))])
    kind = forms.ChoiceField(
        label=_("Art"), required=False, choices=[("", _("Alle Arten")), *EventPage.Kind.choices]
    )
    mode = forms.ChoiceField(
        label=_("Teilnahme"),
        required=False,
        choices=[("", _("Online und vor Ort")), (MODE_IN_PERSON, _("Vor Ort")), (MODE_ONLINE, _("Online"))],
    )
    date_from = forms.DateField(
        label=_("Ab Datum"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("Bis Datum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    # Dates far outside this window are typos, not searches.
    MIN_DATE = datetime.date(2000, 1, 1)
    MAX_DATE = datetime.date(2100, 12, 31)

    def __init__(self, data=None, *, languages=(), **kwargs):
        super().__init__(data, **kwargs)
        self.languages = list(languages)
        self.fields["language"].choices = [
            ("", _("Alle Sprachen")),
            *((language.code, language.native_name) for language in self.languages),
        ]
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"filter-{name}")

    def _clean_date(self, name):
        value = self.cleaned_data.get(name)
        if value and not (self.MIN_DATE <= value <= self.MAX_DATE):
            raise forms.ValidationError(_("Bitte ein Datum zwischen 2000 und 2100 angeben."))
        return value

    def clean_date_from(self):
        return self._clean_date("date_from")

    def clean_date_to(self):
        return self._clean_date("date_to")

    def filters(self):
        """The valid filter values; invalid ones are dropped."""
        if self.is_bound:
            self.is_valid()
            return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}
        return {}


class RegistrationForm(forms.Form):
    """A visitor registering for an event. No account is needed."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        help_text=_("Hierhin schicken wir die Bestätigung mit einem Link zum Abmelden."),
    )
    phone = forms.CharField(label=_("Telefon (freiwillig)"), max_length=50, required=False)
    note = forms.CharField(
        label=_("Hinweise (freiwillig)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("z. B. Unterstützungsbedarf zur Barrierefreiheit oder Dolmetschen"),
    )
    privacy = forms.BooleanField(
        label=_("Ich bin einverstanden, dass meine Angaben für diese Anmeldung gespeichert werden."),
        help_text=_("Die Angaben werden nach der Veranstaltung gelöscht."),
        error_messages={"required": _("Bitte stimmen Sie der Speicherung Ihrer Angaben zu.")},
    )
    # A field people cannot see: bots fill it in, people do not.
    website = forms.CharField(label=_("Bitte leer lassen"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Bitte geben Sie Ihren Namen an.")
        self.fields["email"].error_messages["required"] = _("Bitte geben Sie Ihre E-Mail-Adresse an.")
        self.fields["email"].error_messages["invalid"] = _(
            "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de."
        )
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget = forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"})
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def is_spam(self):
        return bool(self.data.get("website"))

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
