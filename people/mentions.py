"""Recognising people named in text: by name, with or without their title, or any of the
other names staff give them (how names are matched: core.mentions)."""

from core import mentions

from .models import Person


def aliases(person):
    return person.aliases()


class MentionFinder(mentions.MentionFinder):
    """Finds which of the given people (by default, all who are listed) a text names."""

    def __init__(self, people=None):
        if people is None:
            people = Person.objects.listed().only("honorific", "name", "other_names", "slug")
        super().__init__(people, aliases)

    def named_exactly(self, text):
        """The one person `text` is wholly the name of (a byline), or None."""
        text = mentions.normalise(text)
        found = {person for regex, person, _ in self.patterns if regex.fullmatch(text)}
        return found.pop() if len(found) == 1 else None
