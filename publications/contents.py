"""A table of contents for a long text, from its headings.

The sanitiser removes `id` from stored text (an id typed by an editor could clash with the
page's own), so headings are given theirs here, when the text is shown.
"""

import re
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify

# Stored text is sanitised, so a heading is exactly <hN> or <hN lang="..."> and never nests
# another heading.
HEADING = re.compile(r"<(h[23])((?:\s+lang=\"[^\"]*\")?)>(.*?)</\1>", re.DOTALL)
# Fewer top-level headings than this need no contents list.
CONTENTS_MIN_HEADINGS = 3


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Outline:
    body: str  # safe: sanitised text with ids added
    headings: list[Heading]

    @property
    def contents(self):
        """The main headings, each with the subheadings under it, as (heading, [heading]);
        none for a short text."""
        sections = []
        for heading in self.headings:
            if heading.level == 2 or not sections:
                sections.append((heading, []))
            else:
                sections[-1][1].append(heading)
        main = [heading for heading, _ in sections if heading.level == 2]
        return sections if len(main) >= CONTENTS_MIN_HEADINGS else []


def outline(html):
    headings = []
    used = set()

    def add_id(match):
        tag, lang, inner = match.groups()
        text = " ".join(strip_tags(inner).split())
        base = f"section-{slugify(text) or 'untitled'}"[:60]
        anchor, number = base, 1
        while anchor in used:
            number += 1
            anchor = f"{base}-{number}"
        used.add(anchor)
        headings.append(Heading(int(tag[1]), text, anchor))
        return f'<{tag} id="{anchor}"{lang}>{inner}</{tag}>'

    body = HEADING.sub(add_id, html or "")
    return Outline(mark_safe(body), headings)  # noqa: S308 (sanitised when saved; ids are slugs)
