"""Language codes (BCP 47) of the directory and their names for display."""

import re

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

# Languages spoken in the network that Django does not know by name.
EXTRA_LANGUAGE_NAMES = {
    "ku": _("Kurdisch"),
    "kmr": _("Kurmandschi"),
    "ckb": _("Sorani"),
    "ti": _("Tigrinya"),
    "so": _("Somali"),
    "prs": _("Dari"),
    "ps": _("Paschtu"),
    "am": _("Amharisch"),
    "sq": _("Albanisch"),
    "bs": _("Bosnisch"),
    "dgs": _("Deutsche Gebärdensprache"),
}

# German names for the codes Django knows, so the UI can translate them.
LANGUAGE_NAMES = {
    "de": _("Deutsch"),
    "en": _("Englisch"),
    "fr": _("Französisch"),
    "ar": _("Arabisch"),
    "tr": _("Türkisch"),
    "ru": _("Russisch"),
    "uk": _("Ukrainisch"),
    "ro": _("Rumänisch"),
    "fa": _("Persisch (Farsi)"),
    "es": _("Spanisch"),
    "it": _("Italienisch"),
    "pl": _("Polnisch"),
    "bg": _("Bulgarisch"),
    "sr": _("Serbisch"),
    "hr": _("Kroatisch"),
    "el": _("Griechisch"),
    "pt": _("Portugiesisch"),
    "vi": _("Vietnamesisch"),
    "zh-hans": _("Chinesisch"),
    **EXTRA_LANGUAGE_NAMES,
}

LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


def normalize_language_codes(value):
    """Lower-case, de-duplicated codes joined by ", " (the stored form)."""
    codes = []
    for raw in re.split(r"[,;\s]+", value or ""):
        code = raw.strip().lower()
        if code and code not in codes:
            codes.append(code)
    return ", ".join(codes)


def is_valid_language_code(code):
    return bool(LANGUAGE_CODE_RE.match(code or ""))


def language_name(code):
    """The language's name in the visitor's language, or the code itself."""
    code = (code or "").lower()
    if code in LANGUAGE_NAMES:
        return str(LANGUAGE_NAMES[code])
    info = LANG_INFO.get(code)
    if info and "name_local" in info:
        return info["name_local"]
    return code


def language_regex(code):
    """A regular expression matching `code` inside the stored, comma-separated form."""
    return rf"(^|,\s*){re.escape(code)}(\s*,|$)"
