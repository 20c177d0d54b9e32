"""The one allowlist for rich text: what staff may put in a body, and nothing else.

The admin's editor (django-prose-editor) offers exactly these elements: EDITOR_EXTENSIONS
below. A test checks that the editor's own allowlist stays inside ours.
"""

import nh3

# Headings start at 2: the page title is the only level-1 heading.
EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
}

# Offered where a text may hold tables of figures (a publication's full text).
TABLE_EXTENSIONS = {"Table": True, "TableRow": True, "TableHeader": True, "TableCell": True}

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "a",
    "ul", "ol", "li", "blockquote", "hr",
    # Captions brought over from the old site ([caption] shortcodes; see wordpress.markup).
    "figure", "figcaption",
    # Data tables, with a caption and header cells saying which row or column they head
    # (WCAG 1.3.1); no layout attributes.
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
# "*" is every tag: `lang` marks a phrase in another language (WCAG 3.1.2). Naming it
# also stops nh3 adding its own defaults (title and lang on every tag).
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "*": {"lang"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
# Attributes kept only with one of these values.
ALLOWED_ATTRIBUTE_VALUES = {"th": {"scope": {"row", "col", "rowgroup", "colgroup"}}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# A cell spans at most this many rows or columns: a larger span stretches the table away.
MAX_SPAN = 50


def _keep_attribute(tag, attribute, value):
    if attribute in {"colspan", "rowspan"}:
        return value if value.isdigit() and 1 <= int(value) <= MAX_SPAN else None
    return value


# Enough for any input seen: each pass only unwraps mis-nested markup further.
MAX_PASSES = 5


def clean_html(html: str) -> str:
    """Return `html` with every tag, attribute and link scheme outside the allowlist removed.

    Mis-nested markup (a link inside a link) can parse differently once cleaned, so cleaning
    repeats until nothing changes: what is stored comes out of the next save the same.
    """
    for _ in range(MAX_PASSES):
        cleaned = nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
            attribute_filter=_keep_attribute,
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel="noopener noreferrer",
            strip_comments=True,
        )
        if cleaned == html:
            break
        html = cleaned
    return cleaned
