"""An article's page and its card are kept with its own row and the rows of what it links to
(pagecache.totals.cached_each_for_rows): editing one article makes only that article's card
and page again, and every change to what they show appears at once.
"""

import re
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from core.cache import _failed_at
from news.models import Article, ShareLink
from news.views import related_articles
from pagecache import totals
from pagecache.totals import cached_each_for_rows

from . import pages
from .factories import (
    ArticleFactory,
    DocumentFactory,
    EventFactory,
    OpportunityFactory,
    OrganisationFactory,
    PersonFactory,
    PriorityFactory,
    PublicationFactory,
    ThemeFactory,
)
from .test_kept_rows import saved, text
from .test_page_cache import REFUSED, redis_cache  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

# The articles a card is made for are read again by id (news' article_cards).
CARDS_READ = re.compile(r'FROM "news_article" WHERE "news_article"\."id" IN \(([^)]*)\)')
LIST_READ = re.compile(r'FROM "news_article"')
# What only the article's own page reads: the documents and people it links to.
PAGE_LINKS_READ = re.compile(r'"(documents_document|people_person)"')


def cards_made(queries):
    """The ids of the articles whose cards a request made."""
    return {
        int(pk)
        for query in queries.captured_queries
        for found in CARDS_READ.finditer(query["sql"])
        for pk in found.group(1).split(",")
    }


def _sql(queries):
    return [query["sql"] for query in queries.captured_queries]


def page_links_read(queries):
    return [
        query["sql"] for query in queries.captured_queries if PAGE_LINKS_READ.search(query["sql"])
    ]


@pytest.fixture
def linked(db):
    """An article linked to one of everything an article links to."""
    article = ArticleFactory(
        title="Trial opens",
        organisations=[OrganisationFactory(name="Aston University", short_name="")],
        themes=[ThemeFactory(title="Inflammation")],
        priorities=[PriorityFactory(title="Healthy ageing")],
        tags=["clinical trials"],
    )
    article.documents.add(DocumentFactory(title="Trial protocol"))
    article.people.add(PersonFactory(honorific="", name="Ada Moss"))
    article.related_opportunities.add(OpportunityFactory(title="Pump-priming call"))
    article.related_events.add(EventFactory(title="Trial open day"))
    article.related_publications.add(PublicationFactory(title="Annual report"))
    return article


def test_editing_one_article_in_the_admin_makes_only_its_card_and_page_again(
    client, comms_client, django_capture_on_commit_callbacks
):
    member = OrganisationFactory(name="Aston University")
    # To the minute, as the admin's form has it: its save leaves when they went live as it was.
    yesterday = timezone.now().replace(second=0, microsecond=0) - timedelta(days=1)
    kept, edited = ArticleFactory.create_batch(2, organisations=[member], publish_at=yesterday)
    for url in ["/news/", kept.get_absolute_url(), edited.get_absolute_url()]:
        client.get(url)

    change = f"/admin/news/article/{edited.pk}/change/"
    form = pages.form(comms_client.get(change), field="title")
    with django_capture_on_commit_callbacks(execute=True):
        saved = comms_client.post(form.action, form.data(title="Trial opens, corrected"))
    assert saved.status_code == 302

    with CaptureQueriesContext(connection) as asked:
        index = text(client.get("/news/"))
    assert "Trial opens, corrected" in index
    assert kept.title in index
    assert cards_made(asked) == {edited.pk}
    # Nor is the list read again: which articles are on it is kept with the live set.
    assert not [sql for sql in _sql(asked) if LIST_READ.search(sql) and not CARDS_READ.search(sql)]

    with CaptureQueriesContext(connection) as asked:
        other = client.get(kept.get_absolute_url())
    assert other["X-Page-Cache"] == "miss"  # the page itself was made again
    assert kept.title in text(other)
    assert not page_links_read(asked)
    assert "Trial opens, corrected" in text(client.get(edited.get_absolute_url()))


