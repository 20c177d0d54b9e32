"""Publications: the index and its filters, the full text with its contents, the PDF, the
DOI, "Cite this" (APA, BibTeX, RIS, each parsed back), structured data, the admin, drafts
and scheduling, and pinned query counts."""

import io
import json
import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
import rispy
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pybtex.database import parse_string

from publications.models import Author, Publication

from . import pages
from .factories import (
    ArticleFactory,
    DocumentFactory,
    OrganisationFactory,
    PersonFactory,
    PriorityFactory,
    PublicationFactory,
    ThemeFactory,
)
from .test_people import _count_queries

pytestmark = pytest.mark.django_db

LONG_TEXT = (
    "<h2>Foreword</h2><p>Opening words.</p>"
    "<h2>What we did</h2><h3>Research</h3><ul><li>Trials</li><li>Studies</li></ul>"
    "<h2>Key figures</h2>"
    "<table><caption>Key figures, 2020 to 2022</caption>"
    '<thead><tr><th scope="col">Measure</th><th scope="col">Figure</th></tr></thead>'
    '<tbody><tr><th scope="row">Patients served</th><td>5 million</td></tr></tbody></table>'
    "<h2>What we did</h2><p>Again, a heading used twice.</p>"
)


def authored(publication, *authors):
    """Give `publication` its authors in order: a Person, an Organisation or a typed name."""
    for position, author in enumerate(authors):
        fields = (
            {"name": author} if isinstance(author, str) else {type(author).__name__.lower(): author}
        )
        Author.objects.create(publication=publication, position=position, **fields)
    return publication


class _Text(HTMLParser):
    """The text of the element with `ident`, and every JSON-LD block."""

    def __init__(self):
        super().__init__()
        self.json_ld, self._in_json = [], False

    def handle_starttag(self, tag, attrs):
        self._in_json = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_data(self, data):
        if self._in_json:
            self.json_ld.append(json.loads(data))
            self._in_json = False


def json_ld(response):
    parser = _Text()
    parser.feed(response.content.decode())
    return parser.json_ld


def text_of(response):
    """The page's words, as read: inline elements run on, others are apart."""
    html = re.sub(r"</?(a|span|time|i|b|em|strong)\b[^>]*>", "", response.content.decode())
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# The publication page


def test_a_publication_shows_its_full_text_with_a_table_of_contents(client):
    publication = PublicationFactory(title="Report of activity 2020 to 2022", body=LONG_TEXT)
    page = client.get(publication.get_absolute_url()).content.decode()
    assert "<h1>Report of activity 2020 to 2022</h1>" in page
    contents = re.search(r'<nav [^>]*aria-labelledby="contents-heading">(.*?)</nav>', page, re.S)
    assert contents, "a long text has a contents list"
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', contents[1])
    assert [text for _, text in links] == [
        "Foreword", "What we did", "Research", "Key figures", "What we did"
    ]  # fmt: skip
    anchors = [anchor for anchor, _ in links]
    assert len(set(anchors)) == len(anchors), "each heading has an id of its own"
    for anchor in anchors:
        assert f'id="{anchor}"' in page
    # The table keeps its caption and its header cells' scope.
    assert "<caption>Key figures, 2020 to 2022</caption>" in page
    assert '<th scope="row">Patients served</th>' in page


def test_a_short_text_has_no_table_of_contents(client):
    publication = PublicationFactory(body="<h2>Summary</h2><p>Brief.</p>")
    page = client.get(publication.get_absolute_url()).content.decode()
    assert "contents-heading" not in page
    assert '<h2 id="section-summary">Summary</h2>' in page


