from urllib.parse import urlencode

from django import template
from django.urls import reverse

from pagecache.totals import rendered_for_rows
from publications.models import Author, Publication

register = template.Library()

ABOUT_LIMIT = 5


def _linked(relation, **subject):
    return relation.objects.filter(**subject).values("publication")


# The publications that concern a subject, as a subquery of their keys: those about it, or
# by it (a member or person author). A member's two ways are a union: asked as one OR
# across both joins, PostgreSQL tested every publication (10 ms at 2,000 of them).
ABOUT = {
    "member": lambda subject: _linked(
        Publication.organisations.through, organisation=subject
    ).union(_linked(Author, organisation=subject)),
    "theme": lambda subject: _linked(Publication.themes.through, researchtheme=subject),
    "priority": lambda subject: _linked(Publication.priorities.through, priority=subject),
    "person": lambda subject: _linked(Author, person=subject),
}
# The publications index filters by theme only.
LIST_FILTER = {"theme"}


@register.simple_tag
def about_publications(subject, kind, name):
    """The latest publications about or by `subject`, a member, theme, priority or person
    (`kind`), named `name`; nothing at all when there are none.

    Here so that members', strategy's and people's pages list publications without
    importing them.
    """

    def context():
        matching = Publication.objects.live().filter(pk__in=ABOUT[kind](subject))
        latest = list(matching.for_listing()[:ABOUT_LIMIT])
        list_url = None
        if kind in LIST_FILTER:
            query = urlencode({kind: subject.slug})
            list_url = f"{reverse('publications:publication-list')}?{query}"
        return {
            "subject": name,
            "publications": latest,
            # Counted only when there may be more than are shown: most subjects have a few.
            "count": matching.count() if len(latest) == ABOUT_LIMIT else len(latest),
            "list_url": list_url,
        }

    # Named by the subject's name and address too, which it shows (see about_events).
    return rendered_for_rows(
        [Publication, Author],
        f"about-publications:{kind}={subject.pk}:{subject.slug}:{name}",
        "publications/includes/about_publications.html",
        context,
    )
