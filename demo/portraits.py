"""Placeholder portraits for the demo people, drawn with Pillow: a plain head-and-shoulders
silhouette on a coloured ground, with no text, so nobody mistakes one for a real photo."""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

WIDTH, HEIGHT = 480, 600


def portrait(background, figure):
    """A 480 by 600 JPEG: a head and shoulders in `figure` on `background` (both "#rrggbb")."""
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    centre = WIDTH // 2
    # Shoulders: the top of a wide ellipse running off the bottom edge.
    draw.ellipse([centre - 210, 400, centre + 210, 820], fill=figure)
    # Neck, then head.
    draw.rectangle([centre - 45, 330, centre + 45, 430], fill=figure)
    draw.ellipse([centre - 105, 130, centre + 105, 370], fill=figure)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return ContentFile(buffer.getvalue(), name="portrait.jpg")
