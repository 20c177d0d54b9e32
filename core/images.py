"""Uploaded images: checked by content, cleaned, and served as responsive renditions.

django-imagefield makes the renditions once, when the image is saved, so pages only ever
read file names. This module says which renditions exist and checks every upload first.
"""

import io
import struct
import warnings
from dataclasses import dataclass

import imagefield.fields
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from imagefield.processing import register_pillow
from imagefield.widgets import PreviewAndPPOIMixin
from PIL import Image, ImageOps
from redis.exceptions import RedisError

from .uploads import GeneratedName

# Pillow's names for the formats we accept, and how staff know them.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
ACCEPTED_LIST = "JPEG, PNG, WebP or GIF"

# Where crops centre: a 3 by 3 grid that works from the keyboard, unlike a click on a picture.
FOCAL_POINTS = [
    (f"{x}x{y}", f"{vertical} {horizontal}".replace("centre centre", "centre"))
    for y, vertical in ((0.2, "top"), (0.5, "centre"), (0.8, "bottom"))
    for x, horizontal in ((0.2, "left"), (0.5, "centre"), (0.8, "right"))
]


@dataclass(frozen=True)
class Renditions:
    """The widths an image is served at, cropped to `ratio` or, without one, scaled to fit."""

    widths: tuple[int, ...]
    ratio: tuple[int, int] | None = None

    def size(self, width):
        height = width * self.ratio[1] // self.ratio[0] if self.ratio else width
        return (width, height)

    @property
    def formats(self):
        """django-imagefield's format specs: each width in the upload's format and in WebP."""
        formats = {}
        for width in self.widths:
            formats[f"w{width}"] = self._spec(width, webp_format=False)
            formats[f"w{width}_webp"] = self._spec(width, webp_format=True)
        return formats

    def _spec(self, width, *, webp_format):
        steps = ["default", ("crop" if self.ratio else "thumbnail", self.size(width))]

        def spec(fieldfile, context):
            if width not in self.available(fieldfile):
                context.name = ""  # tells django-imagefield not to make it
            context.processors = steps
            if webp_format:
                context.extension = ".webp"
                context.processors = ["web_webp", *steps]

        return spec

    def available(self, fieldfile):
        """The widths made for this image: never enlarged, except to the smallest width."""
        original = getattr(fieldfile.instance, fieldfile.field.width_field) or 0
        return [w for w in self.widths if w <= original or w == self.widths[0]]

    def rendered_size(self, width, original):
        """The pixel size of one rendition, known without opening any file."""
        if self.ratio:
            return self.size(width)
        scale = min(1.0, width / original[0], width / original[1])
        # Truncated, not rounded, as django-imagefield's thumbnail does.
        return (int(original[0] * scale), int(original[1] * scale))


# django-imagefield's own WebP helper saves at quality 95, about twice the bytes of 80,
# which looks the same in a photo on a page.
WEBP_QUALITY = 80


@register_pillow
def web_webp(get_image):
    def processor(image, context):
        context.save_kwargs["format"] = "WEBP"
        image = get_image(image, context)
        context.save_kwargs["quality"] = WEBP_QUALITY
        return image

    return processor


CARD = Renditions(widths=(400, 800, 1200), ratio=(16, 9))
LOGO = Renditions(widths=(160, 320))


class SafeImageFormField(forms.ImageField):
    """An image upload that is refused unless its content is an image we accept.

    The file name and the browser's content type are ignored. The pixel count is read from
    the header before anything is decoded, so a decompression bomb is refused without
    using memory. Accepted images are re-encoded: EXIF orientation is applied and all
    metadata (camera, GPS position) is dropped, as is anything hidden after the image data.
    """

    default_error_messages = {
        "too_big": "The file is %(size)s; the largest image accepted is %(limit)s.",
        "not_image": "This file is not an image we can read. Upload a " + ACCEPTED_LIST + ".",
        "format": "This is a %(format)s image. Upload a " + ACCEPTED_LIST + ".",
        "too_many_pixels": "The image is %(width)s × %(height)s pixels; the largest accepted "
        "is %(limit)s million pixels. Make it smaller and upload it again.",
        "animation_too_big": "This animation’s frames add up to more than %(limit)s million "
        "pixels: it has at least %(frames)s frames of %(width)s × %(height)s pixels. Use fewer "
        "or smaller frames and upload it again.",
        "too_many_frames": "This animation has more than %(limit)s frames. Use fewer frames "
        "and upload it again.",
    }

    def to_python(self, data):
        if data in self.empty_values:
            return None
        if data.size > settings.IMAGE_MAX_BYTES:
            raise forms.ValidationError(
                self.error_messages["too_big"],
                code="too_big",
                params={
                    "size": filesizeformat(data.size),
                    "limit": filesizeformat(settings.IMAGE_MAX_BYTES),
                },
            )
        cleaned = clean_image(data.read(), self.error_messages)
        return SimpleUploadedFile(data.name, cleaned)


def clean_image(content, messages):
    """Return `content` re-encoded without metadata, or raise ValidationError."""
    try:
        with warnings.catch_warnings():
            # Pillow warns of a possible bomb; the pixel check below decides instead.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(content))
            image_format = image.format
            width, height = image.size
    except (OSError, ValueError, Image.DecompressionBombError, SyntaxError) as error:
        raise forms.ValidationError(messages["not_image"], code="not_image") from error
    if image_format not in ACCEPTED_FORMATS:
        raise forms.ValidationError(
            messages["format"], code="format", params={"format": image_format or "unknown"}
        )
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise _too_many_pixels(messages, "too_many_pixels", width, height)
    if image_format == "GIF":
        _check_frames(content, messages)
    try:
        return _reencode(image, image_format)
    except (OSError, ValueError, SyntaxError) as error:
        # Truncated or corrupt data only shows when the pixels are decoded.
        raise forms.ValidationError(messages["not_image"], code="not_image") from error


