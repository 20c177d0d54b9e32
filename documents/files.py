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
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject


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

# Names that, anywhere in a PDF (as a key or a value, in any object), mean it can run
# scripts or programs, or carries something hidden: what each is, as staff are told.
PDF_REFUSED_NAMES = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/Launch": "an action that starts other programs or opens files (“Launch”)",
    "/EmbeddedFiles": "files inside it (attachments)",
    "/EmbeddedFile": "files inside it (attachments)",
    "/EF": "files inside it (attachments)",
    "/XFA": "an XFA form, which can run scripts",
    "/RichMedia": "rich media (Flash or video), which can run scripts",
}
# Every key and value of every object is looked at once: a 3,000-page PDF with a link on
# each page has under 200,000 of them. Far more is a file built to tie up the server.
MAX_PDF_PARTS = 1_000_000

# A cell whose first visible character is one of these is run as a formula by spreadsheet
# programs (OWASP's "CSV injection"). Leading tabs, line breaks and spaces are skipped
# first, as some programs skip them.
FORMULA_STARTS = ("=", "+", "-", "@")
MAY_START_FORMULA = "=+-@ \t\r\n"
# ...except a signed number (-3.5, +44 121 414 1234, -1,234.50, 1e-5, -12%) or a lone sign,
# which spreadsheets read as a value and which cannot call anything.
SIGNED_NUMBER = re.compile(r"[+-]\.?\d[\d ,.]*(?:[eE][+-]?\d+)?%?|[+-]")
# Spreadsheet programs split a line at commas, or at the semicolons or tabs a file uses
# instead (semicolons where a comma marks decimals), so cells are checked both ways.
CSV_DELIMITERS = ",;\t"
# Enough of the start of a file to tell which of those it uses.
CSV_SAMPLE = 64 * 1024

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
    "scripted_pdf": "This PDF contains %(what)s, which could harm visitors’ computers. Save "
    "a copy without it (for example with “Print to PDF”) and upload that.",
    "complex_pdf": "This PDF has too many parts to check. Save it again (for example with "
    "“Reduce file size” or “Print to PDF”) and upload that copy.",
    "polyglot": "This file is two formats at once (a PDF and a zip archive), a trick used to "
    "hide harmful content. Save it again as a plain PDF and upload that.",
    "archive": "This is a zip archive, not a document we accept. Upload " + ACCEPTED + ".",
    "formula": "The cell in row %(row)s, column %(column)s starts with “%(start)s”, so "
    "spreadsheet programs would run it as a formula: “%(cell)s”. Change it so that it does "
    "not start with “%(start)s” and upload the file again.",
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
        # From memory: pypdf reads a byte at a time, and every read through Django's file
        # wrapper costs a call more.
        reader = PdfReader(io.BytesIO(file.read()))
        if reader.is_encrypted:
            raise _error("encrypted")
        pages = len(reader.pages)
        found = _refused_part(reader)
    except ValidationError:
        raise
    except Exception as error:
        # pypdf reports damaged files with many exception types; all mean "not readable".
        raise _error("broken_pdf") from error
    if pages == 0:
        raise _error("broken_pdf")
    if found:
        raise _error("scripted_pdf", what=found)
    return FORMATS["PDF"]


def _refused_part(reader):
    """What the PDF holds that could run or hide something, or None.

    Every object is read, not only those reachable from the catalog: a viewer may act on
    any of them (a page's or a link's action, the next action of another). pypdf unpacks
    objects kept in compressed object streams and decodes names written as `/J#61vaScript`.
    """
    if "/AA" in reader.root_object:
        return "actions that run by themselves when it is opened"
    pending = [reader.trailer]
    pending += [
        IndirectObject(number, generation, reader)
        for generation, numbers in reader.xref.items()
        for number in numbers
    ]
    pending += [IndirectObject(number, 0, reader) for number in reader.xref_objStm]
    seen = set()
    for _ in range(MAX_PDF_PARTS):
        if not pending:
            return None
        part = pending.pop()
        if isinstance(part, IndirectObject):
            if (part.idnum, part.generation) in seen:
                continue
            seen.add((part.idnum, part.generation))
            part = part.get_object()
        if isinstance(part, NameObject) and part in PDF_REFUSED_NAMES:
            return PDF_REFUSED_NAMES[part]
        if isinstance(part, DictionaryObject):  # streams too: their dictionary
            pending.extend(part.keys())
            pending.extend(part.values())
        elif isinstance(part, ArrayObject):
            pending.extend(part)
    raise _error("complex_pdf")


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
    if "\x00" in text or not text.strip():
        raise _error("unknown")
    for delimiter in dict.fromkeys([",", _delimiter(text[:CSV_SAMPLE])]):
        try:
            formula = _formula(csv.reader(io.StringIO(text), delimiter=delimiter))
        except csv.Error as error:
            raise _error("unknown") from error
        if formula:
            raise _error("formula", **formula)
    return FORMATS["CSV"]


def _delimiter(sample):
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:  # one column, or no pattern: read as CSV
        return ","


def _formula(rows):
    """Where the first cell a spreadsheet would run as a formula is, and what it says."""
    for row_number, row in enumerate(rows, 1):
        for column, cell in enumerate(row):
            # Most cells fail this cheap test, which keeps a large file quick to check.
            if not cell or cell[0] not in MAY_START_FORMULA:
                continue
            visible = cell.lstrip()
            if visible.startswith(FORMULA_STARTS) and not SIGNED_NUMBER.fullmatch(visible):
                return {
                    "row": f"{row_number:,}",
                    "column": _column_letters(column),
                    "start": visible[0],
                    "cell": visible if len(visible) <= 40 else visible[:40] + "…",
                }
    return None


def _column_letters(index):
    """A spreadsheet's name for the column at `index` (0: A, 25: Z, 26: AA)."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
