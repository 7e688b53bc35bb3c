"""Forms of the two-factor sign-in."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    """The six-digit code from the authenticator app."""

    token = forms.CharField(
        label=_("Sechsstelliger Code aus der Authenticator-App"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError(
                _("Bitte geben Sie die sechs Ziffern aus Ihrer Authenticator-App ein.")
            )
        return token
