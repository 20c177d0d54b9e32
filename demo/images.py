"""Generated pictures and PDFs for the demo content, drawn with Pillow."""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont


def picture(size, colour, text, font_size=44):
    """A plain generated graphic: a coloured panel with words on it, as a JPEG or PNG file."""
    width, height = size
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    for step in range(0, width, 40):
        draw.line([(step, height), (step + height, 0)], fill=_shade(colour), width=14)
    font = ImageFont.load_default(size=font_size)
    lines = _wrap(draw, text, font, width - 2 * 60)
    y = height - 60 - len(lines) * int(font_size * 1.25)
    for line in lines:
        draw.text((60 if width > height else width // 2, y), line, font=font, fill="white",
                  anchor="la" if width > height else "ma")  # fmt: skip
        y += int(font_size * 1.25)
    buffer = io.BytesIO()
    image_format = "JPEG" if width > height else "PNG"
    image.save(buffer, format=image_format, quality=82, optimize=True)
    return ContentFile(buffer.getvalue())


def pdf(pages, name):
    """A real PDF with one A4 page (at 100 dpi) per text."""
    images = []
    for text in pages:
        image = Image.new("RGB", (827, 1169), "white")
        draw = ImageDraw.Draw(image)
        font = ImageFont.load_default(size=36)
        y = 120
        for line in _wrap(draw, text, font, 827 - 2 * 80):
            draw.text((80, y), line, font=font, fill="#0b2545")
            y += 48
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=100)
    return ContentFile(buffer.getvalue(), name=name)


def _shade(colour):
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return (min(red + 18, 255), min(green + 18, 255), min(blue + 18, 255))


def _wrap(draw, text, font, max_width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > max_width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line]
