"""Checks on sanitised rich text that screen-reader users depend on.

People using a screen reader often jump from link to link or heading to heading, so a link
must make sense out of context and headings must form an outline.
"""

import re
from html.parser import HTMLParser

# Link text that says nothing about where the link goes.
VAGUE_LINK_TEXT = {
    "click here", "here", "click", "read more", "more", "link", "this link", "this",
    "find out more", "learn more", "more information", "go", "website",
}  # fmt: skip

HEADING = re.compile(r"^h([1-6])$")


class _Outline(HTMLParser):
    """Collects link texts and heading levels in document order."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.headings = []
        self._link_text = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._link_text = []
        elif match := HEADING.match(tag):
            self.headings.append(int(match[1]))

    def handle_endtag(self, tag):
        if tag == "a" and self._link_text is not None:
            self.links.append(" ".join("".join(self._link_text).split()))
            self._link_text = None

    def handle_data(self, data):
        if self._link_text is not None:
            self._link_text.append(data)


def _outline(html):
    parser = _Outline()
    parser.feed(html or "")
    parser.close()
    return parser


def vague_links(html):
    """(position, text) of each link whose text would not make sense on its own."""
    return [
        (number, text)
        for number, text in enumerate(_outline(html).links, start=1)
        if text.lower().strip(" .!:…") in VAGUE_LINK_TEXT or not text.strip()
    ]


def heading_order_problems(html):
    """Messages for headings that skip a level; the page title is the only level 1."""
    problems = []
    previous = 1
    for number, level in enumerate(_outline(html).headings, start=1):
        if level > previous + 1:
            problems.append(
                f"Heading {number} is level {level} but follows level {previous}: "
                f"use level {previous + 1} so the headings form an outline."
            )
        previous = level
    return problems
