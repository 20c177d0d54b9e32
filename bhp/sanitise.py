"""The one allowlist for rich text: what staff may put in a body, and nothing else."""

import re

import nh3
from django.db import models
from django.utils.html import linebreaks

HAS_MARKUP = re.compile(r"<[a-zA-Z!/]")
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "a",
    "ul", "ol", "li", "blockquote", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html: str) -> str:
    """Return `html` with every tag, attribute and link scheme outside the allowlist removed."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


class RichTextField(models.TextField):
    """HTML text that is sanitised on every save, whichever path saves it.

    Text typed without any markup becomes paragraphs, split at blank lines.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "help_text",
            "Write in HTML: <p> paragraphs, <h2> to <h4> headings, lists, links, quotations, "
            "bold and italic. Plain text becomes paragraphs at each blank line. Anything "
            "else (scripts, styles, images) is removed when you save.",
        )
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname) or ""
        if not HAS_MARKUP.search(value):
            value = linebreaks(value.strip(), autoescape=True) if value.strip() else ""
        value = clean_html(value)
        setattr(model_instance, self.attname, value)
        return value
