from datetime import datetime, timedelta
from html.parser import HTMLParser

import factory
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bhp.apps import look_up_content_types
from news.forms import NewsFilterForm
from news.models import Article
from pagecache.versions import content_version
from strategy.models import StrategyPage

from . import pages
from .factories import (
    ArticleFactory,
    GoalFactory,
    KeyStatisticFactory,
    OrganisationFactory,
    PriorityFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    """A small partnership: members, a partner, strategy, and live, draft and scheduled news."""
    uhb = OrganisationFactory(
        name="University Hospitals Birmingham",
        short_name="UHB",
        slug="uhb",
        founding_member=True,
        joined_on=None,
        kind="nhs_trust",
    )
    aston = OrganisationFactory(name="Aston University", short_name="Aston", slug="aston",
                                kind="university", joined_on=timezone.localdate())  # fmt: skip
    abhi = OrganisationFactory(
        name="Association of British HealthTech Industries",
        short_name="ABHI",
        slug="abhi",
        is_member=False,
        joined_on=None,
        kind="other",
    )
    theme = ThemeFactory(title="Clinical trials", slug="clinical-trials")
    priority = PriorityFactory(title="Maternal health", slug="maternal-health")
    KeyStatisticFactory(priority=priority)
    GoalFactory(title="Equal access to research")
    StrategyPage(introduction="<p>Working together.</p>", quote="Research for all.").save()
    live = ArticleFactory(
        title="Aston joins the partnership", slug="aston-joins", with_image=True,
        organisations=[aston, uhb], themes=[theme], priorities=[priority], tags=["Membership"],
    )  # fmt: skip
    partner_news = ArticleFactory(
        title="Agreement with ABHI",
        slug="abhi-mou",
        organisations=[abhi],
        tags=["Industry"],
        featured=True,
    )
    draft = ArticleFactory(title="Secret draft", slug="secret-draft", organisations=[uhb],
                           status=Article.Status.DRAFT, tags=["Unreleased"])  # fmt: skip
    scheduled = ArticleFactory(title="Future news", slug="future-news", organisations=[uhb],
                               publish_at=timezone.now() + timedelta(days=2))  # fmt: skip
    return {
        "uhb": uhb, "aston": aston, "abhi": abhi, "theme": theme, "priority": priority,
        "live": live, "partner_news": partner_news, "draft": draft, "scheduled": scheduled,
    }  # fmt: skip


class Outline(HTMLParser):
    """Collects what matters to assistive technology: h1s, landmarks, lang, skip link."""

    def __init__(self):
        super().__init__()
        self.h1 = 0
        self.tags = set()
        self.lang = None
        self.first_link = None
        self.inline_code = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        self.h1 += tag == "h1"
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a" and self.first_link is None:
            self.first_link = attrs.get("href")
        if tag == "style" or "style" in attrs or any(name.startswith("on") for name in attrs):
            self.inline_code.append(tag)
        # JSON-LD is data that browsers never run, so the CSP's inline-script ban allows it.
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/ld+json":
            self.inline_code.append(tag)


def outline(response):
    parser = Outline()
    parser.feed(response.content.decode())
    return parser


def results_heading(response):
    """The heading over the news index's list, which tells visitors how many articles match."""
    return pages.page(response).find(id="results-heading").text


PUBLIC_PAGES = [
    ("home", {}),
    ("news:article-list", {}),
    ("news:article-detail", {"slug": "aston-joins"}),
    ("news:tag-detail", {"slug": "membership"}),
    ("members:organisation-list", {}),
    ("members:organisation-detail", {"slug": "uhb"}),
    ("members:organisation-detail", {"slug": "abhi"}),
    ("strategy:strategy", {}),
    ("strategy:theme-detail", {"slug": "clinical-trials"}),
    ("strategy:priority-detail", {"slug": "maternal-health"}),
]


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_PAGES)
@pytest.mark.parametrize("as_staff", [False, True], ids=["visitor", "staff"])
def test_every_public_page_is_well_formed(site, client, comms_user, name, kwargs, as_staff):
    if as_staff:
        client.force_login(comms_user)
    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 200
    page = outline(response)
    assert page.h1 == 1
    assert page.lang == "en-GB"
    assert page.first_link == "#main"
    assert {"header", "nav", "main", "footer"} <= page.tags
    assert page.inline_code == []
    assert "Content-Security-Policy" in response.headers
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


def test_drafts_and_scheduled_articles_are_hidden_from_visitors_everywhere(site, client):
    for url in [
        "/", "/news/", "/members/uhb/", "/news/tags/membership/",
        f"/news/?member=uhb&year={timezone.now().year}",
    ]:  # fmt: skip
        content = client.get(url).content.decode()
        assert "Secret draft" not in content, url
        assert "Future news" not in content, url
    assert client.get("/news/secret-draft/").status_code == 404
    assert client.get("/news/future-news/").status_code == 404
    assert client.get("/news/tags/unreleased/").status_code == 404
    assert b"Unreleased" not in client.get("/news/").content  # not even as a filter choice


