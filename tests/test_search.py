import html
from datetime import timedelta

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.search import MAX_QUERY_LENGTH, clean_query, search
from news.models import ARTICLE_FIELDS, Article
from pagecache.paginator import ContentPaginator
from pagecache.versions import content_version
from search.models import ArticleSearchDocument

from . import pages
from .factories import (
    ArticleFactory,
    EventFactory,
    OpportunityFactory,
    OrganisationFactory,
    PageFactory,
    PersonFactory,
    PriorityFactory,
    PublicationFactory,
    ThemeFactory,
)
from .test_public_pages import outline
from .test_search_bounds import RESULT, STATUS

pytestmark = pytest.mark.django_db
postgres = pytest.mark.postgres


def titles(response):
    """The news a results page lists, as a visitor reads them."""
    return [html.unescape(title) for title in RESULT.findall(response.content.decode())]


def find(text):
    return [a.title for a in search(Article.objects.live(), ARTICLE_FIELDS, text)]


@postgres
def test_a_title_match_outranks_a_body_match():
    ArticleFactory(title="Funding news", body="<p>A new trial of a vaccine starts.</p>")
    ArticleFactory(title="Vaccine trial opens", body="<p>Recruitment starts in May.</p>",
                   publish_at=timezone.now() - timedelta(days=30))  # fmt: skip

    assert find("vaccine") == ["Vaccine trial opens", "Funding news"]


@postgres
def test_a_summary_match_outranks_a_body_match():
    ArticleFactory(title="One", body="<p>Maternity services grow.</p>")
    ArticleFactory(title="Two", summary="Maternity research expands.",
                   publish_at=timezone.now() - timedelta(days=30))  # fmt: skip

    assert find("maternity") == ["Two", "One"]


@postgres
def test_stemming_finds_other_forms_of_a_word():
    ArticleFactory(title="Largest ever surgical trial")

    assert find("trials") == ["Largest ever surgical trial"]
    assert find("trial's") == ["Largest ever surgical trial"]


@postgres
def test_quoted_phrases_and_excluded_words():
    ArticleFactory(title="Health data for research", body="<p>Cancer registry data.</p>")
    ArticleFactory(title="Data on health inequalities", body="<p>Research into access.</p>")

    assert find('"health data"') == ["Health data for research"]
    assert find("data research -cancer") == ["Data on health inequalities"]


@postgres
def test_results_page_highlights_the_words_found_and_escapes_the_rest(client):
    ArticleFactory(
        title="Virtual wards",
        summary="An evaluation.",
        body="<p>Patients &amp; <strong>their</strong> &lt;script&gt; carers.</p>",
    )

    response = client.get(reverse("search:results"), {"q": "carers"})

    content = response.content.decode()
    assert "<mark>carers</mark>" in content
    assert "Patients &amp; their &lt;script&gt; <mark>carers</mark>" in content
    assert "<strong>" not in content


@pytest.mark.parametrize("query", ["vaccine", "VACCINE", "vaccine -zebra"])
def test_both_databases_find_words_case_insensitively(client, query):
    ArticleFactory(title="Vaccine trial opens")
    ArticleFactory(title="Something else")

    assert titles(client.get(reverse("search:results"), {"q": query})) == ["Vaccine trial opens"]


def test_drafts_and_scheduled_articles_are_never_found(client):
    ArticleFactory(title="Vaccine news")
    ArticleFactory(title="Vaccine draft", status=Article.Status.DRAFT)
    ArticleFactory(title="Vaccine soon", publish_at=timezone.now() + timedelta(days=1))

    assert titles(client.get(reverse("search:results"), {"q": "vaccine"})) == ["Vaccine news"]


def test_members_themes_and_priorities_are_found_and_labelled(client):
    OrganisationFactory(name="Royal Orthopaedic Hospital", short_name="ROH", slug="roh")
    ThemeFactory(title="Orthopaedic innovation")
    PriorityFactory(title="Cancer outcomes")

    response = client.get(reverse("search:results"), {"q": "orthopaedic"})

    # A group with no results is left off the page.
    groups = {
        label: [title for title, _ in results]
        for label, results in pages.search_groups(response).items()
    }
    assert groups == {
        "Members and partners": ["Royal Orthopaedic Hospital"],
        "Research themes": ["Orthopaedic innovation"],
    }


def test_news_results_can_be_filtered_like_the_news_index(client):
    roh = OrganisationFactory(slug="roh")
    ArticleFactory(title="Trial at ROH", organisations=[roh])
    ArticleFactory(title="Trial elsewhere")

    response = client.get(reverse("search:results"), {"q": "trial", "member": "roh"})

    assert titles(response) == ["Trial at ROH"]


