"""Generated pictures, logos and PDFs for the demo content, drawn with Pillow.

The pictures are meant to pass for a real site's at a glance: soft light, depth of field and
grain over simple shapes (a skyline, a hospital, laboratory glass, people, cells), and never
any words, which belong in the page. Each scene comes with the alt text that describes it.
Drawing is seeded, so the same article always gets the same picture.
"""

import colorsys
import functools
import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

# Film grain (the noise's standard deviation): enough to soften flat colour, little enough that
# an 800-pixel WebP stays near 30 KB.
GRAIN = 6


def scene_picture(scene, colour, seed, size=(800, 450)):
    """A JPEG of `scene` (one of SCENES) in the hue of `colour`, the same for the same seed."""
    return ContentFile(_scene_jpeg(scene, colour, seed, size))


# Kept for the process: tests load the demo many times, and drawing is most of the work.
@functools.cache
def _scene_jpeg(scene, colour, seed, size):
    rng = random.Random(seed)  # noqa: S311 (drawing, not secrets)
    image = _finish(SCENES[scene][0](rng, _hue(colour), *size), rng)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80, optimize=True, progressive=True)
    return buffer.getvalue()


def scene_alt(scene, colour):
    """What a picture of `scene` in `colour` shows, for its alt text."""
    return SCENES[scene][1].format(colour=colour_name(colour))


def logo(colour, seed, size=240):
    """A PNG mark for an organisation, a simple shape in its colour with no letters, and
    what the shape is. Different seeds up to six give different shapes."""
    # Drawn at twice the size and scaled down, which smooths the edges.
    big = size * 2
    image = Image.new("RGB", (big, big), "white")
    draw = ImageDraw.Draw(image)
    shape = LOGO_SHAPES[seed % len(LOGO_SHAPES)]
    shape(draw, big, colour, _tint(colour, 0.55))
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue()), shape.__doc__.strip()


def colour_name(colour):
    """A plain name for a colour given as #rrggbb, good enough for alt text."""
    red, green, blue = _rgb(colour)
    hue, lightness, saturation = colorsys.rgb_to_hls(red / 255, green / 255, blue / 255)
    if saturation < 0.15:
        return "grey"
    names = [
        (20, "red"),
        (45, "orange"),
        (70, "gold"),
        (160, "green"),
        (200, "teal"),
        (255, "blue"),
        (290, "purple"),
        (335, "plum"),
        (360, "red"),
    ]
    name = next(name for limit, name in names if hue * 360 < limit)
    return f"deep {name}" if lightness < 0.3 else name


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


# Scenes: each draws an RGB image of the given size in a hue (0-1).