def test_news_index_counts_only_live_articles(site, client):
    assert results_heading(client.get("/news/")) == "2 articles"


@pytest.mark.parametrize("slug", ["secret-draft", "future-news"])
def test_staff_see_unpublished_articles_marked_and_never_cached(site, comms_client, slug):
    response = comms_client.get(f"/news/{slug}/")

    assert response.status_code == 200
    assert b"Not public yet." in response.content
    assert b'name="robots" content="noindex' in response.content
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_staff_without_news_rights_cannot_open_drafts(site, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("helper", is_staff=True))
    assert client.get("/news/secret-draft/").status_code == 404


def test_live_article_has_no_draft_marking(site, client):
    response = client.get("/news/aston-joins/")
    assert b"Not public yet." not in response.content
    assert "no-store" not in response.get("Cache-Control", "")


def test_article_links_to_its_members_themes_priorities_and_tags_and_back(site, client):
    content = client.get("/news/aston-joins/").content.decode()
    for url in ["/members/aston/", "/members/uhb/", "/themes/clinical-trials/",
                "/priorities/maternal-health/", "/news/tags/membership/"]:  # fmt: skip
        assert f'href="{url}"' in content
        assert 'href="/news/aston-joins/"' in client.get(url).content.decode(), url


def test_article_shows_image_with_alt_text_and_dimensions(site, client):
    content = client.get("/news/aston-joins/").content.decode()
    assert 'alt="A navy panel"' in content
    assert 'width="400" height="225"' in content


def test_members_page_groups_by_kind_marks_founders_and_lists_partners_apart(site, client):
    content = client.get("/members/").content.decode()
    assert content.index("NHS trusts") < content.index("University Hospitals Birmingham")
    assert content.index("Universities") < content.index("Aston University")
    assert "Founding member" in content
    partners = content.index("Organisations we work with")
    assert content.index("Association of British HealthTech Industries") > partners


def test_partner_page_says_it_is_not_a_member(site, client):
    response = client.get("/members/abhi/")
    assert b"Partner organisation (not a member)" in response.content
    assert pages.article_slugs(response, section="news-heading") == ["abhi-mou"]


def test_priority_page_shows_statistics_with_source_and_date(site, client):
    content = client.get("/priorities/maternal-health/").content.decode()
    assert "7.9" in content
    assert "Source: Office for National Statistics" in content
    assert timezone.localdate().strftime("%B %Y") in content


def test_strategy_page_shows_goals_themes_priorities_and_text(site, client):
    content = client.get("/strategy/").content.decode()
    for text in ["Working together.", "Research for all.", "Equal access to research",
                 "Clinical trials", "Maternal health"]:  # fmt: skip
        assert text in content


def test_home_page_leads_with_featured_news(site, client):
    response = client.get("/")
    assert pages.article_slugs(response, section="lead-heading") == ["abhi-mou"]
    assert pages.article_slugs(response, section="latest-heading") == ["aston-joins"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("member=uhb", ["aston-joins"]),
        ("member=aston&theme=clinical-trials", ["aston-joins"]),
        ("member=abhi&theme=clinical-trials", []),
        ("tag=industry", ["abhi-mou"]),
        ("priority=maternal-health", ["aston-joins"]),
        ("year=1999", ["aston-joins", "abhi-mou"]),  # not a year with news: left out
    ],
)
def test_news_filters_combine(site, client, query, expected):
    response = client.get(f"/news/?{query}")
    assert response.status_code == 200
    assert sorted(pages.article_slugs(response)) == sorted(expected)


def test_news_filter_by_year(site, client):
    year = timezone.localtime(site["live"].publish_at).year
    assert results_heading(client.get(f"/news/?year={year}")) == f"Showing 2 articles in {year}"


def test_news_filter_by_month(site, client):
    when = timezone.localtime(site["live"].publish_at)
    response = client.get(f"/news/?year={when.year}&month={when.month}")
    html = response.content.decode()
    assert f"in {when:%B} {when.year}" in html
    assert f'<option value="{when.month}" selected>{when:%B}</option>' in html
    other = 1 + when.month % 12
    assert "No articles match these filters" in client.get(f"/news/?month={other}").content.decode()


def test_pagination_links_keep_the_filters(site, client, settings):
    settings.NEWS_PAGE_SIZE = 2
    uhb = site["uhb"]
    ArticleFactory.create_batch(5, organisations=[uhb])
    response = client.get("/news/?member=uhb")
    assert 'href="?member=uhb&amp;page=2"' in response.content.decode()
    page_two = client.get("/news/?member=uhb&page=2")
    assert page_two.status_code == 200
    about_uhb = [article.slug for article in Article.objects.live().filter(organisations=uhb)]
    assert pages.article_slugs(page_two) == about_uhb[2:4]