def test_the_pdf_is_offered_with_its_type_and_size_and_downloads(client):
    pdf = DocumentFactory(title="Report of activity (PDF)")
    publication = PublicationFactory(pdf=pdf)
    page = text_of(client.get(publication.get_absolute_url()))
    expected = f"Download “{publication.title}” ({pdf.type_and_size})"
    assert " ".join(expected.split()) in page
    assert pdf.type_and_size.startswith("PDF, ")
    response = client.get(pdf.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_a_drafts_pdf_is_not_downloadable(client):
    pdf = DocumentFactory()
    PublicationFactory(pdf=pdf, status="draft")
    assert client.get(pdf.get_absolute_url()).status_code == 404


def test_authors_are_named_in_order_and_linked_to_their_pages(client):
    person = PersonFactory(name="Ada Okafor")
    trust = OrganisationFactory(name="University Hospitals Birmingham")
    publication = authored(PublicationFactory(), person, trust, "Smith, John")
    page = text_of(client.get(publication.get_absolute_url()))
    assert "Written by Ada Okafor, University Hospitals Birmingham and John Smith." in page
    html = client.get(publication.get_absolute_url()).content.decode()
    assert f'<a href="{person.get_absolute_url()}">Ada Okafor</a>' in html
    assert f'<a href="{trust.get_absolute_url()}">University Hospitals Birmingham</a>' in html


def test_structured_data_is_a_report_or_with_a_doi_a_scholarly_article(client):
    publication = authored(PublicationFactory(), "Okafor, Ada")
    data = [d for d in json_ld(client.get(publication.get_absolute_url())) if "genre" in d]
    assert data[0]["@type"] == "Report"
    assert data[0]["author"] == [{"@type": "Person", "name": "Ada Okafor"}]
    publication.doi = "10.1234/bhp.2022.1"
    publication.save()
    data = [d for d in json_ld(client.get(publication.get_absolute_url())) if "genre" in d]
    assert data[0]["@type"] == "ScholarlyArticle"
    assert data[0]["identifier"]["value"] == "10.1234/bhp.2022.1"


def test_the_doi_is_linked_at_doi_org(client):
    publication = PublicationFactory(doi="10.1234/bhp.2022.1")
    page = client.get(publication.get_absolute_url()).content.decode()
    assert '<a href="https://doi.org/10.1234/bhp.2022.1">10.1234/bhp.2022.1</a>' in page


def test_a_publication_only_published_elsewhere_links_there(client):
    publication = PublicationFactory(
        title="Pregnancy Policy Commission report",
        body="",
        external_url="https://example.org/commission",
    )
    page = text_of(client.get(publication.get_absolute_url()))
    assert "The full text is not published on this website" in page
    assert "read “Pregnancy Policy Commission report” where it is published" in page


def test_drafts_are_hidden_from_visitors_and_shown_to_staff_marked(client, comms_client):
    draft = PublicationFactory(status="draft")
    scheduled = PublicationFactory(publish_at=timezone.now() + timedelta(days=1))
    for publication in (draft, scheduled):
        assert client.get(publication.get_absolute_url()).status_code == 404
        cite = reverse("publications:citation", args=[publication.slug, "bib"])
        assert client.get(cite).status_code == 404
        page = comms_client.get(publication.get_absolute_url())
        assert page.status_code == 200
        assert "Not public yet." in page.content.decode()
    assert draft.title not in client.get("/publications/").content.decode()


def test_a_scheduled_publication_appears_on_time_with_no_job(client):
    when = timezone.now() + timedelta(hours=2)
    publication = PublicationFactory(title="Evaluation due out", publish_at=when)
    assert "Evaluation due out" not in client.get("/publications/").content.decode()
    with time_machine.travel(when + timedelta(minutes=1)):
        assert "Evaluation due out" in client.get("/publications/").content.decode()
        assert client.get(publication.get_absolute_url()).status_code == 200


# Cite this


def test_the_apa_citation_names_authors_year_title_kind_and_link(client):
    publication = authored(
        PublicationFactory(
            title="Evaluation of the Starter Fellowship",
            kind="evaluation",
            published_on=date(2023, 3, 1),
            doi="10.1234/bhp.2023.7",
        ),
        PersonFactory(name="Ada Grace Okafor"),
        "Smith, John-Paul",
    )
    page = client.get(publication.get_absolute_url()).content.decode()
    citation = re.search(r'<p class="publication__citation">(.*?)</p>', page, re.S)[1]
    assert citation == (
        "Okafor, A. G., &amp; Smith, J.-P. (2023). <i>Evaluation of the Starter Fellowship</i> "
        "[Evaluation]. Birmingham Health Partners. https://doi.org/10.1234/bhp.2023.7"
    )


def test_without_authors_the_publisher_is_the_author_and_named_once(client):
    publication = PublicationFactory(title="Annual review", published_on=date(2021, 5, 1))
    page = client.get(publication.get_absolute_url()).content.decode()
    citation = re.search(r'<p class="publication__citation">(.*?)</p>', page, re.S)[1]
    assert citation == "Birmingham Health Partners. (2021). <i>Annual review</i> [Report]."


TRICKY_TITLE = "Costs {and} savings: 50% of $1bn & R_0 ~ #1 \\ ^ in Zürich"


def test_bibtex_parses_back_with_every_field_and_special_characters_intact(client):
    publication = authored(
        PublicationFactory(title=TRICKY_TITLE, summary="Braces } { and\nnew lines."),
        PersonFactory(name="Ada Okafor"),
        OrganisationFactory(name="Health Innovation West Midlands"),
        "O'Neill, Seán",
    )
    publication.doi = "10.1234/a_b%c"
    publication.save()
    response = client.get(reverse("publications:citation", args=[publication.slug, "bib"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{publication.slug}.bib"'
    text = response.content.decode()
    # BibTeX counts every brace, escaped or not: literal ones are written as commands.
    assert text.count("{") == text.count("}"), "braces balance"

    entry = next(iter(parse_string(text, "bibtex").entries.values()))
    assert entry.type == "techreport"
    people = entry.persons["author"]
    assert [str(person) for person in people] == [
        "Okafor, Ada", "{Health Innovation West Midlands}", "O'Neill, Seán"
    ]  # fmt: skip
    assert entry.fields["year"] == "2022"
    assert entry.fields["institution"] == "Birmingham Health Partners"
    assert entry.fields["doi"] == r"10.1234/a\_b\%c"
    assert entry.fields["abstract"] == r"Braces \textbraceright{} \textbraceleft{} and new lines."
    # Every special character is a LaTeX command or escape, the capitals kept in braces.
    assert entry.fields["title"] == (
        r"{Costs \textbraceleft{}and\textbraceright{} savings: 50\% of \$1bn \& R\_0 "
        r"\textasciitilde{} \#1 \textbackslash{} \textasciicircum{} in Zürich}"
    )


def test_ris_has_one_tag_per_line_in_order_and_parses_back(client):
    publication = authored(
        PublicationFactory(title="Policy on\nmaternity", kind="policy-paper", doi="10.1234/bhp.9"),
        PersonFactory(name="Ada Okafor"),
        "Smith, John",
    )
    response = client.get(reverse("publications:citation", args=[publication.slug, "ris"]))
    assert response.status_code == 200
    text = response.content.decode()
    lines = text.split("\r\n")
    assert lines[-1] == "", "every line ends in CRLF"
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1]), lines
    tags = [line[:2] for line in lines[:-1]]
    assert tags[0] == "TY"
    assert tags[-1] == "ER"
    for tag in ["AU", "PY", "TI", "PB", "DO", "UR"]:
        assert tag in tags

    (entry,) = rispy.load(io.StringIO(text))
    assert entry["type_of_reference"] == "RPRT"
    assert entry["authors"] == ["Okafor, Ada", "Smith, John"]
    assert entry["title"] == "Policy on maternity"
    assert entry["year"] == "2022"
    assert entry["publisher"] == "Birmingham Health Partners"
    assert entry["doi"] == "10.1234/bhp.9"
    assert entry["urls"] == ["https://doi.org/10.1234/bhp.9"]


def test_ris_without_a_link_gives_the_page_address(client):
    publication = PublicationFactory()
    text = client.get(reverse("publications:citation", args=[publication.slug, "ris"]))
    (entry,) = rispy.load(io.StringIO(text.content.decode()))
    assert entry["urls"] == [f"http://testserver{publication.get_absolute_url()}"]


@pytest.mark.parametrize("kind", ["bib", "ris"])
def test_a_citation_file_with_markup_in_it_is_never_shown_as_a_page(client, kind):
    publication = PublicationFactory(title="<script>alert(1)</script>")
    response = client.get(reverse("publications:citation", args=[publication.slug, kind]))
    assert "<script>alert(1)</script>" in response.content.decode(), "text, kept as typed"
    assert "html" not in response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_other_citation_formats_are_not_addresses(client):
    publication = PublicationFactory()
    assert client.get(f"{publication.get_absolute_url()}cite.xml").status_code == 404


# Tables in the full text, and markup the sanitiser must not let through


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ('<table><caption>Figures</caption><thead><tr><th scope="col">A</th></tr></thead>'
         '<tbody><tr><th scope="row">B</th><td colspan="2">1</td></tr></tbody></table>',
         '<table><caption>Figures</caption><thead><tr><th scope="col">A</th></tr></thead>'
         '<tbody><tr><th scope="row">B</th><td colspan="2">1</td></tr></tbody></table>'),
        ('<table style="position:fixed" onmouseover="alert(1)" class="x"><tr><td>1</td></tr>'
         '</table>',
         "<table><tbody><tr><td>1</td></tr></tbody></table>"),
        ('<table><tr><th scope="javascript:alert(1)">A</th><td rowspan="99999">1</td>'
         '<td colspan="-1">2</td><td colspan="2 onclick=alert(1)">3</td></tr></table>',
         "<table><tbody><tr><th>A</th><td>1</td><td>2</td><td>3</td></tr></tbody></table>"),
        ('<table><tr><td><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>'
         "</td></tr></table>",
         "<table><tbody><tr><td><a rel=\"noopener noreferrer\">x</a></td></tr></tbody></table>"),
        ('<table><caption><script>alert(1)</script>Cap</caption><tr><td>1</td></tr></table>',
         "<table><caption>Cap</caption><tbody><tr><td>1</td></tr></tbody></table>"),
        ('<table><tr><td><table><tr><td><iframe src="https://evil.example"></iframe></td>'
         "</tr></table></td></tr></table>",
         "<table><tbody><tr><td><table><tbody><tr><td></td></tr></tbody></table></td></tr>"
         "</tbody></table>"),
    ],
    ids=["kept", "styles-and-handlers", "bad-scope-and-spans", "image-and-script-link",
         "script-in-caption", "iframe-in-nested-table"],
)  # fmt: skip
def test_tables_keep_their_structure_and_lose_anything_hostile(client, typed, kept):
    publication = PublicationFactory(body=typed)
    publication.refresh_from_db()
    assert publication.body == kept
    page = client.get(publication.get_absolute_url()).content.decode().lower()
    for payload in ["<script>alert", "onerror", "onmouseover", "javascript:", "<iframe", "style="]:
        assert payload not in page.split("</header>", 1)[1]