def _skyline(rng, hue, width, height):
    image = _sky(hue, width, height, dusk=True)
    _bokeh(image, rng, hue, count=28, y_range=(0.45, 0.95), blur=width // 90)
    far, near = _layer(width, height), _layer(width, height)
    horizon = int(height * 0.62)
    for layer, base, colour, step in [
        (far, horizon, _colour(hue, 0.28, 0.35), (40, 90)),
        (near, int(height * 0.74), _colour(hue, 0.12, 0.4), (70, 160)),
    ]:
        draw = ImageDraw.Draw(layer)
        x = -rng.randint(0, 60)
        while x < width:
            block = rng.randint(*step) // 2
            top = base - rng.randint(height // 10, height // 3)
            draw.rectangle([x, top, x + block, height], fill=colour)
            if layer is near:
                _windows(draw, rng, (x, top, x + block, height), hue)
            x += block + rng.randint(0, 12)
    # A round tower, the city's landmark shape, left of centre.
    draw = ImageDraw.Draw(near)
    cx, tower = int(width * rng.uniform(0.25, 0.4)), width // 14
    top = int(height * 0.28)
    draw.rounded_rectangle(
        [cx - tower, top, cx + tower, height], radius=tower // 2, fill=_colour(hue, 0.1, 0.4)
    )
    for band in range(top + tower, height, tower // 2):
        draw.line([cx - tower, band, cx + tower, band], fill=_colour(hue, 0.55, 0.6), width=3)
    image.paste(_soft(far, width // 400), (0, 0), far)
    image.paste(near, (0, 0), near)
    return image


def _hospital(rng, hue, width, height):
    image = _sky((hue + 0.05) % 1, width, height, dusk=True)
    _bokeh(image, rng, hue, count=18, y_range=(0.1, 0.6), blur=width // 70)
    layer = _layer(width, height)
    draw = ImageDraw.Draw(layer)
    left, right = int(width * rng.uniform(0.05, 0.2)), int(width * rng.uniform(0.8, 0.95))
    top, floors = int(height * 0.22), rng.randint(6, 8)
    draw.rectangle([left, top, right, height], fill=_colour(hue, 0.78, 0.12))
    draw.rectangle([left, top, right, top + height // 40], fill=_colour(hue, 0.35, 0.5))
    floor_height = (height - top) // floors
    columns = rng.randint(9, 13)
    pane = (right - left) // columns
    for floor in range(1, floors):
        for column in range(columns):
            lit = rng.random() < 0.55
            x0 = left + column * pane + pane // 6
            y0 = top + floor * floor_height - floor_height // 2
            fill = (255, 214, 140, 255) if lit else (*_colour(hue, 0.3, 0.35), 255)
            draw.rectangle([x0, y0, x0 + pane * 2 // 3, y0 + floor_height // 2], fill=fill)
    # A glass entrance and a plus sign: a hospital at a glance, with no words.
    door = (left + right) // 2
    draw.rectangle(
        [door - pane * 2, height - floor_height, door + pane * 2, height],
        fill=_colour(hue, 0.6, 0.4),
    )
    cross, arm = width // 28, width // 90
    cy = top - cross - height // 30
    draw.rectangle([door - cross, cy - arm, door + cross, cy + arm], fill=(255, 255, 255))
    draw.rectangle([door - arm, cy - cross, door + arm, cy + cross], fill=(255, 255, 255))
    image.paste(layer, (0, 0), layer)
    _trees(image, rng, hue, width, height)
    return image


def _lab(rng, hue, width, height):
    image = _backdrop(hue, width, height)
    _bokeh(image, rng, hue, count=34, y_range=(0.0, 0.7), blur=width // 60)
    layer = _layer(width, height)
    draw = ImageDraw.Draw(layer)
    bench = int(height * 0.8)
    draw.rectangle([0, bench, width, height], fill=(*_colour(hue, 0.85, 0.1), 255))
    glass, liquid = (235, 245, 250, 150), (*_colour((hue + 0.5) % 1, 0.55, 0.65), 220)
    x = int(width * rng.uniform(0.08, 0.16))
    # A conical flask, a round flask and a rack of test tubes, left to right.
    w = width // 6
    neck = w // 5
    draw.polygon(
        [
            (x, bench),
            (x + w, bench),
            (x + w // 2 + neck, bench - w),
            (x + w // 2 - neck, bench - w),
        ],
        fill=glass,
    )
    draw.rectangle(
        [x + w // 2 - neck, bench - int(w * 1.6), x + w // 2 + neck, bench - w], fill=glass
    )
    draw.polygon(
        [
            (x + w // 10, bench - 4),
            (x + w - w // 10, bench - 4),
            (x + w * 3 // 4, bench - w // 2),
            (x + w // 4, bench - w // 2),
        ],
        fill=liquid,
    )
    x += w + width // 14
    r = width // 11
    draw.rectangle(
        [x + r - neck, bench - 2 * r - int(r * 1.2), x + r + neck, bench - r], fill=glass
    )
    draw.ellipse([x, bench - 2 * r, x + 2 * r, bench], fill=glass)
    draw.chord([x, bench - 2 * r, x + 2 * r, bench], 10, 170, fill=(*_colour(hue, 0.6, 0.7), 220))
    x += 2 * r + width // 14
    tube = width // 40
    draw.rectangle(
        [x - tube, bench - height // 6, x + 7 * tube * 2, bench - height // 6 + tube],
        fill=(*_colour(hue, 0.2, 0.2), 255),
    )
    for index in range(7):
        tx = x + index * tube * 2
        depth = rng.uniform(0.3, 0.7)
        tall = int(height * rng.uniform(0.3, 0.38))
        draw.rounded_rectangle([tx, bench - tall, tx + tube, bench], radius=tube // 2, fill=glass)
        tint = _colour((hue + rng.uniform(-0.1, 0.1)) % 1, 0.5, 0.7)
        draw.rounded_rectangle(
            [tx, bench - int(tall * depth), tx + tube, bench], radius=tube // 2, fill=(*tint, 230)
        )
    image.paste(layer, (0, 0), layer)
    # Light catching the glass.
    shine = _layer(width, height)
    ImageDraw.Draw(shine).rectangle(
        [0, int(height * 0.3), width, int(height * 0.32)], fill=(255, 255, 255, 40)
    )
    image.paste(_soft(shine, width // 50), (0, 0), shine)
    return image


def _people(rng, hue, width, height):
    image = _backdrop((hue + 0.08) % 1, width, height)
    _bokeh(image, rng, hue, count=40, y_range=(0.0, 0.8), blur=width // 50)
    for depth, (lightness, blur, count, scale) in enumerate(
        [(0.45, width // 200, 7, 0.7), (0.16, 0, 5, 1.0)]
    ):
        layer = _layer(width, height)
        draw = ImageDraw.Draw(layer)
        colour = (*_colour(hue, lightness, 0.3), 255)
        slots = sorted(rng.uniform(0.05, 0.95) for _ in range(count))
        for slot in slots:
            cx = int(width * slot)
            tall = int(height * rng.uniform(0.55, 0.75) * scale)
            head = tall // 7
            top = height - tall + (0 if depth else height // 12)
            draw.ellipse([cx - head // 2, top, cx + head // 2, top + head], fill=colour)
            body = [cx - head, top + head + head // 6, cx + head, height + head]
            draw.rounded_rectangle(body, radius=head // 2, fill=colour)
        image.paste(_soft(layer, blur) if blur else layer, (0, 0), layer)
    return image


def _cells(rng, hue, width, height):
    image = _backdrop(hue, width, height, light=True)
    for blur, count, alpha in [(width // 60, 14, 90), (width // 300, 18, 200)]:
        layer = _layer(width, height)
        draw = ImageDraw.Draw(layer)
        for _ in range(count):
            r = int(width * rng.uniform(0.03, 0.08))
            x, y = rng.randrange(width), rng.randrange(height)
            membrane = (*_colour((hue + rng.uniform(-0.05, 0.05)) % 1, 0.75, 0.5), alpha)
            draw.ellipse(
                [x - r, y - r, x + r, y + r],
                fill=membrane,
                outline=(*_colour(hue, 0.45, 0.6), alpha),
                width=max(2, r // 10),
            )
            n = r // 2
            nx, ny = x + rng.randint(-n // 2, n // 2), y + rng.randint(-n // 2, n // 2)
            draw.ellipse([nx - n, ny - n, nx + n, ny + n], fill=(*_colour(hue, 0.3, 0.6), alpha))
        layer = _soft(layer, blur)
        image.paste(layer, (0, 0), layer)
    return image


SCENES = {
    "skyline": (
        _skyline,
        "A city skyline at dusk: office blocks and a round tower against a {colour} sky, "
        "with blurred lights below",
    ),
    "hospital": (
        _hospital,
        "The front of a modern hospital at dusk, rows of lit windows and a white cross above "
        "the glass entrance, under a {colour} sky",
    ),
    "lab": (
        _lab,
        "Laboratory glassware on a bench: a conical flask, a round flask and a rack of test "
        "tubes holding coloured liquid, in soft {colour} light",
    ),
    "people": (
        _people,
        "Silhouettes of a group of people standing together in front of soft, out-of-focus "
        "{colour} lights",
    ),
    "cells": (
        _cells,
        "A close-up, as if through a microscope, of round {colour} cells with darker centres",
    ),
}


# Logo shapes: each draws a mark on a square of side `size`; its docstring names it.


def _rings(draw, size, colour, light):
    """two interlocking rings"""
    r, w = size // 4, size // 14
    for cx, fill in [(size * 0.4, light), (size * 0.6, colour)]:
        draw.ellipse([cx - r, size / 2 - r, cx + r, size / 2 + r], outline=fill, width=w)


def _shield(draw, size, colour, light):
    """a shield"""
    m = size // 5
    draw.polygon(
        [(m, m), (size - m, m), (size - m, size // 2), (size // 2, size - m), (m, size // 2)],
        fill=colour,
    )
    draw.polygon(
        [(size // 2, m), (size - m, m), (size - m, size // 2), (size // 2, size - m)], fill=light
    )


def _hexagon(draw, size, colour, light):
    """a hexagon"""
    draw.regular_polygon((size / 2, size / 2, size * 0.34), 6, fill=colour)
    draw.regular_polygon((size / 2, size / 2, size * 0.17), 6, rotation=30, fill=light)


def _diamond(draw, size, colour, light):
    """a diamond over a circle"""
    r = size * 0.3
    draw.ellipse([size / 2 - r, size / 2 - r, size / 2 + r, size / 2 + r], fill=light)
    draw.regular_polygon((size / 2, size / 2, r * 0.95), 4, rotation=45, fill=colour)


def _chevrons(draw, size, colour, light):
    """three stacked chevrons"""
    m, step = size // 5, size // 7
    for index, fill in enumerate([light, colour, colour]):
        y = m + index * step
        draw.line(
            [(m, y + step), (size // 2, y), (size - m, y + step)],
            fill=fill,
            width=size // 12,
            joint="curve",
        )


def _quarters(draw, size, colour, light):
    """a circle cut into quarters"""
    m, g = size // 5, size // 30
    for start, fill in [(0, colour), (90, light), (180, colour), (270, light)]:
        draw.pieslice([m, m, size - m, size - m], start + 2, start + 88, fill=fill)
    draw.ellipse(
        [size / 2 - g * 2, size / 2 - g * 2, size / 2 + g * 2, size / 2 + g * 2], fill="white"
    )


LOGO_SHAPES = [_rings, _shield, _hexagon, _diamond, _chevrons, _quarters]


# Building blocks


def _rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _hue(colour):
    red, green, blue = _rgb(colour)
    return colorsys.rgb_to_hls(red / 255, green / 255, blue / 255)[0]


def _colour(hue, lightness, saturation):
    return tuple(round(c * 255) for c in colorsys.hls_to_rgb(hue, lightness, saturation))


def _tint(colour, amount):
    return tuple(round(c + (255 - c) * amount) for c in _rgb(colour))


def _layer(width, height):
    return Image.new("RGBA", (width, height), (0, 0, 0, 0))


def _gradient(top, bottom, width, height):
    mask = Image.linear_gradient("L").resize((width, height))
    return ImageOps.colorize(mask, top, bottom)


def _sky(hue, width, height, dusk=False):
    top = _colour(hue, 0.18, 0.5)
    bottom = _colour((hue + 0.12) % 1, 0.62, 0.55) if dusk else _colour(hue, 0.7, 0.4)
    return _gradient(top, bottom, width, height)


def _backdrop(hue, width, height, light=False):
    if light:
        return _gradient(_colour(hue, 0.93, 0.4), _colour(hue, 0.82, 0.45), width, height)
    return _gradient(_colour(hue, 0.22, 0.45), _colour(hue, 0.45, 0.4), width, height)


def _bokeh(image, rng, hue, count, y_range, blur):
    """Out-of-focus points of light, as a long lens shows lights behind its subject."""
    width, height = image.size
    layer = _layer(width, height)
    draw = ImageDraw.Draw(layer)
    for _ in range(count):
        r = int(width * rng.uniform(0.01, 0.05))
        x = rng.randrange(width)
        y = int(height * rng.uniform(*y_range))
        warm = rng.random() < 0.4
        colour = (255, 200, 120) if warm else _colour((hue + 0.5 * rng.random()) % 1, 0.75, 0.7)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(*colour, rng.randint(40, 120)))
    layer = _soft(layer, blur)
    image.paste(layer, (0, 0), layer)


def _windows(draw, rng, box, hue):
    left, top, right, bottom = box
    step = 14
    for y in range(top + step, bottom - step, step):
        for x in range(left + step // 2, right - step // 2, step):
            if rng.random() < 0.35:
                draw.rectangle([x, y, x + step // 3, y + step // 2], fill=(255, 216, 150))


def _trees(image, rng, hue, width, height):
    layer = _layer(width, height)
    draw = ImageDraw.Draw(layer)
    colour = (*_colour((hue + 0.3) % 1, 0.12, 0.3), 255)
    for _ in range(6):
        r = int(width * rng.uniform(0.04, 0.07))
        x = rng.choice([rng.uniform(0, 0.25), rng.uniform(0.75, 1)]) * width
        y = height - r // 2
        draw.ellipse([x - r, y - r * 2, x + r, y + r], fill=colour)
    image.paste(_soft(layer, width // 500), (0, 0), layer)


def _soft(layer, radius):
    """A Gaussian blur, worked at a quarter of the size: the same look, sixteen times less work."""
    if radius < 8:
        return layer.filter(ImageFilter.GaussianBlur(radius))
    small = layer.resize((layer.width // 4, layer.height // 4), Image.Resampling.BILINEAR)
    small = small.filter(ImageFilter.GaussianBlur(radius / 4))
    return small.resize(layer.size, Image.Resampling.BILINEAR)


def _finish(image, rng):
    """Grain and a soft vignette, so flat shapes read as a photograph."""
    width, height = image.size
    grain = Image.effect_noise((width, height), GRAIN).convert("RGB")
    image = ImageChops.overlay(image, grain)
    image = Image.blend(image, image.filter(ImageFilter.SMOOTH), 0.3)
    vignette = Image.radial_gradient("L").resize((width, height))
    vignette = vignette.point(lambda v: 255 - int(max(0, v - 140) * 0.6))
    return ImageChops.multiply(image, Image.merge("RGB", [vignette] * 3))


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
