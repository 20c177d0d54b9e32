"""What changed between two versions of a text, as people read it: a word-level difference of
the text a reader sees (the rich text's words, not its HTML), marked up as prose with
<del> and <ins> that say "removed" and "added" to screen readers too."""

import re
from difflib import SequenceMatcher
from html import unescape

from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import mark_safe

# Where one block of rich text ends and the next begins.
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|ul|ol)\s*>|<br\s*/?>", re.IGNORECASE)
PARAGRAPH = "\n"  # a token of its own between paragraphs' words


def rendered_paragraphs(html):
    """The paragraphs (and headings, list items) of rich text as a reader sees them."""
    text = unescape(strip_tags(BLOCK_END.sub("\n\n", html or "")))
    return _paragraphs(text)


def plain_paragraphs(text):
    return _paragraphs(text or "")


def _paragraphs(text):
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


def _tokens(paragraphs):
    tokens = []
    for paragraph in paragraphs:
        if tokens:
            tokens.append(PARAGRAPH)
        tokens += paragraph.split(" ")
    return tokens


def _marked(tag, words):
    text = " ".join(words)
    if tag == "del":
        return format_html('<del><span class="visually-hidden">removed: </span>{}</del>', text)
    if tag == "ins":
        return format_html('<ins><span class="visually-hidden">added: </span>{}</ins>', text)
    return format_html("{}", text)


def word_difference(old_paragraphs, new_paragraphs):
    """The new text, paragraph by paragraph, with the words taken out and put in marked."""
    old, new = _tokens(old_paragraphs), _tokens(new_paragraphs)
    paragraphs = [[]]

    def add(words, tag=None):
        run = []
        for word in [*words, None]:
            if word is not None and word != PARAGRAPH:
                run.append(word)
                continue
            if run:
                paragraphs[-1].append(_marked(tag, run))
                run = []
            # A paragraph break taken out joins its paragraphs, as the new text does.
            if word == PARAGRAPH and tag != "del":
                paragraphs.append([])

    for operation, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if operation == "equal":
            add(new[j1:j2])
        if operation in ("delete", "replace"):
            add(old[i1:i2], "del")
        if operation in ("insert", "replace"):
            add(new[j1:j2], "ins")
    return format_html_join(
        "\n",
        "<p>{}</p>",
        (
            (format_html_join(" ", "{}", ((part,) for part in parts)),)
            for parts in paragraphs
            if parts
        ),
    )


def was_and_now(old, new):
    """A short value (a title, a name) shown whole, before and after."""
    empty = mark_safe('<span class="history-empty">(empty)</span>')
    return format_html(
        '<p><span class="history-label">Was:</span> {}</p>\n'
        '<p><span class="history-label">Now:</span> {}</p>',
        _marked("del", [old]) if old else empty,
        _marked("ins", [new]) if new else empty,
    )
