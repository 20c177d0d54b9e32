from functools import partial
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from news.models import Article
from pagecache.parts import cached_for_content
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

    articles = Article.objects.live()
    articles = articles.filter(**selected) if selected else articles.about(**{about: subject})
    key = f"about-news:{about}={subject.pk}"
    # Links to members, themes and priorities renew the live set (news.signals), so their
    # latest and their count are kept with it; the people an article names do not.
    keep = cached_for_content if selected else partial(cached_for_live_set, Article)
    latest = keep(key, lambda: list(articles.for_listing()[:ABOUT_LIMIT]))
    count = keep(f"{key}:count", articles.count)
    return {
        "subject": name,
        "articles": latest,
        "article_count": count,
        "news_url": news_url,
    }