@pytest.mark.parametrize(
    ("change", "shown", "gone"),
    [
        ("edit the article", "Trial opens today", None),
        ("rename the organisation", "Aston University Hospital", None),
        ("rename the theme", "Inflammation and immunity", None),
        ("rename the priority", "Ageing well", "Healthy ageing"),
        ("rename the tag", "Clinical research", "clinical trials"),
        ("rename the document", "Trial protocol, version 2", None),
        ("rename the person", "Ada Moss-Lyle", None),
        ("unlist the person", None, "Ada Moss"),
        ("rename the opportunity", "Pump-priming call 2027", None),
        ("take the opportunity down", None, "Pump-priming call"),
        ("rename the event", "Trial open evening", None),
        ("rename the publication", "Annual report 2026", None),
        ("link a document from its side", "Consent form", None),
        ("unlink from the organisation's side", None, "Aston University"),
        ("unlink every article from the priority's side", None, "Healthy ageing"),
    ],
)
def test_an_articles_page_and_card_show_each_change_to_what_they_show_at_once(
    client, linked, change, shown, gone, django_capture_on_commit_callbacks
):
    spare = DocumentFactory(title="Consent form")
    page = linked.get_absolute_url()
    before = text(client.get(page))
    client.get("/news/")
    assert gone is None or gone in before
    with django_capture_on_commit_callbacks(execute=True):
        match change:
            case "edit the article":
                linked.title = "Trial opens today"
                linked.save()
            case "rename the organisation":
                saved(linked.organisations.get(), name="Aston University Hospital")
            case "rename the theme":
                saved(linked.themes.get(), title="Inflammation and immunity")
            case "rename the priority":
                saved(linked.priorities.get(), title="Ageing well")
            case "rename the tag":
                saved(Tag.objects.get(name="clinical trials"), name="Clinical research")
            case "rename the document":
                saved(linked.documents.get(), title="Trial protocol, version 2")
            case "rename the person":
                saved(linked.people.get(), name="Ada Moss-Lyle")
            case "unlist the person":
                saved(linked.people.get(), listed=False)
            case "rename the opportunity":
                saved(linked.related_opportunities.get(), title="Pump-priming call 2027")
            case "take the opportunity down":
                saved(linked.related_opportunities.get(), status="draft")
            case "rename the event":
                saved(linked.related_events.get(), title="Trial open evening")
            case "rename the publication":
                saved(linked.related_publications.get(), title="Annual report 2026")
            case "link a document from its side":
                spare.articles.add(linked)
            case "unlink from the organisation's side":
                linked.organisations.get().articles.remove(linked)
            case "unlink every article from the priority's side":
                linked.priorities.get().articles.clear()
    after = text(client.get(page))
    card = text(client.get("/news/"))
    assert shown is None or shown in after
    assert gone is None or gone not in after
    if change in {"edit the article", "rename the organisation"}:
        assert shown in card


