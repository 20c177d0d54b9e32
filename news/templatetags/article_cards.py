from django import template
from django.template.loader import render_to_string

from members.models import Organisation
from news.kept import kept_for_each
from news.models import listing_prefetches

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

    def render(article):
        context = {"article": article, "level": level, "lead": lead}
        return render_to_string("includes/article_card.html", context)

    cards = kept_for_each(
        articles, key, render, shows=[Organisation], prefetch=listing_prefetches()
    )
    return ["" if card is None else card for card in cards]  # deleted since it was listed
