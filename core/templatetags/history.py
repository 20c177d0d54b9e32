from django import template
from django.db import models

from core.diffs import plain_paragraphs, rendered_paragraphs, was_and_now, word_difference
from core.fields import RichTextField

register = template.Library()


@register.simple_tag
def difference(field_diff, version1, version2):
    """How one field changed between two versions, for the revision compare page: words
    for text, the whole value before and after for a short one, and otherwise the
    difference django-reversion-compare made (dates, ticks, related items)."""
    field = field_diff["field"]
    if not isinstance(field, models.CharField | models.TextField) or field.choices:
        return field_diff["diff"]
    old, new = (version.field_dict.get(field.name) or "" for version in (version1, version2))
    if isinstance(field, RichTextField):
        return word_difference(rendered_paragraphs(old), rendered_paragraphs(new))
    if isinstance(field, models.TextField):
        return word_difference(plain_paragraphs(old), plain_paragraphs(new))
    return was_and_now(old, new)