def test_results_are_paginated_keeping_the_query(client, settings):
    settings.NEWS_PAGE_SIZE = 2
    for n in range(3):
        ArticleFactory(title=f"Trial number {n}")

    first = client.get(reverse("search:results"), {"q": "trial"})
    second = client.get(reverse("search:results"), {"q": "trial", "page": 2})

    assert len(titles(first)) == 2
    assert len(titles(second)) == 1
    assert "?q=trial&amp;page=2" in first.content.decode()


def test_pages_cut_in_one_query_keep_the_last_pages_orphans():
    """How a search's pages are read (`by_id=False`), with Django's `orphans`."""
    for n in range(5):
        ArticleFactory(title=f"Trial {n}")
    paginator = ContentPaginator(lambda: Article.objects.order_by("pk"), 2, count_key="orphans",
                                 by_id=False, orphans=1)  # fmt: skip

    assert [len(paginator.page(number)) for number in paginator.page_range] == [2, 3]


HOSTILE_QUERIES = [
    "",
    "   ",
    "x" * 10_000,
    "trial " * 2_000,
    'a & | ! ( ) : * <-> "unclosed',
    "'; DROP TABLE news_article; --",
    "-",
    '""',
    "the and of",  # only stop words
    "vaccine\x00trial",
    "\x00",
    "%_\\",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_odd_queries_never_cause_an_error(client, query):
    ArticleFactory(title="Vaccine trial opens")

    response = client.get(reverse("search:results"), {"q": query})

    assert response.status_code == 200
    # What was searched for, in quotes where the page tells screen readers what it found.
    status = html.unescape(STATUS.search(response.content.decode()).group(1))
    searched = status.partition(" for “")[2].removesuffix("”")
    assert searched == clean_query(query)
    assert len(searched) <= MAX_QUERY_LENGTH


def test_the_header_has_a_search_box_that_works_without_scripts(client):
    content = client.get(reverse("home")).content.decode()

    assert f'action="{reverse("search:results")}"' in content
    assert 'name="q"' in content


def test_admin_article_search_uses_the_site_search(client, comms_user):
    ArticleFactory(title="Surgical trials expand")
    ArticleFactory(title="Unrelated news")
    ArticleFactory(title="A draft about a trial", status=Article.Status.DRAFT)
    client.force_login(comms_user)

    response = client.get(reverse("admin:news_article_changelist"), {"q": "trial"})

    found = sorted(pages.result_names(response))
    assert found == ["A draft about a trial", "Surgical trials expand"]
    assert client.get(reverse("admin:news_article_changelist"), {"q": "x\x00"}).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_search_query_count_does_not_grow_with_results(client, settings, count):
    settings.NEWS_PAGE_SIZE = 50
    members = OrganisationFactory.create_batch(2)
    for _ in range(count):
        ArticleFactory(title="Trial news", organisations=members, tags=["alpha"])

    content_version()  # made once per content change, not per page
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("search:results"), {"q": "trial"})

    assert len(titles(response)) == count
    # Filter choices, the total, the page's rows, which of the members, themes, priorities,
    # people and pages match (none: each group that does costs one more), and the navigation's
    # pages: the same however many results there are.
    assert len(queries) == 6


def test_only_the_groups_that_match_are_ranked_and_listed(client):
    ArticleFactory(title="Trial news")
    OrganisationFactory(name="Trial Centre Birmingham")
    content_version()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("search:results"), {"q": "trial"})
    assert "Trial Centre Birmingham" in response.content.decode()
    assert len(queries) == 7  # one more than when no group matches: the members listed


@postgres  # the count is of its queries; SQLite's search counts the news as well
def test_each_group_listed_costs_one_query_however_many_results_it_shows(client):
    """Each result shows its name, address and summary, read with the group's results: a
    field left out would be read again for every result."""
    two = {"Members and partners": OrganisationFactory, "Research themes": ThemeFactory,
           "Health research priorities": PriorityFactory, "People": PersonFactory,
           "Pages": PageFactory, "Open opportunities": OpportunityFactory,
           "Events": EventFactory, "Publications": PublicationFactory}  # fmt: skip
    for label, factory in two.items():
        for n in range(2):
            field = "name" if factory in (OrganisationFactory, PersonFactory) else "title"
            factory(**{field: f"Trial {label} {n}"})
    content_version()

    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("search:results"), {"q": "trial"}).content.decode()

    for label in two:
        assert f'">{label}</h2>' in page
        assert page.count(f"Trial {label} ") == 2
    # Content types are looked up once per process, by whichever test comes first.
    asked = [q for q in queries.captured_queries if "django_content_type" not in q["sql"]]
    assert len(asked) == 5 + len(two)  # as when no group matches, and one for each


