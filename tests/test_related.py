from datetime import timedelta

import pytest
from django.utils import timezone

from news.models import Article

from .factories import ArticleFactory, OrganisationFactory, PriorityFactory, ThemeFactory

pytestmark = pytest.mark.django_db
LINKS = ("organisations", "themes", "priorities", "tags")


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.mark.parametrize("link", LINKS)
def test_each_kind_of_link_makes_articles_related(link):
    shared = {
        "organisations": lambda: [OrganisationFactory()],
        "themes": lambda: [ThemeFactory()],
        "priorities": lambda: [PriorityFactory()],
        "tags": lambda: ["shared topic"],
    }[link]()
    article = ArticleFactory(**{link: shared})
    match = ArticleFactory(**{link: shared}, publish_at=days_ago(5))
    ArticleFactory(publish_at=days_ago(2))  # newer, but shares nothing

    assert article.related() == [match]


def test_newest_first_each_once_live_only_and_never_itself():
    theme, member = ThemeFactory(), OrganisationFactory()
    article = ArticleFactory(themes=[theme], organisations=[member], tags=["trials"])
    # Sharing everything must not make an article count (or appear) more than once.
    everything = ArticleFactory(themes=[theme], organisations=[member], tags=["trials"],
                                publish_at=days_ago(3))  # fmt: skip
    newest = ArticleFactory(tags=["trials"], publish_at=days_ago(2))
    older = ArticleFactory(themes=[theme], publish_at=days_ago(4))
    ArticleFactory(themes=[theme], publish_at=days_ago(5))  # fourth: beyond the limit
    ArticleFactory(themes=[theme], status=Article.Status.DRAFT)
    ArticleFactory(themes=[theme], publish_at=timezone.now() + timedelta(days=1))

    assert article.related() == [newest, everything, older]


def test_an_article_sharing_nothing_has_no_related_articles():
    ArticleFactory(tags=["other"])
    assert ArticleFactory().related() == []


@pytest.mark.parametrize("candidates", [3, 40])
def test_related_query_count_does_not_grow_with_candidates(django_assert_num_queries, candidates):
    member, theme = OrganisationFactory(), ThemeFactory()
    article = ArticleFactory(organisations=[member], themes=[theme], tags=["a", "b"])
    for _ in range(candidates):
        ArticleFactory(organisations=[member], themes=[theme], tags=["a", "b"])

    # Read with its links, as the article page reads it.
    article = Article.objects.prefetch_related(*LINKS).get(pk=article.pk)
    # Chosen ones (none), then the automatic ones (their cards fetch what they show).
    with django_assert_num_queries(2):
        assert len(article.related()) == 3
