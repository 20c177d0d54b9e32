"""Reading pages scraped from the old website as plain text.

A page holds one article, several (an author or category archive), or something that is
not news at all (the strategy page). Navigation left in by the scraper ("Skip to main
content", "You might also be interested in:", "ENDS") is dropped; "Author: …" gives the
byline, "Main image caption …" the caption, and a first line "URL: …" the old address.
An archive's own heading ("Month: February 2022", "Category: News") is not a post.

Titles are told from paragraphs by shape: a line of 5 to 20 words with no closing
punctuation, followed by a real paragraph. Shorter such lines are subheadings. A title
inside an article only starts a new one once the article has some length, or straight
after an end marker, so that a photo caption mid-article is not taken for a title. A
short line between a title and a first paragraph much longer than it is the photo's
caption, as the old site showed it under the title: not the first paragraph, nor the
summary.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape

NOISE = {"skip to main content", "ends", "share this", "share", "back to news"}
RELATED = re.compile(r"^you might also be interested in:?$", re.IGNORECASE)
AUTHOR = re.compile(r"^(?:author|by):?\s+(?P<name>.+)$", re.IGNORECASE)
CAPTION = re.compile(r"^main image caption:?\s+(?P<text>.+)$", re.IGNORECASE)
OLD_URL = re.compile(r"^(?:url|source):\s*(?P<url>\S+)$", re.IGNORECASE)
ARCHIVE = re.compile(
    r"^(?:month|year|day|daily archives|monthly archives|yearly archives|category|tag|archives?)"
    r":\s*\S.{0,60}$",
    re.IGNORECASE,
)
BULLET = re.compile(r"^[•\-*–]\s+(?P<text>.+)$")
STRATEGY_HEADINGS = {"our goals", "research themes", "our health research priorities"}
# An article shorter than this is still going: a title-like line is a caption, not a title.
MIN_ARTICLE_WORDS = 200
# A photo caption under a title: at most this many words, before a paragraph at least
# `CAPTION_RATIO` times as long.
CAPTION_WORDS = 20
CAPTION_RATIO = 2
SUMMARY_LENGTH = 300


class Unparseable(Exception):
    """The page's text cannot be read as news; the message says why."""


@dataclass
class LegacyArticle:
    title: str
    author: str = ""
    old_url: str = ""
    caption: str = ""
    blocks: list = field(default_factory=list)  # ("p" | "h2", text) or ("ul", [items])
    related_titles: list = field(default_factory=list)

    @property
    def text(self):
        return " ".join(
            " ".join(content) if kind == "ul" else content for kind, content in self.blocks
        )

    @property
    def words(self):
        return len(self.text.split())

    @property
    def body(self):
        html = []
        for kind, content in self.blocks:
            if kind == "ul":
                items = "".join(f"<li>{escape(item)}</li>" for item in content)
                html.append(f"<ul>{items}</ul>")
            else:
                html.append(f"<{kind}>{escape(content)}</{kind}>")
        return "\n".join(html)

    @property
    def summary(self):
        """The first paragraph's opening sentences, within the summary's length."""
        first = next((text for kind, text in self.blocks if kind == "p"), self.title)
        if len(first) <= SUMMARY_LENGTH:
            return first
        sentences = re.split(r"(?<=[.!?])\s+", first)
        summary = ""
        for sentence in sentences:
            if len(summary) + len(sentence) + 1 > SUMMARY_LENGTH:
                break
            summary = f"{summary} {sentence}".strip()
        return summary or first[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _words(line):
    return len(line.split())


def _is_heading(line):
    return (
        not BULLET.match(line)
        and len(line) <= 200
        and not re.search(r"[.:;,!?]$", line)
        and not re.search(r"://|www\.", line)
    ) and (line[0].isupper() or line[0] in "“\"‘'")


def _is_paragraph(line):
    return line is not None and _words(line) >= 12


def _is_caption(line, following):
    return (
        line is not None
        and not BULLET.match(line)
        and _words(line) <= CAPTION_WORDS
        and not line.endswith(":")
        and _is_paragraph(following)
        and _words(following) >= CAPTION_RATIO * _words(line)
    )


def parse(text):
    """The articles in a page's text. Raises Unparseable when there are none to import."""
    if "\x00" in text:
        raise Unparseable("it is not a text file")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    bullets = {i for i, line in enumerate(text.splitlines()) if BULLET.match(line.strip())}
    lines = [(i, line) for i, line in enumerate(lines) if line]
    if {line.lower() for _, line in lines} >= STRATEGY_HEADINGS:
        raise Unparseable("it is the strategy page, not news: its text belongs on /strategy/")

    articles, author, old_url = [], "", ""
    article, boundary, list_open, under_title = None, True, False, False
    for position, (index, line) in enumerate(lines):
        following, after = (
            [text for _, text in lines[position + 1 : position + 3]] + [None, None]
        )[:2]
        if ARCHIVE.match(line) and (article is None or boundary):
            boundary = True
            continue
        if under_title and _is_caption(line, following):
            article.caption = article.caption or line
            under_title = False
            continue
        under_title = False
        if match := OLD_URL.match(line):
            old_url = match["url"]
            continue
        if match := AUTHOR.match(line):
            author = match["name"]
            continue
        if line.lower() in NOISE:
            boundary = True
            continue
        if RELATED.match(line):
            boundary = True
            if article:
                article.related_titles.append(None)  # the next title is the one listed
            continue
        if match := CAPTION.match(line):
            if article:
                article.caption = match["text"]  # the main image's own, over a photo's
            boundary = True
            continue
        starts_article = (
            _is_heading(line)
            and 5 <= _words(line) <= 20
            and (_is_paragraph(following) or _is_caption(following, after))
            and (article is None or boundary or article.words >= MIN_ARTICLE_WORDS)
        )
        listing_related = article is not None and article.related_titles[-1:] == [None]
        if listing_related and not starts_article and _is_heading(line):
            # A related article listed by title only; more may follow.
            article.related_titles[-1:] = [line, None]
            continue
        if starts_article:
            if article and article.related_titles[-1:] == [None]:
                article.related_titles[-1] = line
            article = LegacyArticle(title=line, author=author, old_url=old_url)
            articles.append(article)
            boundary, list_open, old_url, under_title = False, False, "", True
            continue
        if article is None:
            raise Unparseable("no title was found before the first paragraph")
        boundary = False
        if index in bullets or (list_open and _words(line) <= 20):
            item = BULLET.match(line)["text"] if index in bullets else line
            if article.blocks and article.blocks[-1][0] == "ul":
                article.blocks[-1][1].append(item)
            else:
                article.blocks.append(("ul", [item]))
            continue
        list_open = line.endswith(":") and following is not None and _words(following) <= 20
        if _is_heading(line) and _words(line) < 5 and _is_paragraph(following):
            article.blocks.append(("h2", line))
        else:
            article.blocks.append(("p", line))
    if not articles:
        raise Unparseable("no article title was found")
    for article in articles:
        article.related_titles = [title for title in article.related_titles if title]
    return articles
