"""What an uploaded document really is, found from its content and never from its name.

Accepted: PDF; Word, Excel and PowerPoint files (Office Open XML, without macros);
OpenDocument text, spreadsheets and presentations (without macros); CSV. Everything else
is refused: web pages and SVG (they could run scripts), programs, archives, files that are
two formats at once, and files whose name says one type while the content is another.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from pypdf import PdfReader


@dataclass(frozen=True)
class Format:
    code: str  # stored in Document.file_type
    label: str  # what visitors read next to the link
    extension: str
    content_type: str


FORMATS = {
    fmt.code: fmt
    for fmt in [
        Format("PDF", "PDF", ".pdf", "application/pdf"),
        Format(
            "DOCX",
            "Word document",
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        Format(
            "XLSX",
            "Excel spreadsheet",
            ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        Format(
            "PPTX",
            "PowerPoint presentation",
            ".pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        Format("ODT", "OpenDocument text", ".odt", "application/vnd.oasis.opendocument.text"),
        Format(
            "ODS",
            "OpenDocument spreadsheet",
            ".ods",
            "application/vnd.oasis.opendocument.spreadsheet",
        ),
        Format(
            "ODP",
            "OpenDocument presentation",
            ".odp",
            "application/vnd.oasis.opendocument.presentation",
        ),
        Format("CSV", "CSV", ".csv", "text/csv"),
    ]
}
ACCEPTED = "a PDF, Word, Excel, PowerPoint, OpenDocument or CSV file"

# An Office Open XML package names its main part's type in [Content_Types].xml.
OFFICE_MAIN_PARTS = {
    b"wordprocessingml.document.main+xml": "DOCX",
    b"spreadsheetml.sheet.main+xml": "XLSX",
    b"presentationml.presentation.main+xml": "PPTX",
}
# An OpenDocument package starts with a `mimetype` entry holding its type.
OPENDOCUMENT_TYPES = {FORMATS[code].content_type.encode(): code for code in ["ODT", "ODS", "ODP"]}
# Parts that only exist to hold macros (Office) or scripts (OpenDocument).
MACRO_PART = re.compile(r"vbaProject\.bin$|vbaData\.xml$|^Basic/|^Scripts/", re.IGNORECASE)
MARKUP = re.compile(rb"<\s*[!?a-zA-Z/]")
# Parts read to identify a package are tiny; a larger one is a zip bomb, not an office file.
MAX_MANIFEST_BYTES = 1024 * 1024

MESSAGES = {
    "empty": "The file is empty.",
    "too_big": "The file is %(size)s; the largest document accepted is %(limit)s.",
    "unknown": "This file is not a type we accept. Upload " + ACCEPTED + ".",
    "markup": "This file contains web page code (HTML, SVG or XML), which could run scripts "
    "in a visitor’s browser. Upload " + ACCEPTED + " instead.",
    "broken_pdf": "The file starts like a PDF but cannot be read as one: it may be damaged. "
    "Save it again as a PDF and upload that copy.",
    "encrypted": "This PDF is password-protected or encrypted, so not everyone could open it. "
    "Save a copy without protection and upload that.",
    "scripted_pdf": "This PDF contains JavaScript that runs when it is opened. Save a copy "
    "without it (for example with “Print to PDF”) and upload that.",
    "polyglot": "This file is two formats at once (a PDF and a zip archive), a trick used to "
    "hide harmful content. Save it again as a plain PDF and upload that.",
    "archive": "This is a zip archive, not a document we accept. Upload " + ACCEPTED + ".",
    "macros": "This file contains macros, which could harm visitors’ computers. Save a copy "
    "without macros (for example as .docx or .xlsx) and upload that.",
    "wrong_name": "The file’s name ends in “%(suffix)s”, but it is really a file of type "
    "“%(label)s”. Rename it to end in “%(extension)s” and upload it again.",
}


def identify(file, name):
    """The `Format` of an uploaded file, or a ValidationError saying why it is refused.

    `file` is an open file (an upload); `name` is the name it was uploaded with, which must
    agree with the content so that visitors who download it get what the link promised.
    """
    if file.size == 0:
        raise _error("empty")
    if file.size > settings.DOCUMENT_MAX_BYTES:
        raise _error(
            "too_big",
            size=filesizeformat(file.size),
            limit=filesizeformat(settings.DOCUMENT_MAX_BYTES),
        )
    file.seek(0)
    head = file.read(1024)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        fmt = _pdf(file)
    elif head.startswith(b"PK\x03\x04"):
        fmt = _package(file, head)
    else:
        fmt = _csv(file)
    file.seek(0)
    suffix = PurePath(name).suffix.lower()
    if suffix != fmt.extension:
        raise _error(
            "wrong_name",
            suffix=suffix or "(nothing)",
            label=fmt.label,
            extension=fmt.extension,
        )
    return fmt


def _error(code, **params):
    return ValidationError(MESSAGES[code], code=code, params=params)


def _pdf(file):
    if zipfile.is_zipfile(file):
        raise _error("polyglot")
    file.seek(0)
    try:
        reader = PdfReader(file)
        if reader.is_encrypted:
            raise _error("encrypted")
        pages = len(reader.pages)
        scripted = _runs_javascript(reader.root_object)
    except ValidationError:
        raise
    except Exception as error:
        # pypdf reports damaged files with many exception types; all mean "not readable".
        raise _error("broken_pdf") from error
    if pages == 0:
        raise _error("broken_pdf")
    if scripted:
        raise _error("scripted_pdf")
    return FORMATS["PDF"]


def _runs_javascript(catalog):
    """Whether the document catalog holds scripts, or actions that run when it opens."""
    names = catalog.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        return True
    if "/AA" in catalog:
        return True
    action = catalog.get("/OpenAction")
    action = action.get_object() if action is not None else None
    return hasattr(action, "get") and action.get("/S") == "/JavaScript"


def _package(file, head):
    if b"%PDF-" in head:
        raise _error("polyglot")
    try:
        with zipfile.ZipFile(file) as archive:
            entries = {info.filename: info for info in archive.infolist()}
            if any(MACRO_PART.search(name) for name in entries):
                raise _error("macros")
            if "[Content_Types].xml" in entries:
                manifest = _read_small(archive, entries["[Content_Types].xml"])
                if b"macroEnabled" in manifest:
                    raise _error("macros")
                code = next(
                    (code for part, code in OFFICE_MAIN_PARTS.items() if part in manifest), None
                )
            elif "mimetype" in entries:
                code = OPENDOCUMENT_TYPES.get(_read_small(archive, entries["mimetype"]).strip())
            else:
                code = None
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
        # RuntimeError: an encrypted entry; NotImplementedError: an unknown compression.
        raise _error("unknown") from error
    if code is None:
        raise _error("archive")
    return FORMATS[code]


def _read_small(archive, info):
    if info.file_size > MAX_MANIFEST_BYTES:
        raise _error("unknown")
    return archive.read(info)


def _csv(file):
    content = file.read()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _error("unknown") from error
    if MARKUP.search(content):
        raise _error("markup")
    if "\x00" in text:
        raise _error("unknown")
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise _error("unknown") from error
    if not rows:
        raise _error("unknown")
    return FORMATS["CSV"]
