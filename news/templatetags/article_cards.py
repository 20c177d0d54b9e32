from django import template
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string

from news.models import listing_prefetches
from pagecache.parts import cached_each_for_content

register = template.Library()


@register.simple_tag
def article_cards(articles, level=3, lead=False):
    """Each article's card as HTML, with `level` for the card headings; `lead` makes lead
    stories' cards (a larger picture, fetched at once).

    A card appears on many pages (home, news, members, themes, search), so each is rendered
    once per content version and then read from the cache with the rest of its page's.
    """

    def render(articles):
        prefetch_related_objects(articles, *listing_prefetches())
        return [
            render_to_string(
                "includes/article_card.html", {"article": article, "level": level, "lead": lead}
            )
            for article in articles
        ]

    return cached_each_for_content(
        list(articles), key=lambda article: f"card:{article.pk}:{level}:{lead:d}", compute=render
    )
