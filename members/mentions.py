"""Recognising organisations named in text: by full name, short name, acronym or any of
their other names, with or without "NHS (Foundation) Trust" and a leading "The", and by
the everyday name of a trust named after its hospitals without the word "Hospital(s)"
("the Royal Orthopaedic", "Sandwell and West Birmingham") (how names are matched:
core.mentions).
"""

import re

from core import mentions

from .models import Organisation

TRUST_SUFFIX = re.compile(r"\s+NHS(?:\s+Foundation)?\s+Trust$", re.IGNORECASE)
HOSPITALS = re.compile(r"\s+Hospitals?$", re.IGNORECASE)


def aliases(organisation):
    names = {organisation.name, organisation.short_name, *organisation.other_names.splitlines()}
    for name in list(names):
        names.add(TRUST_SUFFIX.sub("", name))
    for name in list(names):
        everyday = HOSPITALS.sub("", name)
        # Two words at least: "Birmingham" alone would be found in every sentence.
        if everyday != name and len(everyday.split()) >= 2 + everyday.lower().startswith("the "):
            names.add(everyday)
    for name in list(names):
        if name.lower().startswith("the "):
            names.add(name[4:])
    return names


class MentionFinder(mentions.MentionFinder):
    """Finds which of the given organisations (by default, all) a text names."""

    def __init__(self, organisations=None):
        if organisations is None:
            organisations = Organisation.objects.only("name", "short_name", "other_names", "slug")
        super().__init__(organisations, aliases)