# The index and its filters


def test_the_index_lists_live_publications_newest_first_with_their_type(client):
    PublicationFactory(title="Older review", kind="annual-review", published_on=date(2020, 1, 1))
    PublicationFactory(title="Newer evaluation", kind="evaluation", published_on=date(2023, 1, 1))
    page = text_of(client.get("/publications/"))
    assert page.index("Newer evaluation") < page.index("Older review")
    assert "Evaluation · January 2023" in page
    assert "2 publications" in page


def test_filters_by_type_theme_and_year_combine(client):
    theme = ThemeFactory(title="Mental health", slug="mental-health")
    PublicationFactory(title="Match", kind="evaluation", themes=[theme],
                       published_on=date(2022, 6, 1))  # fmt: skip
    PublicationFactory(title="Wrong year", kind="evaluation", themes=[theme],
                       published_on=date(2021, 6, 1))  # fmt: skip
    PublicationFactory(title="Wrong type", kind="report", themes=[theme],
                       published_on=date(2022, 6, 1))  # fmt: skip
    PublicationFactory(title="No theme", kind="evaluation", published_on=date(2022, 6, 1))

    response = client.get("/publications/?kind=evaluation&theme=mental-health&year=2022")
    page = text_of(response)
    assert "Showing 1 publication of type Evaluation about Mental health from 2022" in page
    assert "Match" in page
    for other in ["Wrong year", "Wrong type", "No theme"]:
        assert other not in page
    # Each filter is offered as the page renders it, and a chip removes it.
    form = pages.form(response, field="kind")
    assert form.names >= {"kind", "theme", "year"}
    assert 'href="?kind=evaluation&amp;year=2022"' in response.content.decode()

    assert "Wrong year" in text_of(client.get("/publications/?year=2021"))
    assert "Wrong type" in text_of(client.get("/publications/?kind=report"))


