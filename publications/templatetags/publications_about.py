from urllib.parse import urlencode

from django import template
from django.db.models import Q
from django.urls import reverse

from pagecache.parts import cached_for_content
from publications.models import Publication

register = template.Library()

ABOUT_LIMIT = 5
# Which publications concern a subject: those about it, or by it (a member or person author).
ABOUT = {
    "member": lambda subject: Q(organisations=subject) | Q(authors__organisation=subject),
    "theme": lambda subject: Q(themes=subject),
    "priority": lambda subject: Q(priorities=subject),
    "person": lambda subject: Q(authors__person=subject),
}
# The publications index filters by theme only.
LIST_FILTER = {"theme"}


@register.inclusion_tag("publications/includes/about_publications.html")
def about_publications(subject, kind, name):
    """The latest publications about or by `subject`, a member, theme, priority or person
    (`kind`), named `name`; nothing at all when there are none.

    Here so that members', strategy's and people's pages list publications without
    importing them.
    """

    def latest():
        matching = Publication.objects.live().filter(
            pk__in=Publication.objects.filter(ABOUT[kind](subject)).values("pk")
        )
        latest = list(matching.for_listing()[:ABOUT_LIMIT])
        # Counted only when there may be more than are shown: most subjects have a few.
        return latest, matching.count() if len(latest) == ABOUT_LIMIT else len(latest)

    publications, count = cached_for_content(f"about-publications:{kind}={subject.pk}", latest)
    list_url = None
    if kind in LIST_FILTER:
        query = urlencode({kind: subject.slug})
        list_url = f"{reverse('publications:publication-list')}?{query}"
    return {"subject": name, "publications": publications, "count": count, "list_url": list_url}
