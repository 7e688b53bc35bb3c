"""Cover art rules of Apple Podcasts and Spotify: JPEG or PNG, square, 1400–3000 px, RGB."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image as PILImage

MIN_SIZE = 1400
MAX_SIZE = 3000
FORMATS = {"JPEG", "PNG"}


def check_cover_art(image):
    """Raise ValidationError listing every rule the image breaks (German messages)."""
    problems = []
    try:
        with image.open_file() as handle, PILImage.open(handle) as pil:
            file_format, mode = pil.format, pil.mode
            width, height = pil.size
    except (OSError, ValueError) as error:
        raise ValidationError(_("Das Titelbild kann nicht gelesen werden."), code="unreadable") from error

    if file_format not in FORMATS:
        problems.append(
            _("Das Titelbild muss eine JPEG- oder PNG-Datei sein (diese ist %(format)s).")
            % {"format": file_format or _("unbekannt")}
        )
    if width != height:
        problems.append(
            _("Das Titelbild muss quadratisch sein (dieses ist %(width)d × %(height)d Pixel).")
            % {"width": width, "height": height}
        )
    if not (min(width, height) >= MIN_SIZE and max(width, height) <= MAX_SIZE):
        problems.append(
            _(
                "Das Titelbild muss zwischen %(min)d und %(max)d Pixel groß sein "
                "(dieses ist %(width)d × %(height)d)."
            )
            % {"min": MIN_SIZE, "max": MAX_SIZE, "width": width, "height": height}
        )
    if mode != "RGB":
        problems.append(
            _(
                "Das Titelbild muss im Farbraum RGB ohne Transparenz gespeichert sein "
                "(dieses hat „%(mode)s“). "
                "Bitte als JPEG exportieren."
            )
            % {"mode": mode}
        )
    if problems:
        raise ValidationError(problems, code="cover_art")