def test_only_choices_with_live_publications_are_offered(client):
    ThemeFactory(title="Unused theme")
    PublicationFactory(status="draft", kind="policy-paper", published_on=date(2019, 1, 1))
    PublicationFactory(kind="report", published_on=date(2022, 1, 1))
    page = client.get("/publications/").content.decode()
    assert "Unused theme" not in page
    assert 'value="policy-paper"' not in page
    assert 'value="2019"' not in page
    assert 'value="2022"' in page


@pytest.mark.parametrize(
    "query",
    [
        "kind=novel",
        "theme=no-such-theme",
        "year=1850",
        "year=abc",
        "kind=\x00",
        "year=" + "9" * 9999,
    ],
    ids=["kind", "theme", "year", "not-a-year", "nul", "long"],
)
def test_a_filter_not_offered_is_left_out_with_a_message(client, query):
    PublicationFactory(title="Still listed")
    response = client.get(f"/publications/?{query}")
    assert response.status_code == 200
    page = text_of(response)
    assert "Some filters were left out" in page
    assert "Still listed" in page


def test_the_index_is_paginated(client, settings):
    settings.NEWS_PAGE_SIZE = 2
    for number in range(5):
        PublicationFactory(title=f"Numbered {number}", published_on=date(2020, 1, 1 + number))
    assert "Numbered 4" in text_of(client.get("/publications/"))
    second = text_of(client.get("/publications/?page=2"))
    assert "Numbered 2" in second
    assert "Numbered 4" not in second
    assert client.get("/publications/?page=9").status_code == 404


