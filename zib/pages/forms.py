"""The public contact form, protected against spam without third parties or cookies."""

import time

from django import forms
from django.core import signing
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ContactMessage

TOKEN_SALT = "zib.pages.contact"  # noqa: S105 (a namespace for signing, not a secret)
#: A person needs at least this long to fill in the form; bots are faster.
MIN_FILL_SECONDS = 3
#: A form left open longer than this must be sent again (with a fresh token).
MAX_FORM_AGE_SECONDS = 24 * 60 * 60


def make_form_token(page_id, now=None):
    """A signed token carrying the page and the time the form was shown."""
    return signing.dumps(
        {"page": page_id, "shown": int(now if now is not None else time.time())}, salt=TOKEN_SALT
    )


class ContactForm(forms.Form):
    """Name and e-mail are optional (for a reply); the message is required.

    Besides the visible fields the form checks a honeypot field ("website",
    hidden from people, filled in by bots) and a signed token with the time
    the form was shown: too fast, too old or tampered with is refused.
    """

    topic = forms.ChoiceField(label=_("Ihr Anliegen"), choices=ContactMessage.Topic.choices)
    name = forms.CharField(label=_("Ihr Name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        required=False,
        help_text=_("Nur nötig, wenn Sie eine Antwort möchten."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("Ihre Nachricht"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    privacy = forms.BooleanField(
        label=_("Ich habe die Hinweise zum Datenschutz gelesen."),
        error_messages={
            "required": _("Bitte bestätigen Sie, dass Sie die Hinweise zum Datenschutz gelesen haben.")
        },
    )
    # The honeypot: visually hidden and hidden from assistive technology.
    website = forms.CharField(label=_("Website (bitte leer lassen)"), required=False, max_length=200)

    spam_fields = ("website",)

    def __init__(self, *args, page, privacy_url=None, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.now = now if now is not None else time.time()
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if privacy_url:
            self.fields["privacy"].help_text = format_html(
                '<a href="{}">{}</a>', privacy_url, _("Datenschutzerklärung lesen")
            )

    @property
    def fresh_token(self):
        """A new token for every rendering, so a retry starts a new fill-in time."""
        return make_form_token(self.page.pk, now=self.now)

    @property
    def visible_fields_for_people(self):
        return [field for field in self.visible_fields() if field.name not in self.spam_fields]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            raise forms.ValidationError(
                _(
                    "Ihre Nachricht sieht nach automatisch erzeugter Werbung aus und wurde nicht gesendet. "
                    "Bitte versuchen Sie es noch einmal oder schreiben Sie uns eine E-Mail."
                ),
                code="honeypot",
            )
        self._check_token(self.data.get("form_token", ""))
        return cleaned_data

    def _check_token(self, token):
        try:
            payload = signing.loads(token, salt=TOKEN_SALT)
            shown, page_id = int(payload["shown"]), payload["page"]
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise forms.ValidationError(
                _("Das Formular war unvollständig. Bitte senden Sie es noch einmal."), code="bad_token"
            ) from None
        age = self.now - shown
        if page_id != self.page.pk or age > MAX_FORM_AGE_SECONDS:
            raise forms.ValidationError(
                _("Das Formular war zu lange geöffnet. Bitte senden Sie es noch einmal."), code="expired"
            )
        if age < MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _(
                    "Das ging sehr schnell – fast zu schnell für einen Menschen. "
                    "Bitte prüfen Sie Ihre Angaben und senden Sie das Formular noch einmal."
                ),
                code="too_fast",
            )
