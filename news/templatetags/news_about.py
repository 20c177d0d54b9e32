from urllib.parse import urlencode

from django import template
from django.urls import reverse

from news.models import Article
from pagecache.totals import cached_for_live_set

register = template.Library()

ABOUT_LIMIT = 6
# The news index's filters (and feeds) for one thing, each with the `ArticleQuerySet.about()`
# argument that selects its articles.
ABOUT = {"member": "organisation", "theme": "theme", "priority": "priority"}
# Things the news index has no filter for, each with the Article relation that names them.
NAMING = {"person": "people"}


@register.inclusion_tag("news/includes/about_news.html")
def about_news(subject, kind, name):
    """The latest news about `subject`, a member, theme, priority or person (`kind`, as the
    news index's filter names it, or a key of `NAMING`), with a link to all of it where the
    news index can list it; `name` is its display name.

    Here so that members', strategy's and people's pages list news without importing it.
    """
    if kind in NAMING:
        about, news_url = NAMING[kind], None
        selected = {about: subject}
    else:
        about = ABOUT[kind]
        news_url = f"{reverse('news:article-list')}?{urlencode({kind: subject.slug})}"
        selected = None

    def articles():
        live = Article.objects.live()
        return live.filter(**selected) if selected else live.about(**{about: subject})

    key = f"about-news:{about}={subject.pk}"
    # Links to members, themes, priorities and people renew the live set (news.signals), so
    # the latest and their count are kept with it. Only which articles: their cards are made
    # from them read again.
    latest = cached_for_live_set(Article, key, lambda: list(articles().only("pk")[:ABOUT_LIMIT]))
    count = cached_for_live_set(Article, f"{key}:count", lambda: articles().count())
    return {
        "subject": name,
        "articles": latest,
        "article_count": count,
        "news_url": news_url,
    }
