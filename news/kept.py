"""What news keeps for each article shown in a list: its card, its entry in a feed."""

from pagecache.parts import cached_each_for_content
from pagecache.totals import cached_each_for_rows

from .models import Article


def kept_for_each(articles, key, make, *, shows, prefetch=()):
    """`make(article)` for each of `articles`, or None for one deleted since they were
    listed; each kept with the article's own row and the rows of the models in `shows`
    (what it shows besides), so that it outlives every other article's edit, and all read
    in one round trip until content changes.

    Made from the articles read again by id (with `prefetch`), not from those given: an
    article a page read before a save committed must not be kept under the name made by
    that save. `key(article)` names what is kept for it.
    """

    def made(rows):
        fresh = Article.objects.for_listing().prefetch_related(*prefetch)
        found = fresh.in_bulk([row.pk for row in rows])
        return [make(found[row.pk]) if row.pk in found else None for row in rows]

    def kept_with_rows(rows):
        return cached_each_for_rows(rows, key, made, shows=shows)

    return cached_each_for_content(list(articles), key=key, compute=kept_with_rows, shared=False)
