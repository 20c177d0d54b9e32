"""The broken-links report: links inside bodies to this site's addresses that lead nowhere,
each checked by visiting it through the site itself."""

from html.parser import HTMLParser

import pytest
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import Article
from pagecache.versions import content_version
from pages.models import Page

from .factories import ArticleFactory, OrganisationFactory, PageFactory

pytestmark = pytest.mark.django_db

REPORT = "/admin/broken-links/"


class _Rows(HTMLParser):
    """The report's table as a visitor reads it: (item, type, link, problem) per link."""

    def __init__(self):
        super().__init__()
        self.rows, self.cells, self.cell, self.item = [], None, None, None
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.cell = ""
        elif tag == "a" and self.cell is not None:
            self.cell += f"[{dict(attrs)['href']}]"

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        elif tag in ("td", "th") and self.cell is not None:
            self.cells.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.cells is not None:
            if len(self.cells) == 4:
                self.item = self.cells[:2]
            elif len(self.cells) == 2:
                self.cells = self.item + self.cells
            self.rows.append(tuple(self.cells))
            self.cells = None


def rows(client):
    response = client.get(REPORT)
    assert response.status_code == 200
    parser = _Rows()
    parser.feed(response.content.decode())
    return parser.rows


@pytest.fixture
def linked():
    """A good link, a link kept working by a redirect, a draft's address, a missing page."""
    live = PageFactory(title="Evaluation centre", slug="evaluation-centre")
    draft = PageFactory(title="Plans", slug="plans", status=Page.Status.DRAFT)
    site = Site.objects.get_current()
    Redirect.objects.create(site=site, old_path="/old-centre/", new_path="/evaluation-centre/")
    Redirect.objects.create(site=site, old_path="/old-gone/", new_path="/nowhere-at-all/")
    article = ArticleFactory(
        title="Our news",
        body=(
            '<p><a href="/evaluation-centre/">good</a> <a href="/old-centre/">moved</a> '
            '<a href="https://testserver/plans/">draft</a> <a href="/no-such-page/">gone</a> '
            '<a href="/old-gone/">moved away</a> <a href="https://example.org/x/">theirs</a> '
            '<a href="mailto:a@example.org">mail</a> <a href="#top">here</a> '
            '<a href="/news/">news</a></p>'
        ),
    )
    return {"live": live, "draft": draft, "article": article}


def test_report_lists_only_links_that_lead_nowhere(linked, comms_client):
    change = f"[/admin/news/article/{linked['article'].pk}/change/]Our news"
    assert rows(comms_client) == [
        (change, "Article", "https://testserver/plans/", "Not found (404)"),
        (change, "Article", "/no-such-page/", "Not found (404)"),
        (change, "Article", "/old-gone/", "Redirects to /nowhere-at-all/: not found (404)"),
    ]


def test_a_fixed_link_leaves_the_report_at_once(linked, comms_client):
    linked["draft"].status = Page.Status.PUBLISHED
    linked["draft"].save()
    assert [row[2] for row in rows(comms_client)] == ["/no-such-page/", "/old-gone/"]
    Redirect.objects.filter(old_path="/old-gone/").update(new_path="/plans/")
    assert [row[2] for row in rows(comms_client)] == ["/no-such-page/"]


def test_pages_and_other_kinds_take_part_and_relative_links_follow_the_page(
    admin_client_in_group,
):
    section = PageFactory(title="About", slug="about")
    PageFactory(title="Team", slug="team", parent=section)
    body = '<p><a href="../team/">t</a> <a href="../teem/">x</a></p>'
    PageFactory(title="Board", slug="board", parent=section, body=body)
    OrganisationFactory(name="Aston", description='<p><a href="/members/nobody/">x</a></p>')
    report = rows(admin_client_in_group)
    assert sorted((row[1], row[2], row[3]) for row in report) == [
        ("Organisation", "/members/nobody/", "Not found (404)"),
        ("Page", "../teem/", "Not found (404)"),
    ]


def test_hostile_addresses_are_ignored_or_listed_safely(comms_client):
    article = ArticleFactory(title="Hostile")
    long = "/" + "a" * 3000 + "/"
    # As if saved before the sanitiser knew better: the report must still be safe.
    Article.objects.filter(pk=article.pk).update(
        body=(
            '<a href="javascript:alert(1)">js</a> <a href="//evil.example/x">evil</a> '
            '<a href="data:text/html,x">data</a> '
            f'<a href="{long}">long</a> <a href="/%ff%fe/">bytes</a> '
            '<a href="/%00/">nul</a> <a href="/&quot;&gt;&lt;script&gt;x/">script</a>'
        )
    )
    page = comms_client.get(REPORT).content.decode()
    report = rows(comms_client)
    assert [row[3] for row in report] == [
        "Address longer than 2000 characters",
        "Address is not valid UTF-8",
        "Address has control characters",
        "Not found (404)",
    ]
    assert "<script>" not in page
    assert "evil.example" not in page
    assert "javascript:" not in page
    assert len(report[0][2]) == 120


def test_only_staff_who_may_change_content_see_it(client, comms_client, django_user_model):
    assert client.get(REPORT).status_code == 302  # to the sign-in page
    user = django_user_model.objects.create_user("reader", password="x-long-pass", is_staff=True)
    client.force_login(user)
    assert client.get(REPORT).status_code == 403
    home = comms_client.get("/admin/").content.decode()
    assert f'href="{REPORT}"' in home


def _count(client):
    # From nothing kept, each time: the navigation is kept with the pages' rows, which the
    # articles' saves leave as they were. The page cache's content version costs its
    # queries per content change, not per link.
    cache.clear()
    content_version()
    with CaptureQueriesContext(connection) as queries:
        rows(client)
    return len(queries)


def test_query_count_is_pinned_and_does_not_grow_with_items(linked, comms_client):
    first = _count(comms_client)
    # 31 (one query per kind of item with a rich-text body, among them opportunities,
    # events and publications; the news index a link leads to, its cards' articles read
    # again by id), and 2 more for each of the 3 addresses that are not found: the old
    # WordPress site's addresses are looked up on every 404 (wordpress.middleware).
    assert first == 37
    ArticleFactory.create_batch(20, body=linked["article"].body)
    assert _count(comms_client) == first


def test_absolute_links_to_any_of_the_sites_own_hosts_are_checked(comms_client, settings):
    settings.SITE_DOMAIN = "www.bhp.example:8443"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "www.bhp.example", "bhp.example"]
    PageFactory(title="Evaluation centre", slug="evaluation-centre")
    ArticleFactory(
        title="Hosts",
        body=(
            '<p><a href="https://WWW.bhp.example:8443/evaluation-centre/">good</a> '
            '<a href="http://bhp.example/missing/">bad</a> '
            '<a href="https://bhp.example.evil.test/missing/">theirs</a></p>'
        ),
    )
    assert [row[2:] for row in rows(comms_client)] == [
        ("http://bhp.example/missing/", "Not found (404)")
    ]
