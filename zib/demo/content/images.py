"""The seed's images, drawn locally with Pillow and carrying the seed's credits.

Nothing is downloaded: each picture is a colour gradient with a simple
motif and its title. Alt texts describe what the generated picture shows.
Images are looked up by title, so loading twice makes no copies.
"""

import io
import math

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont
from wagtail.models import Collection

from zib.images.models import CustomImage

CAMPAIGN = "Eine kleine Impfung – eine große Umarmung"

# key: (title, alt text, credit, size, gradient start, gradient end, motif)
IMAGES = {
    "collage-1": (
        "Collage Impfung Umarmung 1",
        f"Illustration auf blauem Farbverlauf: zwei sich überlappende Kreise wie eine Umarmung, "
        f"daneben ein Pflaster und der Schriftzug „{CAMPAIGN}“",
        "Christian Bart",
        (1200, 800),
        (0, 81, 110),
        (0, 140, 150),
        "hug",
    ),
    "collage-2": (
        "Collage Impfung Umarmung 2",
        f"Illustration auf rotem Farbverlauf: zwei sich überlappende Kreise wie eine Umarmung, "
        f"daneben ein Pflaster und der Schriftzug „{CAMPAIGN}“",
        "Christian Bart",
        (1200, 800),
        (168, 50, 15),
        (200, 100, 40),
        "hug",
    ),
    "collage-3": (
        "Collage Impfung Umarmung 3",
        f"Illustration auf grünem Farbverlauf: zwei sich überlappende Kreise wie eine Umarmung, "
        f"daneben ein Pflaster und der Schriftzug „{CAMPAIGN}“",
        "Christian Bart",
        (1200, 800),
        (30, 107, 48),
        (60, 140, 90),
        "hug",
    ),
    "rodica-petcu": (
        "Rodica Petcu",
        "Platzhalterbild auf violettem Farbverlauf: Umriss einer Person, darunter der Name Rodica Petcu",
        "Privat",
        (800, 800),
        (91, 60, 120),
        (150, 90, 160),
        "portrait",
    ),
    "adele-robart": (
        "Adèle Robart",
        "Platzhalterbild auf blaugrünem Farbverlauf: Umriss einer Person, darunter der Name Adèle Robart",
        "ZIB",
        (800, 800),
        (0, 58, 79),
        (20, 110, 120),
        "portrait",
    ),
    "was-macht-zib": (
        "Was macht eigentlich das ZIB?",
        "Illustration auf grauem Farbverlauf: ein großes gelbes Fragezeichen in einem Kreis aus bunten "
        "Punkten, darunter der Schriftzug „Was macht eigentlich das ZIB?“",
        "Sandra Steinmetz",
        (1200, 800),
        (50, 50, 50),
        (95, 95, 95),
        "question",
    ),
}
# Other demo parts know the last image under this key, too.
ALIASES = {"was-macht-das-zib": "was-macht-zib"}


# A system font with umlauts, accents and dashes if there is one; Pillow's own font otherwise.
FONT_CANDIDATES = [
    "DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
]


def _font(size):
    for candidate in FONT_CANDIDATES:
        try:
            return ImageFont.truetype(candidate, size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow built without FreeType
        return ImageFont.load_default()


def _gradient(size, start, end):
    width, height = size
    picture = Image.new("RGB", size, start)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        share = y / max(height - 1, 1)
        colour = tuple(round(a + (b - a) * share) for a, b in zip(start, end, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    return picture


def _draw_hug(draw, size):
    width, height = size
    centre_y = height // 2 - 40
    for offset in (-110, 110):
        x = width // 2 + offset
        draw.ellipse((x - 190, centre_y - 190, x + 190, centre_y + 190), outline="white", width=14)
    # A plaster: a rounded bar with a pad in the middle.
    left, top = width - 330, 110
    draw.rounded_rectangle((left, top, left + 240, top + 80), radius=40, fill=(245, 222, 190))
    draw.rectangle((left + 90, top + 12, left + 150, top + 68), fill=(230, 200, 165))


def _draw_portrait(draw, size):
    width, _height = size
    draw.ellipse((width // 2 - 130, 150, width // 2 + 130, 410), fill=(255, 255, 255, 200))
    draw.pieslice((width // 2 - 260, 440, width // 2 + 260, 960), 180, 360, fill=(255, 255, 255))


def _draw_question(draw, size):
    width, height = size
    colours = [(255, 191, 71), (0, 140, 180), (230, 90, 60), (120, 190, 90), (250, 250, 250)]
    centre_x, centre_y = width // 2, (height - 150) // 2
    for index in range(28):
        angle = 2 * math.pi * index / 28
        x = centre_x + math.cos(angle) * 420
        y = centre_y + math.sin(angle) * 250
        radius = 12 + index % 4 * 6
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colours[index % len(colours)])
    draw.text((centre_x, centre_y), "?", font=_font(420), fill=colours[0], anchor="mm")


MOTIFS = {"hug": _draw_hug, "portrait": _draw_portrait, "question": _draw_question}


def render(title, size, start, end, motif, caption=None):
    """The JPEG bytes of one demo picture."""
    picture = _gradient(size, start, end)
    draw = ImageDraw.Draw(picture)
    MOTIFS[motif](draw, size)
    width, height = size
    band_top = height - 150
    draw.rectangle((0, band_top, width, height), fill=(0, 0, 0))
    text = caption or title
    font_size = 52 if width > 900 else 44
    font = _font(font_size)
    while font_size > 20 and draw.textlength(text, font=font) > width - 96:
        font_size -= 4
        font = _font(font_size)
    draw.text((48, band_top + 75), text, font=font, fill="white", anchor="lm")
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def get_or_create_image(title, alt, credit, size, start, end, motif, caption=None):
    """The image with this title, its alt text and credit brought up to date; drawn if new."""
    image = CustomImage.objects.filter(title=title).order_by("pk").first()
    if image is None:
        image = CustomImage(title=title, collection=Collection.get_first_root_node())
        image.file = ImageFile(
            io.BytesIO(render(title, size, start, end, motif, caption)), name=f"demo-{slugify(title)}.jpg"
        )
    if image.pk is None or (image.description, image.credit) != (alt, credit):
        image.description = alt
        image.credit = credit
        image.save()
    return image


def load(ctx):
    for key, (title, alt, credit, size, start, end, motif) in IMAGES.items():
        caption = CAMPAIGN if motif == "hug" else None
        ctx.images[key] = get_or_create_image(title, alt, credit, size, start, end, motif, caption)
    for alias, key in ALIASES.items():
        ctx.images[alias] = ctx.images[key]
