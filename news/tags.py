"""Tags as people type them: one tag per topic, however it is spelt.

"Clinical trials", "clinical-trials" and "CLINICAL TRIALS" all have the address
/news/tags/clinical-trials/, so they are one topic. Taggit matches typed names to existing
tags by name only (case-insensitively with TAGGIT_CASE_INSENSITIVE), and gave another
spelling a tag of its own at "clinical-trials_1".
"""

from django.db import router
from taggit.managers import _TaggableManager
from taggit.models import Tag
from taggit.utils import _parse_tags


def tag_slug(name):
    """The address a tag called `name` would have, as taggit makes it."""
    return Tag().slugify(name)


def parse_tags(text):
    """The tag names in what was typed (TAGGIT_TAGS_FROM_STRING), with spaces tidied.

    The field asks for tags separated by commas, but taggit splits text with no comma at
    its spaces: "clinical trials" became the tags "clinical" and "trials". Quotes keep a
    name with a comma in it whole, as taggit's do.
    """
    whole = text.strip()
    if len(whole) > 1 and whole[0] == whole[-1] == '"':
        whole = whole[1:-1]
    names = _parse_tags(text) if "," in text else [whole]
    return sorted({" ".join(name.split()) for name in names} - {""})


def edit_string_for_tags(tags):
    """The tags as the field shows them (TAGGIT_STRING_FROM_TAGS), which parse_tags reads
    back: taggit quoted every name with a space, which looked as if quotes were needed."""
    return ", ".join(sorted(f'"{tag.name}"' if "," in tag.name else tag.name for tag in tags))


class SlugMatchingTaggableManager(_TaggableManager):
    """Reuses the existing tag with the address a typed name would have, wherever tags are
    added (the admin, the importer, the demo load, the shell)."""

    def _to_tag_model_instances(self, tags, tag_kwargs):
        names = {tag: tag_slug(tag) for tag in tags if isinstance(tag, str)}
        db = router.db_for_write(self.through, instance=self.instance)
        found = self.through.tag_model()._default_manager.using(db)
        found = found.filter(slug__in=set(names.values()) - {""}, **tag_kwargs)
        existing = {tag.slug: tag for tag in found}
        # Spellings of one new tag become the first of them, so it is made once.
        first_spelling = {}
        resolved = []
        for tag in tags:
            slug = names.get(tag) if isinstance(tag, str) else None
            if slug:
                tag = existing.get(slug) or first_spelling.setdefault(slug, tag)
            resolved.append(tag)
        return super()._to_tag_model_instances(resolved, tag_kwargs)
