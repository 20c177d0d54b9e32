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

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "a",
    "ul", "ol", "li", "blockquote", "hr",
    # Captions brought over from the old site ([caption] shortcodes; see wordpress.markup).
    "figure", "figcaption",
}  # fmt: skip
# "*" is every tag: `lang` marks a phrase in another language (WCAG 3.1.2). Naming it
# also stops nh3 adding its own defaults (title and lang on every tag).
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "*": {"lang"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


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
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel="noopener noreferrer",
            strip_comments=True,
        )
        if cleaned == html:
            break
        html = cleaned
    return cleaned
