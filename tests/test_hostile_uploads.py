"""Bad files and bad links given to the admin: each is refused with a clear message or made
harmless, and nothing already saved changes."""

import html
import io
import struct
import time
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from core.sanitise import clean_html
from documents.models import Document
from members.models import Organisation
from news.models import Article

from . import files, pages
from .admin_forms import article_form
from .factories import ArticleFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def picture(image_format="PNG", size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format=image_format)
    return buffer.getvalue()


def png_header_claiming(width, height):
    """A tiny PNG whose header claims a huge picture: a decompression bomb's calling card."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = zlib.compress(b"\x00" * (width + 1) * 16)  # 16 rows of zeros; the rest is missing
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
SCRIPT_TAIL = b"<script>alert(1)</script>"

# (what is uploaded, file name, content type, the message staff see).
BAD_IMAGES = [
    ("an SVG with script", "logo.svg", "image/svg+xml", SVG, "not an image we can read"),
    ("an HTML page named .png", "photo.png", "image/png", HTML, "not an image we can read"),
    ("text named .jpg", "photo.jpg", "image/jpeg", b"just some text", "not an image we can read"),
    ("a truncated JPEG", "photo.jpg", "image/jpeg", picture("JPEG")[:200], "not an image"),
    ("a truncated PNG", "photo.png", "image/png", picture("PNG", (400, 300))[:300], "not an image"),
    ("a BMP, a format we do not take", "photo.png", "image/png", picture("BMP"), "This is a BMP"),
    ("a TIFF named .jpg", "photo.jpg", "image/jpeg", picture("TIFF"), "This is a TIFF"),
    ("a pixel bomb", "bomb.png", "image/png", png_header_claiming(8_000, 8_000), "million pixels"),
    ("a huge pixel bomb", "bomb.png", "image/png", png_header_claiming(60_000, 60_000), "image"),
    ("an empty file", "photo.png", "image/png", b"", "not an image we can read"),
]


@pytest.mark.parametrize(
    ("upload", "name", "content_type", "content", "message"),
    BAD_IMAGES,
    ids=[row[0] for row in BAD_IMAGES],
)
def test_bad_images_are_refused_with_a_clear_message(
    comms_client, upload, name, content_type, content, message
):
    existing = ArticleFactory(slug="kept", with_image=True)
    stored = existing.image.name
    response = comms_client.post(
        reverse("admin:news_article_change", args=[existing.pk]),
        article_form(
            slug="kept",
            image=SimpleUploadedFile(name, content, content_type=content_type),
            image_alt="A picture",
        ),
    )
    assert response.status_code == 200
    errors = pages.errors(response)["image"]
    assert message in " ".join(errors)
    existing.refresh_from_db()
    assert existing.image.name == stored
    assert existing.title != "New trust joins"


def test_an_oversized_file_is_refused_saying_the_limit(comms_client, settings):
    settings.IMAGE_MAX_BYTES = 50_000
    big = picture("PNG", (1000, 1000))  # a real image, just too many bytes
    big += b"\x00" * max(0, 60_000 - len(big))
    response = comms_client.post(
        reverse("admin:news_article_add"),
        article_form(image=SimpleUploadedFile("big.png", big), image_alt="Big"),
    )
    assert "the largest image accepted is 48.8\xa0KB" in " ".join(pages.errors(response)["image"])
    assert not Article.objects.exists()


# (what is uploaded, file name, its content): accepted, but stored as a clean image only.
SURVIVING_IMAGES = [
    ("a JPEG with script after its end", "photo.jpg", picture("JPEG") + SCRIPT_TAIL),
    ("a GIF/JavaScript polyglot", "photo.gif", b"GIF89a/*" + picture("GIF")[8:] + b"*/=alert(1)"),
    ("a PNG named .jpg", "photo.jpg", picture("PNG")),
    ("a traversal name", "../../../etc/passwd.png", picture("PNG")),
    ("a Windows traversal name", "..\\..\\boot.ini.png", picture("PNG")),
    ("an overlong name", "a" * 300 + ".png", picture("PNG")),
    ("a name with a NUL", "photo\x00.php.png", picture("PNG")),
    ("a name with markup", '<img src=x onerror="alert(1)">.png', picture("PNG")),
]


@pytest.mark.parametrize(
    ("upload", "name", "content"), SURVIVING_IMAGES, ids=[row[0] for row in SURVIVING_IMAGES]
)
def test_odd_but_real_images_are_stored_clean_under_a_generated_name(
    comms_client, settings, upload, name, content
):
    response = comms_client.post(
        reverse("admin:news_article_add"),
        article_form(image=SimpleUploadedFile(name, content), image_alt="A picture"),
    )
    if response.status_code != 302:  # the polyglot may fairly be refused instead
        assert "image" in pages.errors(response)
        assert not Article.objects.exists()
        return
    stored = Article.objects.get().image
    assert stored.name.startswith("news/")
    assert "/" not in stored.name.removeprefix("news/")
    assert len(stored.name) < 60
    path = Path(stored.path)
    assert path.is_relative_to(settings.MEDIA_ROOT)
    saved = path.read_bytes()
    assert b"<script" not in saved
    assert b"alert(" not in saved
    Image.open(path).verify()


# (what staff typed into a web address field, what is stored; None: refused).
WEB_ADDRESSES = [
    ("https://www.uhb.nhs.uk/", "https://www.uhb.nhs.uk/"),
    ("http://example.org/path?q=1", "http://example.org/path?q=1"),
    ("//example.org/", "https://example.org/"),  # an ordinary address, made explicit
    ("javascript:alert(1)", None),
    ("JaVaScRiPt:alert(1)", None),
    (" javascript:alert(1)", None),
    ("java\tscript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("vbscript:msgbox(1)", None),
    ("file:///etc/passwd", None),
    ("ftp://example.org/", None),
    ("https://example.org/\x00", None),
    ("https://" + "a" * 10_000 + ".org/", None),
]


@pytest.mark.parametrize(("address", "stored"), WEB_ADDRESSES, ids=lambda v: repr(v)[:30])
def test_only_web_addresses_are_accepted_as_links(admin_client, address, stored):
    organisation = OrganisationFactory(slug="trust", website="https://kept.example/")
    data = {
        "name": organisation.name, "slug": "trust", "kind": "nhs_trust", "summary": "A trust.",
        "is_member": "on", "joined_on": "01/02/2022", "website": address,
    }  # fmt: skip
    response = admin_client.post(
        reverse("admin:members_organisation_change", args=[organisation.pk]), data
    )
    organisation.refresh_from_db()
    if stored:
        assert response.status_code == 302
        assert organisation.website == stored
    else:
        assert response.status_code == 200
        assert "website" in pages.errors(response)
        assert organisation.website == "https://kept.example/"
        page = admin_client.get(organisation.get_absolute_url()).content.decode()
        assert address not in page


# Links inside rich text: (what staff pasted, what is kept).
RICH_TEXT_LINKS = [
    ('<a href="javascript:alert(1)">x</a>', ">x</a>"),
    ('<a href="JAVASCRIPT:alert(1)">x</a>', ">x</a>"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', ">x</a>"),
    ('<a href="vbscript:x">x</a>', ">x</a>"),
    ('<a href="https://nhs.uk" onclick="alert(1)">x</a>', "https://nhs.uk"),
    ('<img src="data:image/png;base64,AAAA" onerror="alert(1)">', ""),
    ("<svg><script>alert(1)</script></svg>", ""),
    ("<math><mtext><script>alert(1)</script></mtext></math>", ""),
    ('<p style="background:url(javascript:alert(1))">x</p>', "<p>x</p>"),
    ('<iframe src="https://evil.example"></iframe>', ""),
]


@pytest.mark.parametrize(("pasted", "kept"), RICH_TEXT_LINKS, ids=lambda v: v[:30])
def test_rich_text_keeps_no_script_links_or_handlers(pasted, kept):
    organisation = Organisation.objects.create(
        name="Trust", slug="trust", summary="x", founding_member=True, description=pasted
    )
    organisation.refresh_from_db()
    assert kept in organisation.description
    for bad in ["javascript", "data:", "vbscript", "onclick", "onerror", "script", "style"]:
        assert bad not in organisation.description.lower()
    assert clean_html(organisation.description) == organisation.description


def pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# Documents for download: (what is uploaded, file name, content, the message staff see).
BAD_DOCUMENTS = [
    ("an SVG", "report.svg", SVG, "web page code"),
    ("an HTML page named .pdf", "report.pdf", HTML, "web page code"),
    ("text named .pdf", "report.pdf", b"just some text", "really a file of type"),
    ("a PDF named .docx", "report.docx", pdf(), "really a file of type"),
    ("an empty file", "report.pdf", b"", "empty"),
]


@pytest.mark.parametrize(
    ("upload", "name", "content", "message"), BAD_DOCUMENTS, ids=[r[0] for r in BAD_DOCUMENTS]
)
def test_bad_documents_are_refused_with_a_clear_message(
    admin_client_in_group, upload, name, content, message
):
    response = admin_client_in_group.post(
        reverse("admin:documents_document_add"),
        {
            "title": "Report",
            "file": SimpleUploadedFile(name, content),
            "published_on": "01/06/2025",
        },
    )
    assert response.status_code == 200
    assert message in " ".join(pages.errors(response)["file"])
    assert not Document.objects.exists()


@pytest.mark.parametrize("name", ["../../../etc/passwd.pdf", "a" * 90 + ".pdf", "r\x00.php.pdf"])
def test_a_good_document_with_a_hostile_name_is_stored_under_a_generated_name(
    admin_client_in_group, settings, name
):
    response = admin_client_in_group.post(
        reverse("admin:documents_document_add"),
        {"title": "Report", "file": SimpleUploadedFile(name, pdf()), "published_on": "01/06/2025"},
    )
    assert response.status_code == 302
    stored = Document.objects.get().file
    assert stored.name.startswith("documents/")
    assert stored.name.endswith(".pdf")
    assert len(stored.name) < 60
    assert Path(stored.path).is_relative_to(settings.MEDIA_ROOT)


def test_an_overlong_document_name_is_refused_with_a_clear_message(admin_client_in_group):
    response = admin_client_in_group.post(
        reverse("admin:documents_document_add"),
        {"title": "Report", "file": SimpleUploadedFile("a" * 300 + ".pdf", pdf()),
         "published_on": "01/06/2025"},
    )  # fmt: skip
    errors = " ".join(pages.errors(response)["file"])
    assert "filename has at most 100 characters" in errors
    assert not Document.objects.exists()


def upload_document_through_the_admin(client, name, content):
    """Fill in the document form the admin page rendered, as staff would, and send it."""
    form = pages.form(client.get(reverse("admin:documents_document_add")), field="file")
    return form.submit(
        client,
        title="Annual report 2025",
        description="Our year in numbers.",
        file=SimpleUploadedFile(name, content, content_type="application/pdf"),
    )


def refused_with(response, message):
    """The page came back with the form, `message` under the file, and what was typed kept."""
    assert response.status_code == 200
    form = pages.form(response, field="file")
    assert dict(form.fields)["title"] == "Annual report 2025"
    assert dict(form.fields)["description"] == "Our year in numbers."
    errors = " ".join(pages.errors(response)["file"])
    assert message in errors
    assert message in html.unescape(response.content.decode())
    assert not Document.objects.exists()
    return errors


JS = "<< /S /JavaScript /JS (app.alert(1)) >>"
LINK = "<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /A %s >>"

# PDFs carrying script, or what could run or hide something, away from the catalogue
# where the first check looked: (what is uploaded, its content, what the message names).
SCRIPTED_PDFS = [
    ("a page's open action", files.pdf_by_hand(page=f"/AA << /O {JS} >>"), "JavaScript"),
    (
        "a link's JavaScript action",
        files.pdf_by_hand(page="/Annots [4 0 R]", objects=[LINK % JS]),
        "JavaScript",
    ),
    (
        "an open action whose next action is a script",
        files.pdf_by_hand(catalog=f"/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next {JS} >>"),
        "JavaScript",
    ),
    (
        "a script second in a list of next actions",
        files.pdf_by_hand(
            catalog="/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next [<< /S /GoTo /D [3 0 R "
            "/Fit] >> 4 0 R] >>",
            objects=[JS],
        ),
        "JavaScript",
    ),
    (
        "a link that launches a program",
        files.pdf_by_hand(page="/Annots [4 0 R]", objects=[LINK % "<< /S /Launch /F (cmd.exe) >>"]),
        "starts other programs",
    ),
    (
        "a script in a compressed object stream",
        files.pdf_by_hand(page="/Annots [4 0 R]", objects=[LINK % "5 0 R", JS], object_stream=True),
        "JavaScript",
    ),
    (
        "a script under a disguised name",
        files.pdf_by_hand(page="/AA << /O << /S /J#61vaScript /J#53 (app.alert(1)) >> >>"),
        "JavaScript",
    ),
    (
        "a launch under a disguised name",
        files.pdf_by_hand(page="/Annots [4 0 R]", objects=[LINK % "<< /S /#4caunch >>"]),
        "starts other programs",
    ),
    ("a script no page refers to", files.pdf_by_hand(objects=[JS]), "JavaScript"),
    (
        "a script with no action type",
        files.pdf_by_hand(objects=["<< /JS 5 0 R >>", "(app.alert(1))"]),
        "JavaScript",
    ),
    (
        "a script in a file whose cross-reference table is damaged",
        files.pdf_by_hand(page="/Annots [4 0 R]", objects=[LINK % JS]).replace(
            b"startxref\n", b"startxref\n9"
        ),
        "JavaScript",
    ),
    (
        "a launch straight from the open action",
        files.pdf_by_hand(catalog="/OpenAction << /S /Launch /Win << /F (cmd.exe) >> >>"),
        "starts other programs",
    ),
    ("an attached file", files.pdf_with_attachment(), "files inside it"),
    (
        "a file inside a link, its type left out",
        files.pdf_by_hand(
            page="/Annots [4 0 R]",
            objects=[
                "<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] "
                "/FS << /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >> >>",
                "<< /Length 4 >>\nstream\nMZ\x90\x00\nendstream",
            ],
        ),
        "files inside it",
    ),
    (
        "an XFA form",
        files.pdf_by_hand(
            catalog="/AcroForm << /Fields [] /XFA 4 0 R >>",
            objects=["<< /Length 7 >>\nstream\n<xdp/>\nendstream"],
        ),
        "XFA form",
    ),
    (
        "rich media (Flash)",
        files.pdf_by_hand(
            page="/Annots [4 0 R]",
            objects=["<< /Type /Annot /Subtype /RichMedia /Rect [0 0 100 100] >>"],
        ),
        "rich media",
    ),
]


@pytest.mark.parametrize(
    ("upload", "content", "named"), SCRIPTED_PDFS, ids=[row[0] for row in SCRIPTED_PDFS]
)
def test_pdfs_that_could_run_or_hide_something_are_refused_wherever_it_sits(
    comms_client, upload, content, named
):
    response = upload_document_through_the_admin(comms_client, "report.pdf", content)
    refused_with(response, named)


# CSV files whose cells a spreadsheet would run as formulas (OWASP "CSV injection"):
# (what is uploaded, its content, where the message says the formula is).
FORMULA_CSVS = [
    (
        "a HYPERLINK formula",
        b'name,link\nTrial,"=HYPERLINK(""https://evil.example"",""Results"")"\n',
        "row 2, column B",
    ),
    ("a command after a plus", b"a,b\n+cmd|' /C calc'!A0,1\n", "row 2, column A"),
    ("a command after a minus", b"a,b\n1,-2+3+cmd|' /C calc'!A0\n", "row 2, column B"),
    ("a formula after an at sign", b"a\n@SUM(1+1)*cmd|' /C calc'!A0\n", "row 2, column A"),
    ("a quoted cell starting with a tab", b'a,b\n1,"\t=1+1"\n', "row 2, column B"),
    ("a quoted cell starting with a line break", b'a,b\n1,"\r=1+1"\n', "row 2, column B"),
    ("a formula just after a byte-order mark", b"\xef\xbb\xbf=1+1,b\n1,2\n", "row 1, column A"),
    (
        "a formula in a tab-separated file",
        b'name\tlink\nTrial\t=HYPERLINK("https://evil.example")\n',
        "row 2, column B",
    ),
    ("a formula in a semicolon-separated file", b"name;total\nTrial;=1+1\n", "row 2, column B"),
    (
        "a formula after a quoted line break",
        b'a,b\n"two\nlines",x\n3,=1+1\n',
        "row 3, column B",
    ),
    ("a formula in column AA", b",".join([b"1"] * 26 + [b"=1"]) + b"\n", "row 1, column AA"),
    (
        "a formula far down a long file",
        b"year,studies\n" + b"2021,1475\n" * 20_000 + b"2022,=1+1\n",
        "row 20,002, column B",
    ),
    ("a formula in UTF-16", "a,b\n1,=1+1\n".encode("utf-16"), "not a type we accept"),
]


@pytest.mark.parametrize(
    ("upload", "content", "where"), FORMULA_CSVS, ids=[row[0] for row in FORMULA_CSVS]
)
def test_csv_files_with_formulas_are_refused_naming_the_cell(comms_client, upload, content, where):
    response = upload_document_through_the_admin(comms_client, "figures.csv", content)
    refused_with(response, where)


def add_article_with_image_through_the_admin(client, content):
    form = pages.form(client.get(reverse("admin:news_article_add")), field="image")
    return form.submit(
        client,
        title="New trust joins",
        slug="new-trust-joins",
        summary="A new trust has joined.",
        image=SimpleUploadedFile("animation.gif", content, content_type="image/gif"),
        image_alt="An animation",
    )


def gif_with_a_frame_far_away(at):
    """Two 100 by 100 frames, the second placed at (`at`, `at`): decoders grow the picture."""
    content = bytearray(files.animated_gif(2, (100, 100)))
    second = content.rindex(b"\x2c\x00\x00\x00\x00\x64\x00\x64\x00")  # its image descriptor
    content[second + 1 : second + 5] = struct.pack("<HH", at, at)
    return bytes(content)


# Animations whose frames, decoded, hold far more pixels than their file size suggests:
# (what is uploaded, its content, what the message says).
ANIMATION_BOMBS = [
    # 155 KB; decoding and re-encoding it took 25 seconds of a worker.
    ("12 frames of 4000 × 4000", files.animated_gif(12, (4000, 4000)), "add up to more than 40"),
    ("a frame placed far outside", gif_with_a_frame_far_away(7_900), "add up to more than 40"),
    ("thousands of tiny frames", files.animated_gif(3_000, (1, 1)), "more than 1,000 frames"),
]


@pytest.mark.parametrize(
    ("upload", "content", "message"), ANIMATION_BOMBS, ids=[row[0] for row in ANIMATION_BOMBS]
)
def test_animations_too_big_to_decode_are_refused_before_decoding(
    comms_client, upload, content, message
):
    started = time.monotonic()
    response = add_article_with_image_through_the_admin(comms_client, content)
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert message in " ".join(pages.errors(response)["image"])
    form = pages.form(response, field="image")
    assert dict(form.fields)["title"] == "New trust joins"
    assert dict(form.fields)["image_alt"] == "An animation"
    assert not Article.objects.exists()