@postgres
def test_the_gin_index_serves_the_search():
    ArticleFactory(title="Trial")
    matches = ArticleSearchDocument.objects.filter(vector=SearchQuery("trial", config="english"))
    sql, params = matches.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on article_document_search_idx" in plan
    assert matches.get().article.title == "Trial"


@pytest.mark.parametrize("query", ["", "vaccine"])
def test_results_page_is_well_formed_and_scripts_only_enhance_it(client, query):
    ArticleFactory(title="Vaccine trial opens")

    response = client.get(reverse("search:results"), {"q": query})

    page = outline(response)
    assert page.h1 == 1
    assert page.inline_code == []
    content = response.content.decode()
    assert 'src="/static/js/search-as-you-type.js" defer' in content
    # The script swaps in these parts of the page it fetches; the form itself needs neither.
    assert 'id="search-results"' in content
    assert 'id="search-status"' in content


@postgres
def test_an_edited_article_is_found_by_its_new_words_only():
    article = ArticleFactory(title="Vaccine trial opens")
    article.title = "Recruitment begins"
    article.save()

    assert find("vaccine") == []
    assert find("recruitment") == ["Recruitment begins"]


@postgres
def test_saving_other_fields_leaves_the_search_words_alone(django_assert_num_queries):
    article = ArticleFactory(title="Vaccine trial opens")

    with django_assert_num_queries(1):
        article.featured = True
        article.save(update_fields=["featured"])
    assert find("vaccine") == ["Vaccine trial opens"]


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "news/"])
def test_a_redirect_may_only_lead_to_a_page_of_this_site(admin_client_in_group, target):
    from django.contrib.redirects.models import Redirect

    response = admin_client_in_group.post(
        "/admin/redirects/redirect/add/", {"old_path": "/old-page/", "new_path": target}
    )
    assert response.status_code == 200
    assert "Enter an address on this site starting with /" in response.content.decode()
    assert not Redirect.objects.exists()


def test_a_repeated_search_follows_what_is_published_and_taken_down(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # only the kept results themselves are under test
    first = ArticleFactory(title="Trial one")
    assert titles(client.get(reverse("search:results"), {"q": "trial"})) == ["Trial one"]

    ArticleFactory(title="Trial two")
    first.unpublish_at = timezone.now()
    first.save()

    assert titles(client.get(reverse("search:results"), {"q": "trial"})) == ["Trial two"]


def searched_news(client, query, **filters):
    """The news a search lists, and the queries that read articles to list them."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("search:results"), {"q": query, **filters})
    return titles(page), [q["sql"] for q in queries if '"news_article"' in q["sql"]]


@pytest.mark.parametrize("filtered", [False, True], ids=["unfiltered", "filtered"])
def test_a_repeated_search_is_ranked_once_until_content_changes(client, settings, filtered):
    """Unfiltered searches run SQL compiled once (`PreparedBest`), filtered ones the ORM's:
    both keep what they found."""
    settings.PAGE_CACHE_SECONDS = 0  # what is kept besides whole pages is under test
    published = timezone.now().replace(year=2025, month=6, day=1)  # one year, whenever it runs
    filters = {"year": published.year} if filtered else {}
    ArticleFactory(title="Trial one", publish_at=published)

    found, reads = searched_news(client, "trial", **filters)
    assert found == ["Trial one"]
    assert reads, "the first search ranks"

    assert searched_news(client, "trial", **filters) == (["Trial one"], [])

    ArticleFactory(title="Trial two", publish_at=published + timedelta(days=1))
    found, reads = searched_news(client, "trial", **filters)
    assert found == ["Trial two", "Trial one"]
    assert reads


def test_kept_result_markup_belongs_to_its_own_search_filters_and_page(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.NEWS_PAGE_SIZE = 1
    roh = OrganisationFactory(name="Royal Orthopaedic Hospital", slug="roh")
    ArticleFactory(title="Trial at the hospital", organisations=[roh],
                   publish_at=timezone.now() - timedelta(days=2))  # fmt: skip
    ArticleFactory(title="Vaccine trial elsewhere", publish_at=timezone.now() - timedelta(days=1))

    def shown(**params):
        page = client.get(reverse("search:results"), params).content.decode()
        found = [title for title in ("Trial at the hospital", "Vaccine trial elsewhere")
                 if f">{title}</a></h3>" in page]  # fmt: skip
        return found + ["members"] * ('id="group-1">Members and partners' in page)

    first = shown(q="trial")
    assert first == ["Vaccine trial elsewhere"]
    assert shown(q="trial", page=2) == ["Trial at the hospital"]
    assert shown(q="vaccine") == ["Vaccine trial elsewhere"]
    assert shown(q="trial", member="roh") == ["Trial at the hospital"]
    assert shown(q="orthopaedic") == ["members"]
    assert shown(q="orthopaedic", member="roh") == ["members"]
    assert shown(q="trial") == first
