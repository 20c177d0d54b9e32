from django import template
from django.template.loader import render_to_string

from members.models import Organisation
from news.models import Article, listing_prefetches
from pagecache.parts import cached_each_for_content
from pagecache.totals import cached_each_for_rows

register = template.Library()


@register.simple_tag
def article_cards(articles, level=3, lead=False):
    """Each article's card as HTML, with `level` for the card headings; `lead` makes lead
    stories' cards (a larger picture, fetched at once).

    A card appears on many pages (home, news, members, themes, search), so each is rendered
    once and then read from the cache with the rest of its page's: kept with the article's
    row and the organisations' (what a card shows), so it outlives other articles' edits.
    """

    def key(article):
        return f"card:{article.pk}:{level}:{lead:d}"

    def render(rows):
        # Read again, after the rows were named: an article the page read before a save
        # committed must not be kept under the name made by that save.
        fresh = Article.objects.for_listing().prefetch_related(*listing_prefetches())
        found = fresh.in_bulk([row.pk for row in rows])
        return [
            render_to_string(
                "includes/article_card.html",
                {"article": found[row.pk], "level": level, "lead": lead},
            )
            if row.pk in found
            else ""  # deleted since the page read it
            for row in rows
        ]

    def kept_with_rows(articles):
        return cached_each_for_rows(articles, key, render, shows=[Organisation])

    return cached_each_for_content(list(articles), key=key, compute=kept_with_rows, shared=False)
