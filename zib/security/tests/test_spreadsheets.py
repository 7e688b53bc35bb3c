import pytest

from zib.security.spreadsheets import spreadsheet_safe


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("+49 681 905-0", "+49 681 905-0"),
        ("-", "-"),
        ("Saarbrücken", "Saarbrücken"),
        ("", ""),
        (None, None),
        (42, 42),
    ],
)
def test_formulas_are_defused_and_phone_numbers_kept(value, expected):
    assert spreadsheet_safe(value) == expected
