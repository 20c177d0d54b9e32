"""Real files of each kind, built in memory, for upload tests."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript

OFFICE_MAIN = {
    "docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
}


def upload(name, content, content_type="application/octet-stream"):
    """As a browser sends it; the content type it claims is deliberately ignored."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf(pages=2):
    """A PDF as Pillow writes it: one picture per page."""
    images = [Image.new("RGB", (200, 280), colour) for colour in ["white", "navy"][:pages]]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


def pdf_from_writer(*, javascript=None, password=None):
    writer = PdfWriter()
    writer.add_blank_page(200, 280)
    if javascript:
        writer.add_open_action(JavaScript(javascript))
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def office(kind="docx", *, macros=False):
    """A minimal Office Open XML package of the given kind, as Office writes its parts."""
    part, content_type = OFFICE_MAIN[kind]
    prefix = "application/vnd.ms-word.document.macroEnabled.main+xml" if macros else (
        f"application/vnd.openxmlformats-officedocument.{content_type}"
    )  # fmt: skip
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{prefix}"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr(part, '<?xml version="1.0"?><document/>')
        if macros:
            archive.writestr("word/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


def opendocument(subtype="text"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # The OpenDocument rule: `mimetype` first and stored uncompressed.
        archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{subtype}")
        archive.writestr("content.xml", '<?xml version="1.0"?><office:document-content/>')
    return buffer.getvalue()


def zip_of(**files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