def test_a_bulk_action_in_the_admin_makes_every_card_again(
    client, comms_client, django_capture_on_commit_callbacks
):
    """An admin action may update articles without signals, and not say which: a staff POST
    to the article list stands for it."""
    article = ArticleFactory(title="Trial opens")
    client.get("/news/")
    client.get(article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(title="Trial opens today")  # no signal

    response = comms_client.post(
        "/admin/news/article/", {"action": "publish", "_selected_action": [article.pk]}
    )
    assert response.status_code == 302  # it was published already: nothing to do
    assert "Trial opens today" in text(client.get("/news/"))
    assert "Trial opens today" in text(client.get(article.get_absolute_url()))


@pytest.mark.usefixtures("redis_cache")
def test_an_article_saved_while_the_cache_was_down_shows_once_it_is_back(client, settings):
    article = ArticleFactory(title="Trial opens")
    client.get("/news/")
    working = settings.CACHES
    settings.CACHES = {**working, "default": {**working["default"], "LOCATION": REFUSED}}
    article.title = "Trial opens today"
    article.save()
    settings.CACHES = working
    _failed_at.clear()  # as once the cache has rested

    client.get("/people/")  # the saving worker's next request, of a page without it
    totals._owed.clear()  # then it is replaced, with whatever it still owed
    caches["parts"].clear()  # by a worker with no copies of its own
    assert "Trial opens today" in text(client.get("/news/"))
    assert "Trial opens today" in text(client.get(article.get_absolute_url()))


def test_parts_kept_with_rows_nobody_tracks_one_by_one_are_refused():
    with pytest.raises(ImproperlyConfigured, match=r"news\.ShareLink"):
        cached_each_for_rows([ShareLink(pk=1)], str, lambda rows: ["a link"], shows=[])


@pytest.mark.parametrize("subject", ["member", "person"])
@pytest.mark.parametrize("change", ["link", "unlink", "publish", "take down"])
def test_a_members_news_shows_articles_linked_and_unlinked_from_either_side_at_once(
    client, change, subject, django_capture_on_commit_callbacks
):
    """A member's or a person's latest news, kept with the set of live articles (and what
    they link to, or whom they name)."""
    if subject == "member":
        member, relation = OrganisationFactory(name="Aston University"), "organisations"
    else:
        member, relation = PersonFactory(honorific="", name="Ada Moss"), "people"
    linked = ArticleFactory(title="Trial opens")
    getattr(linked, relation).add(member)
    other = ArticleFactory(title="Clinic opens")
    draft = ArticleFactory(title="Ward opens", status=Article.Status.DRAFT)
    getattr(draft, relation).add(member)
    before = text(client.get(member.get_absolute_url()))
    assert "Trial opens" in before
    assert "Clinic opens" not in before
    with django_capture_on_commit_callbacks(execute=True):
        match change:
            case "link":
                member.articles.add(other)
            case "unlink":
                member.articles.remove(linked)
            case "publish":
                draft.status = Article.Status.PUBLISHED
                draft.save()
            case "take down":
                linked.status = Article.Status.DRAFT
                linked.save()
    after = text(client.get(member.get_absolute_url()))
    assert ("Clinic opens" in after) == (change == "link")
    assert ("Trial opens" in after) == (change in {"link", "publish"})
    assert ("Ward opens" in after) == (change == "publish")


# What to read next: the articles chosen for it are read first (news.models.Article.related).
READ_NEXT_ASKED = re.compile(r'"news_article_related_articles"')


def read_next(response):
    """The titles under "You might also be interested in"."""
    section = re.search(
        r'aria-labelledby="related-heading".*?</section>', response.content.decode(), re.S
    )
    return re.findall(r'class="card__title"><a [^>]*>([^<]+)<', section.group()) if section else []


@pytest.fixture
def reading(db):
    """An article on a theme, another on it (to read next), and one on nothing else."""
    theme = ThemeFactory(title="Inflammation")
    yesterday = timezone.now() - timedelta(days=1)
    return {
        "article": ArticleFactory(title="Trial opens", themes=[theme]),
        "next": ArticleFactory(title="Trial results", themes=[theme], publish_at=yesterday),
        "elsewhere": ArticleFactory(title="Ward opens"),
        "theme": theme,
    }


def test_another_articles_edit_leaves_what_to_read_next_as_it_was_kept(
    client, reading, django_capture_on_commit_callbacks
):
    page = reading["article"].get_absolute_url()
    assert read_next(client.get(page)) == ["Trial results"]
    with django_capture_on_commit_callbacks(execute=True):
        saved(reading["elsewhere"], title="Ward opens today")

    with CaptureQueriesContext(connection) as asked:
        again = client.get(page)
    assert again["X-Page-Cache"] == "miss"  # the page itself was made again
    assert read_next(again) == ["Trial results"]
    assert not [sql for sql in _sql(asked) if READ_NEXT_ASKED.search(sql)]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("rename the article to read next", ["Trial results in"]),
        ("take the article to read next down", []),
        ("unlink it from the theme", []),
        ("another article on the theme goes live", ["Clinic opens", "Trial results"]),
        ("tag another article as the article is", ["Ward opens", "Trial results"]),
        ("choose another article to read next", ["Ward opens"]),
        ("unlink the article from the theme", []),
    ],
)
def test_what_to_read_next_shows_each_change_at_once(
    client, reading, change, expected, django_capture_on_commit_callbacks
):
    article, elsewhere = reading["article"], reading["elsewhere"]
    article.tags.add("clinical trials")
    page = article.get_absolute_url()
    assert read_next(client.get(page)) == ["Trial results"]
    with django_capture_on_commit_callbacks(execute=True):
        match change:
            case "rename the article to read next":
                saved(reading["next"], title="Trial results in")
            case "take the article to read next down":
                saved(reading["next"], status=Article.Status.DRAFT)
            case "unlink it from the theme":
                reading["theme"].articles.remove(reading["next"])
            case "another article on the theme goes live":
                ArticleFactory(title="Clinic opens", themes=[reading["theme"]])
            case "tag another article as the article is":
                elsewhere.tags.add("clinical trials")
            case "choose another article to read next":
                article.related_articles.add(elsewhere)
            case "unlink the article from the theme":
                article.themes.clear()
    assert read_next(client.get(page)) == expected


def test_read_next_found_from_a_copy_kept_before_its_links_changed_is_not_given_to_the_new(
    reading, django_capture_on_commit_callbacks
):
    """An article page's article may be a copy kept from before its links changed (by a
    request that began before the save): what it finds to read next must not be what the
    article as it is now is given."""

    def as_read(article):
        return Article.objects.prefetch_related(*Article.RELATED_BY).get(pk=article.pk)

    article = reading["article"]
    kept = as_read(article)
    elsewhere = ThemeFactory(title="Surgery")
    reading["elsewhere"].themes.add(elsewhere)  # "Ward opens"
    with django_capture_on_commit_callbacks(execute=True):
        article.themes.set([elsewhere])

    assert [found.title for found in related_articles(kept)] == ["Trial results"]
    assert [found.title for found in related_articles(as_read(article))] == ["Ward opens"]


def test_a_feed_makes_only_the_entry_of_the_article_edited_again(
    client, django_capture_on_commit_callbacks
):
    kept, edited = ArticleFactory.create_batch(2, tags=["clinical trials"])
    client.get("/news/feed/")
    with django_capture_on_commit_callbacks(execute=True):
        saved(edited, title="Trial opens, corrected")

    with CaptureQueriesContext(connection) as asked:
        feed = client.get("/news/feed/").content.decode()
    assert "Trial opens, corrected" in feed
    assert kept.title in feed
    assert cards_made(asked) == {edited.pk}  # its entry, made from it read again
    assert not [sql for sql in _sql(asked) if LIST_READ.search(sql) and not CARDS_READ.search(sql)]


@pytest.mark.parametrize("change", ["rename the tag", "publish another", "take one down"])
def test_a_feed_shows_each_change_to_its_entries_at_once(
    client, change, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title="Trial opens", tags=["clinical trials"])
    draft = ArticleFactory(title="Ward opens", status=Article.Status.DRAFT)
    feed = "/news/feed/tag/clinical-trials/" if change == "rename the tag" else "/news/feed/"
    before = client.get(feed).content.decode()
    assert "<category>clinical trials</category>" in before
    with django_capture_on_commit_callbacks(execute=True):
        match change:
            case "rename the tag":
                saved(Tag.objects.get(), name="Clinical research")
            case "publish another":
                saved(draft, status=Article.Status.PUBLISHED)
            case "take one down":
                saved(article, status=Article.Status.DRAFT)
    after = client.get(feed).content.decode()
    assert ("<category>Clinical research</category>" in after) == (change == "rename the tag")
    assert ("Ward opens" in after) == (change == "publish another")
    assert ("Trial opens" in after) == (change != "take one down")
