"""Language codes (BCP 47) of the directory and their names for display."""

import re

from zib.languages.services import translated_language_name

# Common ways of writing a language that are not its BCP 47 tag: "DGS" is
# what people call German Sign Language, whose tag is "gsg".
ALIASES = {"dgs": "gsg"}

LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


def normalize_language_codes(value):
    """Lower-case, de-duplicated codes joined by ", " (the stored form)."""
    codes = []
    for raw in re.split(r"[,;\s]+", value or ""):
        code = raw.strip().lower()
        code = ALIASES.get(code, code)
        if code and code not in codes:
            codes.append(code)
    return ", ".join(codes)


def is_valid_language_code(code):
    return bool(LANGUAGE_CODE_RE.match(code or ""))


def language_name(code):
    """The language's name in the visitor's language, or the code itself."""
    return translated_language_name((code or "").lower())


def language_regex(code):
    """A regular expression matching `code` inside the stored, comma-separated form."""
    return rf"(^|,\s*){re.escape(code)}(\s*,|$)"
