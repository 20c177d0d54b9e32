"""Recognising organisations named in text: by full name, short name, acronym or any of
their other names, with or without "NHS (Foundation) Trust" and a leading "The".

Matches are whole words only ("ROH" is not found in "PROHIBIT"), and names of one word
(acronyms, "Aston") must keep their capitals, so "bath" in a sentence is not Bath.
Apostrophes, "&" and spacing are normalised, since the old site's text varies.
"""

import re

from .models import Organisation

TRUST_SUFFIX = re.compile(r"\s+NHS(?:\s+Foundation)?\s+Trust$", re.IGNORECASE)


def normalise(text):
    text = text.replace("’", "'").replace("‘", "'").replace("&", "and")
    return " ".join(text.split())


def aliases(organisation):
    names = {organisation.name, organisation.short_name, *organisation.other_names.splitlines()}
    for name in list(names):
        names.add(TRUST_SUFFIX.sub("", name))
    for name in list(names):
        if name.lower().startswith("the "):
            names.add(name[4:])
    return {normalise(name) for name in names if name.strip()}


def pattern(alias):
    words = r"\s+".join(re.escape(word) for word in alias.split())
    flags = 0 if " " not in alias else re.IGNORECASE
    return re.compile(rf"(?<!\w){words}(?!\w)", flags)


class MentionFinder:
    """Finds which of the given organisations a text names. Build it once per batch of
    texts: it holds one compiled pattern per name."""

    def __init__(self, organisations=None):
        if organisations is None:
            organisations = Organisation.objects.only("name", "short_name", "other_names", "slug")
        self.patterns = [
            (pattern(alias), organisation)
            for organisation in organisations
            for alias in aliases(organisation)
        ]

    def find(self, *texts):
        """The organisations named in any of `texts`, in the order they are first named."""
        text = normalise(" ".join(texts))
        first = {}
        for regex, organisation in self.patterns:
            match = regex.search(text)
            if match and match.start() < first.get(organisation, len(text) + 1):
                first[organisation] = match.start()
        return sorted(first, key=first.get)
