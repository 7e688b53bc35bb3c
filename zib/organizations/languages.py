"""The directory's language codes (BCP 47, see ``zib.languages.codes``): names and matching."""

import re

from zib.languages.services import translated_language_name


def language_name(code):
    """The language's name in the visitor's language, or the code itself."""
    return translated_language_name((code or "").lower())


def language_regex(code):
    """A regular expression matching `code` inside the stored, comma-separated form."""
    return rf"(^|,\s*){re.escape(code)}(\s*,|$)"