# Feeds


@pytest.mark.parametrize("url", ["/publications/feed/", "/publications/feed/atom/"])
def test_the_feeds_list_live_publications_with_summaries_escaped(client, url):
    import xml.etree.ElementTree as ET

    PublicationFactory(title="Live report", summary="Costs <b>fell</b> & rose")
    PublicationFactory(title="Draft report", status="draft")
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    text = ET.tostring(root, encoding="unicode")
    assert "Live report" in text
    assert "Draft report" not in text
    # The summary is text: once parsed, its markup is escaped for the reader's HTML.
    summaries = [
        e.text for e in root.iter() if e.tag.rsplit("}", 1)[-1] in {"description", "summary"}
    ]
    assert "Report. Costs &lt;b&gt;fell&lt;/b&gt; &amp; rose" in summaries


# Links from elsewhere


def test_member_theme_priority_and_person_pages_list_their_publications(client):
    member, theme, priority = OrganisationFactory(), ThemeFactory(), PriorityFactory()
    person = PersonFactory()
    about = PublicationFactory(title="About them", organisations=[member], themes=[theme])
    about.priorities.add(priority)
    authored(PublicationFactory(title="By them"), person, member)
    PublicationFactory(title="Draft about them", organisations=[member], status="draft")
    for subject, expected in [
        (member, {"About them", "By them"}),
        (theme, {"About them"}),
        (priority, {"About them"}),
        (person, {"By them"}),
    ]:
        page = text_of(client.get(subject.get_absolute_url()))
        assert "Publications by or about" in page
        for title in ["About them", "By them"]:
            assert (title in page) == (title in expected), (subject, title)
        assert "Draft about them" not in page


def test_an_article_links_its_live_related_publications(client):
    live = PublicationFactory(title="Linked report")
    draft = PublicationFactory(title="Linked draft", status="draft")
    article = ArticleFactory()
    article.related_publications.set([live, draft])
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'<a href="{live.get_absolute_url()}">Linked report</a>' in page
    assert "Linked draft" not in page


def test_search_finds_publications(client):
    PublicationFactory(title="Maternity outcomes evaluation")
    page = text_of(client.get("/search/?q=maternity"))
    assert "Publications" in page
    assert "Maternity outcomes evaluation" in page


def test_the_sitemap_lists_live_publications_and_the_index(client):
    live = PublicationFactory()
    draft = PublicationFactory(status="draft")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{live.get_absolute_url()}" in sitemap
    assert "http://testserver/publications/</loc>" in sitemap
    assert draft.get_absolute_url() not in sitemap


# The admin


def _add_form(comms_client):
    response = comms_client.get(reverse("admin:publications_publication_add"))
    assert response.status_code == 200
    return pages.form(response, field="title")


