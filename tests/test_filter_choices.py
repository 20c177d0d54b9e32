"""The news filter offers a topic the moment a live article carries it, and never before.

Its choices are kept with the set of live articles (news.signals): an edit that changes no
link and no name does not work them out again, and every change that does shows at once."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from news.models import Article

from .factories import ArticleFactory, OrganisationFactory
from .pages import form

pytestmark = pytest.mark.django_db

NEWS = "/news/"


def _offered(client, field="tag"):
    """The choices a filter offers, by slug, with their labels."""
    page = client.get(NEWS)
    assert page.status_code == 200
    select = re.search(rf'<select[^>]*name="{field}".*?</select>', page.content.decode(), re.S)
    return dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)<', select[0]))


def _topics(client):
    return set(_offered(client))


def _members(client):
    return _offered(client, "member")


def test_a_tag_appears_among_the_topics_when_its_article_is_published_and_not_before():
    ArticleFactory(title="Open trial", tags=["Trials"])
    draft = ArticleFactory(title="Quiet work", status=Article.Status.DRAFT, tags=["Genomics"])
    visitor = Client()
    shown = _topics(visitor)
    assert "trials" in shown
    assert "genomics" not in shown
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert "genomics" in _topics(visitor)


def test_a_new_tag_on_a_live_article_is_offered_at_once_and_filters_the_news():
    article = ArticleFactory(title="Open trial", tags=["Trials"])
    visitor = Client()
    assert "vaccines" not in _topics(visitor)
    article.tags.add("Vaccines")
    assert "vaccines" in _topics(visitor)
    filtered = form(visitor.get(NEWS), "tag").submit(visitor, tag="vaccines")
    assert b"Open trial" in filtered.content


def test_a_tag_left_only_on_an_unpublished_article_is_no_longer_offered():
    article = ArticleFactory(title="Open trial", tags=["Trials"])
    ArticleFactory(title="Other news")
    visitor = Client()
    assert "trials" in _topics(visitor)
    article.status = Article.Status.DRAFT
    article.save()
    assert "trials" not in _topics(visitor)


def test_an_edit_to_the_words_is_shown_without_working_the_choices_out_again():
    article = ArticleFactory(title="Open trial", tags=["Trials"])
    visitor = Client()
    assert "trials" in _topics(visitor)
    article.title = "Open trial, corrected"
    article.save()
    with CaptureQueriesContext(connection) as queries:
        page = visitor.get(NEWS).content.decode()
    assert "Open trial, corrected" in page
    assert 'value="trials"' in page
    assert not [query for query in queries if "choice_kind" in query["sql"]]


def test_members_follow_their_links_and_names_at_once():
    article = ArticleFactory(title="Open trial")
    aston = OrganisationFactory(name="Aston University", slug="aston")
    visitor = Client()
    assert "aston" not in _members(visitor)

    article.organisations.add(aston)
    assert _members(visitor)["aston"] == "Aston University"

    aston.name = "Aston University, Birmingham"
    aston.save()
    assert _members(visitor)["aston"] == "Aston University, Birmingham"

    article.organisations.remove(aston)
    assert "aston" not in _members(visitor)

    aston.articles.add(article)  # from the member's side
    assert "aston" in _members(visitor)
    aston.delete()
    assert "aston" not in _members(visitor)