@pytest.mark.parametrize(
    "query",
    ["member=no-such-member", "tag=%00", "theme=" + "x" * 10_000, "year=abc",
     "priority=<script>", "member=uhb%00", "year=" + "9" * 50],
)  # fmt: skip
def test_unknown_filter_values_give_a_sensible_page(site, client, query):
    response = client.get(f"/news/?{query}")
    assert response.status_code == 200
    assert b"Some filters were left out" in response.content
    assert results_heading(response) == "Showing 2 articles"


@pytest.mark.parametrize(
    "url",
    ["/", "/news/", "/news/?member=no-such-member&year=abc&month=13", "/events/?theme=x",
     "/publications/?theme=x&year=abc", "/opportunities/", "/people/", "/members/uhb/",
     "/search/?q=trial", "/search/?q=trial&member=no-such-member", "/contact/"],
)  # fmt: skip
def test_every_label_hint_and_error_a_page_names_is_on_it(site, client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert pages.missing_references(response) == []


@pytest.mark.parametrize("listing", ["/news/", "/events/", "/publications/"])
def test_a_refused_filter_names_its_error_beside_it(site, client, listing):
    """A screen reader announces what a control's aria-describedby names: the error must be
    on the page under that id, not only in the summary above the form."""
    html = pages.page(client.get(f"{listing}?theme=no-such-theme"))
    control = html.find("select", name="theme")
    described_by = control.attrs["aria-describedby"]
    assert control.attrs["aria-invalid"] == "true"
    assert html.find(id=described_by).text.endswith(", so this filter was left out.")


@pytest.mark.parametrize("page", ["abc", "99999", "0", "-1", "%00", "1.5"])
@pytest.mark.parametrize("listing", ["/news/", "/news/tags/membership/"])
def test_bad_page_numbers_are_not_found(site, client, listing, page):
    assert client.get(f"{listing}?page={page}").status_code == 404


@pytest.mark.parametrize(
    "url", ["/news/no-such-article/", "/members/nobody/", "/themes/none/", "/priorities/none/",
            "/news/tags/none/", "/news/" + "a" * 5000 + "/", "/members/%00/"],
)  # fmt: skip
def test_unknown_addresses_get_the_sites_404_page(site, client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert outline(response).h1 == 1


@pytest.mark.urls("tests.broken_urls")
def test_a_server_error_shows_the_sites_500_page(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    assert b"Sorry, something went wrong" in response.content
    assert b"Traceback" not in response.content
    assert outline(response).lang == "en-GB"


def test_tags_in_any_script_have_working_pages(client):
    article = ArticleFactory(tags=["Café", "Ωmega"])
    content = client.get(article.get_absolute_url()).content.decode()
    for slug, name in [("café", "Café"), ("ωmega", "Ωmega")]:
        url = reverse("news:tag-detail", kwargs={"slug": slug})
        assert f'href="{url}"' in content
        assert client.get(url).status_code == 200
        filtered = client.get(f"/news/?tag={slug}")
        assert results_heading(filtered) == f"Showing 1 article about {name}"


def test_a_repeated_filter_uses_the_last_value(site, client):
    response = client.get("/news/?member=abhi&member=uhb")
    assert pages.article_slugs(response) == ["aston-joins"]


def offered(response, name):
    return {value for value, _ in pages.options(response, name) if value}


def test_filters_offer_only_choices_that_have_live_news(site, client):
    assert offered(client.get("/news/"), "member") == {"uhb", "aston", "abhi"}
    OrganisationFactory(slug="no-news-yet")
    response = client.get("/news/")
    assert "no-news-yet" not in offered(response, "member")
    assert "unreleased" not in offered(response, "tag")
    assert b'value="no-news-yet"' not in response.content


def test_years_offered_are_those_with_live_news_newest_first(client):
    def published_in(year, **kwargs):
        when = timezone.make_aware(datetime(year, 6, 1, 12))
        return ArticleFactory(publish_at=when, **kwargs)

    published_in(2019)
    published_in(2021)
    published_in(2016, status=Article.Status.DRAFT)
    published_in(2017, unpublish_at=timezone.now() - timedelta(days=1))
    published_in(2015, unpublish_at=timezone.now() + timedelta(days=1))
    years = pages.options(client.get("/news/"), "year")
    assert years == [("", "Any year"), ("2021", "2021"), ("2019", "2019"), ("2015", "2015")]


def test_a_choice_that_is_not_offered_is_refused_without_asking_the_database(
    site, client, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    OrganisationFactory(slug="no-news-yet")
    client.get("/news/")  # what every visitor shares is now cached
    with CaptureQueriesContext(connection) as unfiltered:
        client.get("/news/")
    with CaptureQueriesContext(connection) as refused:
        response = client.get("/news/?member=no-news-yet")
    left_out = pages.page(response).find(class_="error-summary").find_all("a")
    assert [(link.attrs["href"], link.text) for link in left_out] == [
        ("#id_member", f"Organisation: {NewsFilterForm.UNSUPPORTED}")
    ]
    assert pages.article_slugs(response) == pages.article_slugs(client.get("/news/"))
    assert len(refused) == len(unfiltered)


def test_a_scheduled_article_appears_on_time_without_any_job(client, time_machine):
    time_machine.move_to(timezone.now())
    ArticleFactory(title="Embargoed result", publish_at=timezone.now() + timedelta(hours=2))
    assert b"Embargoed result" not in client.get("/news/").content

    time_machine.shift(timedelta(hours=2, seconds=1))

    assert b"Embargoed result" in client.get("/news/").content
    assert b"Embargoed result" in client.get("/").content


def _count_queries(client, url):
    # The page cache's content version costs one query per content change, not per page.
    content_version()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _articles(count):
    # With logos: a listing that forgets the logo's size fetches it per member.
    members = OrganisationFactory.create_batch(
        2, logo=factory.django.ImageField(width=300, height=100), logo_alt="Logo"
    )
    themes = [ThemeFactory()]
    priorities = [PriorityFactory()]
    for _ in range(count):
        ArticleFactory(organisations=members, themes=themes, priorities=priorities,
                       tags=["alpha", "beta"], with_image=True)  # fmt: skip
    return members[0], themes[0], priorities[0]


# Pinned so that a template or view that starts querying per article fails here. Each
# counts one for the pages the main navigation offers (kept until content changes).
PAGE_QUERIES = {
    # Featured, latest, navigation, priorities, themes, members, the next events (events'
    # next_events), open opportunities (opportunities' open_opportunities); for each of the
    # two sets of cards (the lead story, the latest), their articles read again after the
    # cards were named (news' article_cards) and their organisations.
    "/": 12,
    # Years, filter choices, total, the page's articles, navigation, the articles read again
    # for their cards, their organisations.
    "/news/": 7,
    "/news/?member={member}&theme={theme}&year={year}": 7,  # as /news/: filters need none
    "/news/?year={year}&month={month}": 7,  # the old site's month archives lead here
    # The tag, total, the page's articles, navigation, read again for the cards, their
    # organisations.
    "/news/tags/alpha/": 6,
    # The organisations, navigation.
    "/members/": 2,
    # The member, navigation, its news, their total, read again for their cards, their
    # organisations, its next events (events' about_events), its open opportunities
    # (opportunities' about_opportunities) and its publications (publications'
    # about_publications), as on theme and priority pages.
    "/members/{member}/": 9,
    # The theme, navigation, who leads it today (people's current_leads), its news, their
    # total, read again for their cards, their organisations, its next events, open
    # opportunities and publications.
    "/themes/{theme}/": 10,
    # The priority, its key statistics, navigation, who leads it today, its news, their
    # total, read again for their cards, their organisations, its next events, open
    # opportunities and publications.
    "/priorities/{priority}/": 11,
    # The strategy page's text, navigation, goals, themes, priorities, key statistics.
    "/strategy/": 6,
}


@pytest.mark.parametrize(("url", "expected"), PAGE_QUERIES.items())
@pytest.mark.parametrize("articles", [3, 50])
def test_query_count_per_page_does_not_grow_with_articles(
    client, settings, url, expected, articles
):
    settings.NEWS_PAGE_SIZE = 50
    member, theme, priority = _articles(articles)
    newest = timezone.localtime(Article.objects.first().publish_at)
    year, month = newest.year, newest.month
    url = url.format(
        member=member.slug, theme=theme.slug, priority=priority.slug, year=year, month=month
    )
    assert _count_queries(client, url) == expected, url


def test_a_started_worker_looks_up_no_content_type_for_a_visitor(client):
    article = ArticleFactory(tags=["alpha"], organisations=[OrganisationFactory()])
    ContentType.objects.clear_cache()
    look_up_content_types()  # what each gunicorn worker does as it starts
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    lookups = [q for q in queries if q["sql"].startswith('SELECT "django_content_type"')]
    assert not lookups


@pytest.mark.parametrize("articles", [3, 50])
def test_article_page_query_count_does_not_grow(client, articles):
    _articles(articles)
    # 16: the article's id (what it is kept with); the article (with its byline's person);
    # its organisations, themes, priorities, tags, documents offered for download, the
    # people it names, the opportunities, events and publications it links; two for the
    # articles to read next (those chosen, then the newest related); navigation; those
    # read again for their cards, and their organisations.
    assert _count_queries(client, Article.objects.first().get_absolute_url()) == 16