def test_communications_add_a_publication_with_authors_in_the_admin(comms_client, client):
    person = PersonFactory(name="Ada Okafor")
    theme = ThemeFactory()
    form = _add_form(comms_client)
    data = form.data(
        title="Report of activity",
        slug="report-of-activity",
        summary="What we did.",
        body=LONG_TEXT,
        kind="annual-review",
        published_on="01/11/2022",
        doi="https://doi.org/10.1234/BHP.2022",
        status="published",
        publish_at_0="01/01/2025",
        publish_at_1="09:00",
        themes=[str(theme.pk)],
    )
    data |= {
        "authors-TOTAL_FORMS": "2",
        "authors-0-position": "0",
        "authors-0-person": str(person.pk),
        "authors-1-position": "1",
        "authors-1-name": "Smith, John",
    }
    assert "authors-__prefix__-person" in form.names
    response = comms_client.post(form.action, data)
    assert response.status_code == 302, pages.errors(response)
    publication = Publication.objects.get()
    assert publication.doi == "10.1234/BHP.2022", "the resolver's address is taken off"
    page = text_of(client.get(publication.get_absolute_url()))
    assert "Written by Ada Okafor and John Smith." in page


@pytest.mark.parametrize(
    "doi",
    ["10.12/too-short-prefix", "11.1234/not-ten", "10.1234/with space", "doi.org/10.1234/x",
     "10.1234/", "javascript:alert(1)"],
)  # fmt: skip
def test_a_malformed_doi_is_refused_and_nothing_is_saved(comms_client, doi):
    form = _add_form(comms_client)
    response = comms_client.post(
        form.action,
        form.data(title="Report", slug="report", summary="S.", doi=doi, published_on="01/11/2022",
                  publish_at_0="01/01/2025", publish_at_1="09:00"),
    )  # fmt: skip
    assert response.status_code == 200
    assert pages.errors(response)["doi"] == [
        "Enter a DOI such as 10.1234/bhp.2022.1 (starting with “10.”, with no spaces), "
        "or leave it empty."
    ]
    assert not Publication.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("10.1234/bhp.2022.1", "10.1234/bhp.2022.1"),
     ("  https://doi.org/10.1234/BHP-1 ", "10.1234/BHP-1"),
     ("http://dx.doi.org/10.12345.6/a(b)c", "10.12345.6/a(b)c"),
     ("doi: 10.1234/x", "10.1234/x"),
     ("", "")],
)  # fmt: skip
def test_a_doi_is_stored_without_its_resolver_or_label(typed, stored):
    from publications.models import normalise_doi

    assert normalise_doi(typed) == stored


def test_a_document_that_is_not_a_pdf_is_refused_as_the_pdf():
    from django.core.exceptions import ValidationError
    from django.core.files.base import ContentFile

    csv = DocumentFactory(file=ContentFile(b"year,studies\n2022,1475\n", name="figures.csv"))
    publication = PublicationFactory.build(pdf=csv)
    with pytest.raises(ValidationError) as refused:
        publication.full_clean()
    assert "Choose a PDF document; this one is not a PDF." in refused.value.message_dict["pdf"]


def test_an_author_must_be_one_person_organisation_or_name(comms_client):
    form = _add_form(comms_client)
    data = form.data(title="Report", slug="report", summary="S.", published_on="01/11/2022",
                     publish_at_0="01/01/2025", publish_at_1="09:00")  # fmt: skip
    person = PersonFactory()
    data |= {"authors-TOTAL_FORMS": "1", "authors-0-person": str(person.pk),
             "authors-0-name": "Smith, John", "authors-0-position": "0"}  # fmt: skip
    response = comms_client.post(form.action, data)
    assert response.status_code == 200
    assert "Choose a person or an organisation, or type a name: one of the three." in (
        text_of(response)
    )
    assert not Publication.objects.exists()


def test_the_editor_offers_tables_for_the_full_text(comms_client):
    page = comms_client.get(reverse("admin:publications_publication_add")).content.decode()
    assert "&quot;Table&quot;" in page or '"Table"' in page


def test_the_admin_list_filters_and_searches(comms_client):
    PublicationFactory(title="Maternity evaluation", kind="evaluation")
    PublicationFactory(title="Annual review 2021", kind="annual-review", status="draft")
    url = reverse("admin:publications_publication_changelist")
    page = text_of(comms_client.get(url + "?kind__exact=evaluation"))
    assert "Maternity evaluation" in page
    assert "Annual review 2021" not in page
    page = text_of(comms_client.get(url + "?state=draft"))
    assert "Annual review 2021" in page
    assert "Maternity evaluation" not in page
    page = text_of(comms_client.get(url + "?q=maternity"))
    assert "Maternity evaluation" in page
    assert "Annual review 2021" not in page


