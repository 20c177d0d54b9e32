"""Recognising things named in text (organisations, people), whatever the app.

Matches are whole words only ("ROH" is not found in "PROHIBIT"), and names of one word
(acronyms, "Aston") must keep their capitals, so "bath" in a sentence is not Bath.
Apostrophes, "&" and spacing are normalised, since the old site's text varies. Each app
says which names its things go by; this module finds them.
"""

import re


def normalise(text):
    text = text.replace("’", "'").replace("‘", "'").replace("&", "and")
    return " ".join(text.split())


def pattern(alias):
    words = r"\s+".join(re.escape(word) for word in alias.split())
    flags = 0 if " " not in alias else re.IGNORECASE
    return re.compile(rf"(?<!\w){words}(?!\w)", flags)


class MentionFinder:
    """Finds which of the given things a text names, each by any of the names `aliases`
    gives it. Build it once per batch of texts: it holds one compiled pattern per name."""

    def __init__(self, things, aliases):
        self.patterns = [
            (pattern(alias), thing)
            for thing in things
            for alias in {normalise(name) for name in aliases(thing) if name.strip()}
        ]

    def find(self, *texts):
        """The things named in any of `texts`, in the order they are first named."""
        text = normalise(" ".join(texts))
        first = {}
        for regex, thing in self.patterns:
            match = regex.search(text)
            if match and match.start() < first.get(thing, len(text) + 1):
                first[thing] = match.start()
        return sorted(first, key=first.get)
