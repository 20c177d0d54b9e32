"""What the admin's forms post, for tests that drive them like a browser would."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def png(name="photo.png", size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def article_form(**overrides):
    data = {
        "title": "New trust joins",
        "slug": "new-trust-joins",
        "summary": "A new trust has joined.",
        "body": "<p>Welcome.</p>",
        "author": "Louise Stanley",
        "status": "draft",
        "publish_at_0": "01/06/2025",
        "publish_at_1": "09:00",
        "tags": "membership, nhs",
        "image_alt": "",
        "image_focus": "0.5x0.5",
        "image_caption": "",
        "share_links-TOTAL_FORMS": "0",
        "share_links-INITIAL_FORMS": "0",
        "image_credit": "",
    }
    return {**data, **overrides}
