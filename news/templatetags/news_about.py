from urllib.parse import urlencode

from django import template
from django.urls import reverse

from news.models import Article
from pagecache.parts import cached_for_content

register = template.Library()

ABOUT_LIMIT = 6
# The news index's filters (and feeds) for one thing, each with the `ArticleQuerySet.about()`
# argument that selects its articles.
ABOUT = {"member": "organisation", "theme": "theme", "priority": "priority"}


@register.inclusion_tag("news/includes/about_news.html")
def about_news(subject, kind, name):
    """The latest news about `subject`, a member, theme or priority (`kind`, as the news
    index's filter names it), with a link to all of it; `name` is its display name.

    Here so that members' and strategy's pages list news without importing it.
    """
    about = ABOUT[kind]

    def latest():
        articles = Article.objects.live().about(**{about: subject})
        return list(articles.for_listing()[:ABOUT_LIMIT]), articles.count()

    articles, count = cached_for_content(f"about-news:{about}={subject.pk}", latest)
    return {
        "subject": name,
        "articles": articles,
        "article_count": count,
        "news_url": f"{reverse('news:article-list')}?{urlencode({kind: subject.slug})}",
    }
