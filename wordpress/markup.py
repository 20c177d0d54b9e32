"""Turning a WordPress body into the site's own markup.

WordPress stores the classic editor's text without paragraph tags (it adds them on display:
`wpautop`), wraps the block editor's in comments (`<!-- wp:paragraph -->`), and expands
shortcodes (`[caption]`, `[gallery]`) on display. This does the same once, at import:
captions become figures, other shortcodes are removed (and named, for the report), and the
result goes through the site's one sanitiser like everything staff write.
"""

import html
import re
from dataclasses import dataclass, field

from core.sanitise import clean_html

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
    "blockquote|address|p|h[1-6]|hr|section|article|aside|header|footer|nav|figure|"
    "figcaption|details|summary|iframe|script|style"
)
BLOCK_EDGE = re.compile(rf"(</?(?:{BLOCK_TAGS})(?:\s[^>]*)?/?>)", re.IGNORECASE)
STARTS_WITH_BLOCK = re.compile(rf"^</?(?:{BLOCK_TAGS})\b", re.IGNORECASE)
# Shortcodes WordPress itself registers: recognised even bare ("[gallery]"). Any other
# bracketed word counts only with attributes or a closing tag, so that "[sic]" stays text.
BUILT_IN = {"caption", "wp_caption", "gallery", "audio", "video", "playlist", "embed"}
SHORTCODE = re.compile(r"\[(?P<close>/)?(?P<name>[a-z][a-z0-9_-]*)(?P<attrs>(?:\s[^\]]*)?)\]")
CAPTION = re.compile(
    r"\[(?:wp_)?caption(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/(?:wp_)?caption\]", re.DOTALL
)
ATTRIBUTE = re.compile(r'(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')
# What a caption's text follows: the picture, perhaps inside a link.
PICTURE = re.compile(r"^\s*(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.IGNORECASE | re.DOTALL)
HREF = re.compile(r'href="([^"]*)"')


@dataclass
class Converted:
    html: str
    shortcodes_removed: list = field(default_factory=list)


def autop(text):
    """WordPress's wpautop, as far as bodies need it: blank lines part paragraphs, a single
    line break is a <br>, and block elements are never wrapped in a paragraph."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = BLOCK_EDGE.sub(r"\n\n\1\n\n", text)
    blocks = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if STARTS_WITH_BLOCK.match(chunk):
            blocks.append(chunk)
        else:
            blocks.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    # Inline content between a block's tags (<li>text</li>) was split off: put it back.
    return re.sub(r"(<(?:p|li|td|th|dd|dt|figcaption|h[1-6])\b[^>]*>)\s*<p>(.*?)</p>\s*", r"\1\2",
                  "\n".join(blocks), flags=re.DOTALL)  # fmt: skip


def _attributes(text):
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in ATTRIBUTE.finditer(text)}


def _figure(match):
    inner = match["inner"].strip()
    caption = _attributes(match["attrs"]).get("caption", "")
    # The picture itself is not kept: pages show one main image, never pictures in the
    # text (the sanitiser allows no <img>), and a link left around nothing would say nothing.
    picture = PICTURE.match(inner)
    if picture:
        caption = caption or inner[picture.end() :].strip()
    elif not caption:
        caption = inner
    return f"\n\n<figure><figcaption>{caption}</figcaption></figure>\n\n"


def _remove_shortcodes(text, removed):
    names = [m["name"] for m in SHORTCODE.finditer(text)]
    closed = {name for name, m in zip(names, SHORTCODE.finditer(text), strict=True) if m["close"]}

    def replace(match):
        name = match["name"]
        if name in BUILT_IN or name in closed or match["attrs"].strip():
            if not match["close"]:
                removed.append(name)
            return ""
        return match.group(0)

    return SHORTCODE.sub(replace, text)


def convert(body, rewrite_link=None):
    """The body as the site's markup. `rewrite_link(url)` gives a link's new address, or
    None to leave it as it is."""
    removed = []
    is_block_editor = "<!-- wp:" in body
    text = BLOCK_COMMENT.sub("", body)
    text = CAPTION.sub(_figure, text)
    text = _remove_shortcodes(text, removed)
    if not is_block_editor:
        text = autop(text)
    cleaned = clean_html(text)
    if rewrite_link is not None:

        def new_href(match):
            new = rewrite_link(html.unescape(match[1]))
            return f'href="{html.escape(new)}"' if new else match.group(0)

        cleaned = HREF.sub(new_href, cleaned)
    return Converted(cleaned, removed)
