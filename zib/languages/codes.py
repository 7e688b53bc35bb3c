"""Language codes (BCP 47) as editors and partners type them: normalised and checked."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Common ways of writing a language that are not its BCP 47 tag: "DGS" is
# what people call German Sign Language, whose tag is "gsg".
ALIASES = {"dgs": "gsg"}

LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


def normalize_language_codes(value):
    """Lower-case, de-duplicated codes joined by ", " (the stored form).

    Commas, semicolons and spaces all separate codes.
    """
    codes = []
    for raw in re.split(r"[,;\s]+", value or ""):
        code = raw.strip().lower()
        code = ALIASES.get(code, code)
        if code and code not in codes:
            codes.append(code)
    return ", ".join(codes)


def is_valid_language_code(code):
    return bool(LANGUAGE_CODE_RE.match(code or ""))


def cleaned_language_codes(value):
    """``value`` in the stored form; a ``ValidationError`` names what is not a language code."""
    codes = normalize_language_codes(value)
    wrong = [code for code in codes.split(", ") if code and not is_valid_language_code(code)]
    if wrong:
        raise ValidationError(
            _("Diese Sprachkürzel kennen wir nicht: %(codes)s. Bitte z. B. de, ar, uk schreiben."),
            params={"codes": ", ".join(wrong)},
            code="invalid",
        )
    return codes