def test_an_edit_keeps_the_authors_in_the_history_and_restores_them(admin_client_in_group):
    publication = authored(PublicationFactory(title="First title"), "Smith, John")
    url = reverse("admin:publications_publication_change", args=[publication.pk])
    form = pages.form(admin_client_in_group.get(url), field="title")
    response = admin_client_in_group.post(form.action, form.data(title="Second title"))
    assert response.status_code == 302, pages.errors(response)
    form = pages.form(admin_client_in_group.get(url), field="title")
    data = form.data(title="Third title")
    data["authors-0-name"] = "Jones, Mary"
    response = admin_client_in_group.post(form.action, data)
    assert response.status_code == 302, pages.errors(response)
    assert publication.authors.get().name == "Jones, Mary"

    history = reverse("admin:publications_publication_history", args=[publication.pk])
    page = admin_client_in_group.get(history).content.decode()
    first = re.findall(r'href="([^"]+/history/\d+/)"', page)[-1]  # the oldest kept revision
    form = pages.form(admin_client_in_group.get(first), field="title")
    response = admin_client_in_group.post(form.action, form.data())
    assert response.status_code == 302, pages.errors(response)
    publication.refresh_from_db()
    assert publication.title == "Second title"
    assert publication.authors.get().name == "Smith, John"


def test_a_reviewer_sees_a_draft_through_a_preview_link(client):
    from publications.models import ShareLink

    draft = PublicationFactory(title="Draft evaluation", status="draft", pdf=DocumentFactory())
    link = ShareLink.objects.create(publication=draft)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Draft evaluation" in page
    assert "You are seeing it through a preview link" in page
    assert client.get(f"{draft.pdf.get_absolute_url()}?preview={link.token}").status_code == 200


# Query counts


def _publications(count):
    theme = ThemeFactory()
    member = OrganisationFactory()
    people = PersonFactory.create_batch(2)
    for number in range(count):
        pdf = DocumentFactory() if number == 0 else None
        publication = PublicationFactory(themes=[theme], organisations=[member], pdf=pdf)
        authored(publication, *people, member, "Smith, John")
    return Publication.objects.order_by("pk").first(), theme


PUBLICATION_QUERIES = {
    # The filters' types, themes and years; the total; the page's publications; navigation.
    "/publications/": 6,
    "/publications/?kind=report&theme={theme}&year=2022": 6,
    # The publication with its PDF, its authors (with their people and organisations), its
    # organisations, themes and priorities; navigation.
    "{publication}": 6,
    # The same publication, kept for the page too: so 0 once the page has been seen.
    "{publication}cite.bib": 5,
}


@pytest.mark.parametrize(("url", "expected"), PUBLICATION_QUERIES.items())
@pytest.mark.parametrize("count", [3, 50])
def test_query_counts_do_not_grow_with_publications(client, url, expected, count):
    publication, theme = _publications(count)
    url = url.format(publication=publication.get_absolute_url(), theme=theme.slug)
    assert _count_queries(client, url) == expected, url


def test_a_kept_publication_page_asks_the_database_nothing(client):
    publication, _ = _publications(3)
    client.get(publication.get_absolute_url())
    client.get("/publications/")
    with CaptureQueriesContext(connection) as queries:
        client.get(publication.get_absolute_url())
        client.get("/publications/")
    assert len(queries) == 0


# The demo


def test_the_demo_report_of_activity_is_a_full_html_publication(client, settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo")
    report = Publication.objects.get(slug="report-of-activity-2020-to-2022")
    response = client.get(report.get_absolute_url())
    html = response.content.decode()
    assert "contents-heading" in html
    assert "<caption>Research with our partners in the five years to 2022</caption>" in html
    assert "<ul>" in html
    assert "Download “Report of activity, September 2020 to August 2022” (PDF," in text_of(response)
    assert not any(p.publish_problems() for p in Publication.objects.all())
    kinds = set(Publication.objects.live().values_list("kind", flat=True))
    assert {"annual-review", "evaluation", "policy-paper"} <= kinds
    commission = Publication.objects.get(slug="pregnancy-policy-commission-report")
    assert commission.external_url
    assert "Read it where it is published" in text_of(client.get(commission.get_absolute_url()))
    article = client.get("/news/report-of-activity-2020-to-2022/").content.decode()
    assert f'href="{report.get_absolute_url()}"' in article
