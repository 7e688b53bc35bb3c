"""CSV exports that spreadsheet programs cannot be tricked into running.

Text typed by the public (registrations, applications, directory entries)
may start with "=", "+", "-" or "@"; Excel and LibreOffice would run such a
cell as a formula (CSV injection). XLSX exports are safe already: Wagtail
writes every cell as a string.
"""

import re

FORMULA_PREFIXES = ("=", "@", "\t", "\r")
# "+49 681 905-0" and "-" are ordinary values, not formulas.
PHONE_LIKE = re.compile(r"^[+-][\d\s()/-]*$")


def spreadsheet_safe(value):
    """The value, with a leading apostrophe if a spreadsheet would run it."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_PREFIXES) or (value[0] in "+-" and not PHONE_LIKE.match(value)):
        return "'" + value
    return value


class SpreadsheetSafeExportMixin:
    """For Wagtail index views with CSV export: defuse formulas in every cell."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: spreadsheet_safe(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )
