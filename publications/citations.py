"""How to cite a publication: a reference in APA style (7th edition) for reading, and
BibTeX and RIS files for reference managers.

Each takes the publication and its authors in order (`Author.objects.in_order()`).
"""

import re

from django.utils.html import format_html
from django.utils.text import slugify

# A reference manager's type for each kind: all are reports of an institution.
BIBTEX_TYPE = "techreport"
RIS_TYPE = "RPRT"

# BibTeX's special characters, each as LaTeX writes it literally. BibTeX balances braces
# even after a backslash, so literal braces are commands too.
LATEX_SPECIAL = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


def one_line(text):
    """Text on one line: a line break would end a RIS field, or split a BibTeX value."""
    return " ".join(str(text).split())


def latex(text):
    # One pass, so no escape is escaped again.
    return one_line(text).translate(LATEX_SPECIAL)


def initials(given):
    """ "Ada Grace" → "A. G."; "Jean-Paul" → "J.-P." """
    parts = []
    for name in given.split():
        parts.append("-".join(f"{piece[0]}." for piece in name.split("-") if piece))
    return " ".join(parts)


def apa_author(author):
    family, given = author.family_and_given()
    return f"{family}, {initials(given)}" if given else family


def apa_authors(authors):
    names = [apa_author(author) for author in authors]
    if len(names) > 20:  # APA: the first nineteen, an ellipsis, the last
        names = [*names[:19], "…", names[-1]]
        return ", ".join(names)
    if len(names) > 1:
        return ", ".join(names[:-1]) + ", & " + names[-1]
    return names[0] if names else ""


def apa(publication, authors):
    """The reference as safe HTML, the title in italics, e.g.
    Birmingham Health Partners. (2022). <i>Report of activity</i> (Report). Publisher. URL
    With no author, the publisher stands in as author (APA 7, 9.12)."""
    who = apa_authors(authors) or publication.publisher
    end = "" if who.endswith(".") else "."
    kind = publication.get_kind_display()
    publisher = "" if who == publication.publisher else publication.publisher
    link = publication.link or ""
    return format_html(
        "{}{} ({}). <i>{}</i> [{}].{}{}",
        who,
        end,
        publication.published_on.year,
        one_line(publication.title),
        kind,
        format_html(" {}.", publisher) if publisher else "",
        format_html(" {}", link) if link else "",
    )


def bibtex_key(publication, authors):
    first = authors[0].family_and_given()[0] if authors else publication.publisher
    word = slugify(first).replace("-", "") or "bhp"
    title = next(iter(slugify(publication.title).split("-")), "") or "publication"
    return re.sub(r"[^a-z0-9]", "", f"{word}{publication.published_on.year}{title}")


def bibtex_name(author):
    family, given = author.family_and_given()
    if not given:
        # Braced whole, so BibTeX takes an organisation's name as one family name.
        return "{" + latex(family) + "}"
    return f"{latex(family)}, {latex(given)}"


def bibtex(publication, authors):
    fields = {
        "author": " and ".join(bibtex_name(author) for author in authors)
        or "{" + latex(publication.publisher) + "}",
        "title": "{" + latex(publication.title) + "}",  # braced: keep its capitals
        "institution": latex(publication.publisher),
        "type": latex(publication.get_kind_display()),
        "year": str(publication.published_on.year),
        "month": publication.published_on.strftime("%b").lower(),
        "doi": latex(publication.doi),
        "url": latex(publication.external_url) if not publication.doi else "",
        "abstract": latex(publication.summary),
    }
    lines = [
        f"  {name} = {value if name == 'month' else '{' + value + '}'}"
        for name, value in fields.items()
        if value
    ]
    return f"@{BIBTEX_TYPE}{{{bibtex_key(publication, authors)},\n" + ",\n".join(lines) + "\n}\n"


def ris_name(author):
    family, given = author.family_and_given()
    return f"{family}, {given}" if given else family


def ris(publication, authors, page_url):
    """RIS lines "TY  - RPRT" ... "ER  - ", each tag two letters, two spaces, a hyphen and
    a space; CRLF line ends, as the format was defined on them."""
    fields = [
        ("TY", RIS_TYPE),
        *(("AU", ris_name(author)) for author in authors),
        ("PY", str(publication.published_on.year)),
        ("DA", publication.published_on.strftime("%Y/%m/%d")),
        ("TI", publication.title),
        ("PB", publication.publisher),
        ("M3", publication.get_kind_display()),
        ("AB", publication.summary),
        ("DO", publication.doi),
        ("UR", publication.link or page_url),
        ("ER", ""),
    ]
    return "".join(
        f"{tag}  - {one_line(value)}\r\n" for tag, value in fields if value or tag == "ER"
    )
