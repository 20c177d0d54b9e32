"""Tags as people type them: one tag per topic, however it is spelt.

"Clinical trials", "clinical-trials" and "CLINICAL TRIALS" all have the address
/news/tags/clinical-trials/, so they are one topic. Taggit matches typed names to existing
tags by name only (case-insensitively with TAGGIT_CASE_INSENSITIVE), and gave another
spelling a tag of its own at "clinical-trials_1".
"""

from django import forms
from django.db import router, transaction
from django.db.models import Q
from django.urls import reverse
from taggit.forms import MergeTagsForm
from taggit.managers import _TaggableManager
from taggit.models import Tag, TaggedItem
from taggit.utils import _parse_tags

from core.redirects import record_move


def tag_slug(name):
    """The address a tag called `name` would have, as taggit makes it."""
    return Tag().slugify(name)


def check_tag_name(name):
    """Refuse a name that cannot be a tag, with a message saying why."""
    # A tag needs a letter or digit to have a web address of its own.
    if not any(character.isalnum() for character in name):
        raise forms.ValidationError(
            "Each tag needs at least one letter or number: “%(tag)s” has none.",
            params={"tag": name},
        )
    longest = Tag._meta.get_field("name").max_length
    # Some characters stand for several in an address (“ﷺ” for 18).
    if max(len(name), len(tag_slug(name))) > longest:
        raise forms.ValidationError(
            "Each tag can be up to %(longest)d characters, and so can its web "
            "address: “%(tag)s” is too long. Shorten it, or separate tags with commas.",
            params={"longest": longest, "tag": name},
        )


def spellings_of(name):
    """The tags `name` is another spelling of: the same address, or the same name in any case.
    The one with the same address comes first, as typing the name would choose it."""
    slug = tag_slug(name)
    found = Tag.objects.filter(Q(slug=slug) | Q(name__iexact=name))
    return sorted(found, key=lambda tag: (tag.slug != slug, tag.pk))


class TagMergeForm(MergeTagsForm):
    """Taggit's form naming the tag to merge into, refusing names that cannot be tags."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["new_tag_name"]
        field.label = "Merge into"
        field.help_text = (
            "A new tag’s name, or an existing tag’s in any spelling (“clinical-trials” "
            "is the tag “Clinical trials”)."
        )

    def clean_new_tag_name(self):
        name = " ".join(self.cleaned_data["new_tag_name"].split())
        check_tag_name(name)
        return name


@transaction.atomic
def merge_tags(tags, name):
    """Give everything tagged with any of `tags` the tag called `name` instead, and delete
    the others. `name` may be an existing tag in another spelling (taggit's merge made a
    second tag beside it) or one of `tags`. Returns the tag kept, whether it is new and the
    tags merged into it."""
    existing = spellings_of(name)
    target = existing[0] if existing else Tag.objects.create(name=name)
    merged = [tag for tag in tags if tag.pk != target.pk]
    carrying = TaggedItem.objects.filter(tag__in=merged).values_list("content_type", "object_id")
    has_target = TaggedItem.objects.filter(tag=target).values_list("content_type", "object_id")
    TaggedItem.objects.bulk_create(
        TaggedItem(tag=target, content_type_id=content_type, object_id=object_id)
        for content_type, object_id in set(carrying) - set(has_target)
    )
    # Deleting sends the signals that make cached public pages stale (pagecache).
    Tag.objects.filter(pk__in=[tag.pk for tag in merged]).delete()
    # Links and bookmarks to a merged tag's page now find its articles under the tag kept.
    for tag in merged:
        record_move(tag_address(tag.slug), tag_address(target.slug))
    return target, not existing, merged


def tag_address(slug):
    return reverse("news:tag-detail", kwargs={"slug": slug})


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

    def add(self, *tags, **kwargs):
        super().add(*self.existing_spellings(tags, kwargs.get("tag_kwargs")), **kwargs)

    def set(self, tags, **kwargs):
        super().set(self.existing_spellings(tags, kwargs.get("tag_kwargs")), **kwargs)

    def existing_spellings(self, tags, tag_kwargs):
        """`tags`, each name given as the existing tag with its address if there is one."""
        names = {tag: tag_slug(tag) for tag in tags if isinstance(tag, str)}
        if not names:
            return tags
        db = router.db_for_write(self.through, instance=self.instance)
        found = self.through.tag_model()._default_manager.using(db)
        found = found.filter(slug__in=set(names.values()) - {""}, **(tag_kwargs or {}))
        existing = {tag.slug: tag for tag in found}
        # Spellings of one new tag become the first of them, so it is made once.
        first_spelling = {}
        resolved = []
        for tag in tags:
            slug = names.get(tag) if isinstance(tag, str) else None
            if slug:
                tag = existing.get(slug) or first_spelling.setdefault(slug, tag)
            resolved.append(tag)
        return resolved
