"""Real files of each kind, built in memory, for upload tests."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageColor
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


def pdf_by_hand(*, catalog="", page="", objects=(), object_stream=False):
    """A one-page PDF written byte by byte, as a hostile tool might write it.

    `catalog` and `page` are entries added to those dictionaries; `objects` are further
    objects, numbered from 4, which `object_stream` puts in a compressed object stream
    (found through a cross-reference stream) instead of writing them out in the open.
    """
    bodies = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog} >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 280] {page} >>",
    ]
    if not object_stream:
        bodies += objects
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}

    def put(number, body):
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    for number, body in enumerate(bodies, 1):
        put(number, body.encode("latin-1"))
    if not object_stream:
        xref = len(out)
        out.extend(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
        out.extend(b"".join(b"%010d 00000 n \n" % offset for offset in offsets.values()))
        out.extend(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(offsets) + 1))
        out.extend(b"startxref\n%d\n%%%%EOF\n" % xref)
        return bytes(out)
    stream_number = len(offsets) + len(objects) + 1
    data, index = b"", []
    for number, body in enumerate(objects, len(offsets) + 1):
        index.append(b"%d %d" % (number, len(data)))
        data += body.encode("latin-1") + b"\n"
    index = b" ".join(index) + b"\n"
    packed = zlib.compress(index + data)
    put(
        stream_number,
        b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s"
        b"\nendstream" % (len(objects), len(index), len(packed), packed),
    )
    # The cross-reference stream: type 1 = at an offset, type 2 = inside the object stream.
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    rows += [struct.pack(">BIH", 1, offsets[number], 0) for number in (1, 2, 3)]
    rows += [struct.pack(">BIH", 2, stream_number, i) for i in range(len(objects))]
    rows += [struct.pack(">BIH", 1, offsets[stream_number], 0)]
    rows += [struct.pack(">BIH", 1, len(out), 0)]  # the cross-reference stream itself
    table = b"".join(rows)
    xref = len(out)
    put(
        stream_number + 1,
        b"<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream"
        % (len(rows), len(table), table),
    )
    out.extend(b"startxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def pdf_with_attachment():
    """A PDF with a file inside it, as pypdf (and Acrobat's "Attach file") writes it."""
    writer = PdfWriter()
    writer.add_blank_page(200, 280)
    writer.add_attachment("payload.exe", b"MZ\x90\x00")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def animated_gif(frames, size, *, colours=("navy", "teal")):
    """An animated GIF of `frames` single-colour frames of `size`: tiny on disk, however big."""
    images = [Image.new("P", size, i % 2) for i in range(frames)]
    palette = [channel for colour in colours for channel in ImageColor.getrgb(colour)]
    for image in images:
        image.putpalette(palette)
    buffer = io.BytesIO()
    images[0].save(buffer, format="GIF", save_all=True, append_images=images[1:], duration=100)
    return buffer.getvalue()