def _too_many_pixels(messages, code, width, height, frames=1):
    return forms.ValidationError(
        messages[code],
        code=code,
        params={
            "frames": f"{frames:,}",
            "width": f"{width:,}",
            "height": f"{height:,}",
            "limit": f"{settings.IMAGE_MAX_PIXELS / 1_000_000:g}",
        },
    )


# Decoding and re-encoding an animated GIF costs every frame at the size of the whole
# picture, so IMAGE_MAX_PIXELS applies to all frames together, and MAX_FRAMES bounds the
# work each frame costs however small it is. (PNG and WebP animations are kept as their
# first frame only, so only that frame is ever decoded.)
MAX_FRAMES = 1_000


def _check_frames(content, messages):
    total = 0
    for frames, (width, height) in enumerate(gif_picture_sizes(content), 1):
        if frames > MAX_FRAMES:
            raise forms.ValidationError(
                messages["too_many_frames"],
                code="too_many_frames",
                params={"limit": f"{MAX_FRAMES:,}"},
            )
        total += width * height
        if total > settings.IMAGE_MAX_PIXELS:
            raise _too_many_pixels(messages, "animation_too_big", width, height, frames)


def gif_picture_sizes(content):
    """The picture's size as each frame of a GIF is decoded, read from frame headers only.

    Nothing is decompressed, so an animation is measured for the price of skipping through
    its blocks. A frame placed beyond the picture's edge makes decoders enlarge the picture,
    so the size can grow; bytes that are no block are skipped, as Pillow skips them.
    """
    try:
        width, height, flags = struct.unpack_from("<HHB", content, 6)
        position = 13 + _colour_table_size(flags)
        while position < len(content) and content[position] != 0x3B:  # 0x3B: the end
            if content[position] == 0x21:  # an extension: its label, then data blocks
                position = _after_data_blocks(content, position + 2)
            elif content[position] == 0x2C:  # a frame: where it sits, then its pixels
                left, top, frame_width, frame_height, flags = struct.unpack_from(
                    "<HHHHB", content, position + 1
                )
                width, height = max(width, left + frame_width), max(height, top + frame_height)
                yield width, height
                # After the frame's header and colours comes one byte, the code size.
                position = _after_data_blocks(content, position + 11 + _colour_table_size(flags))
            else:
                position += 1
    except (struct.error, IndexError):
        return  # cut short: decoding fails there, and the image is refused as unreadable


def _colour_table_size(flags):
    return 3 << ((flags & 7) + 1) if flags & 0x80 else 0


def _after_data_blocks(content, position):
    """Where a run of data blocks (each led by its length, ended by a 0) stops."""
    while size := content[position]:
        position += size + 1
    return position + 1


def _reencode(image, image_format):
    options = {"format": image_format}
    if icc_profile := image.info.get("icc_profile"):
        options["icc_profile"] = icc_profile
    if image_format == "GIF":
        options["save_all"] = True
    else:
        image = ImageOps.exif_transpose(image)
    if image_format == "JPEG":
        options |= {"quality": 90, "optimize": True}
    output = io.BytesIO()
    image.save(output, **options)
    return output.getvalue()


class PictureField(imagefield.fields.ImageField):
    """An image whose uploads are checked and cleaned, with renditions made on save."""

    def __init__(self, *args, renditions=None, **kwargs):
        self.renditions = renditions
        if renditions is not None:
            kwargs["formats"] = renditions.formats
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        field = super().formfield(**{"form_class": SafeImageFormField, **kwargs})
        preview = type(field.widget)
        field.widget.__class__ = type(preview.__name__, (PreviewUnlessCacheDown, preview), {})
        return field


class PreviewUnlessCacheDown:
    """django-imagefield's preview asks the cache whether its thumbnail is made, unguarded.

    The cache is only a speed-up: without it, staff get the file input without the preview,
    and can still edit and save.
    """

    def render(self, name, value, attrs=None, renderer=None):
        try:
            return super().render(name, value, attrs, renderer=renderer)
        except RedisError:
            return super(PreviewAndPPOIMixin, self).render(name, value, attrs, renderer)


# The main image's fields, in the order an admin's "Main image" fieldset shows them.
MAIN_IMAGE_FIELDS = [
    "image",
    "image_focus",
    "image_alt",
    "image_decorative",
    "image_caption",
    "image_credit",
]


def MainImage(noun, folder):
    """An abstract model with a main picture: the upload (in `folder`), the part to keep
    in view when it is cut for listings, its alt text, caption and credit."""

    class MainImage(models.Model):
        image = PictureField(
            "main image",
            upload_to=GeneratedName(folder),
            blank=True,
            width_field="image_width",
            height_field="image_height",
            ppoi_field="image_focus",
            renditions=CARD,
            help_text=f"A photo or picture for the {noun}: JPEG, PNG, WebP or GIF.",
        )
        image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
        image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
        image_focus = models.CharField(
            "keep in view",
            max_length=20,
            default="0.5x0.5",
            choices=FOCAL_POINTS,
            help_text="Listings show the image cut to a wide shape: choose the part to keep.",
        )
        image_decorative = models.BooleanField(
            "the image is decorative",
            default=False,
            help_text="Tick only if the image adds no information, so screen readers skip it.",
        )
        image_alt = models.CharField(
            "image alt text",
            max_length=250,
            blank=True,
            help_text="Say what the image shows for people who cannot see it. "
            "Required unless the image is decorative.",
        )
        image_caption = models.CharField(max_length=300, blank=True)
        image_credit = models.CharField(max_length=200, blank=True)

        class Meta:
            abstract = True

    return MainImage
