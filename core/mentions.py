"""Recognising things named in text (organisations, people), whatever the app.

Matches are whole words only ("ROH" is not found in "PROHIBIT"), and names of one word
(acronyms, "Aston") must keep their capitals, so "bath" in a sentence is not Bath.
Apostrophes, "&" and spacing are normalised, since the old site's text varies. Each app
says which names its things go by; this module finds them.
"""

import re

WORD = re.compile(r"\w+")


def normalise(text):
    text = text.replace("’", "'").replace("‘", "'").replace("&", "and")
    return " ".join(text.split())


def words(text):
    """The words of `text`, in lower case. A name is only found in a text holding every
    word of the name, so comparing these sets first spares running most names' patterns."""
    return frozenset(WORD.findall(text.lower()))


def pattern(alias):
    joined = r"\s+".join(re.escape(word) for word in alias.split())
    flags = 0 if " " not in alias else re.IGNORECASE
    return re.compile(rf"(?<!\w){joined}(?!\w)", flags)


class MentionFinder:
    """Finds which of the given things a text names, each by any of the names `aliases`
    gives it. Build it once per batch of texts: it holds one compiled pattern per name,
    with the name's words."""

    def __init__(self, things, aliases):
        self.patterns = [
            (pattern(alias), thing, words(alias))
            for thing in things
            for alias in {normalise(name) for name in aliases(thing) if name.strip()}
        ]

    def find(self, *texts):
        """The things named in any of `texts`, in the order they are first named."""
        text = normalise(" ".join(texts))
        present = words(text)
        first = {}
        for regex, thing, needed in self.patterns:
            match = needed <= present and regex.search(text)
            if match and match.start() < first.get(thing, len(text) + 1):
                first[thing] = match.start()
        return sorted(first, key=first.get)
