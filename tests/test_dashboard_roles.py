"""The admin home page for each role, used as its people use it: signed in, reading what it
shows, following every link on it.

Contributors (bhp/migrations/0008_review_roles.py) see only their own articles in the admin
and may publish nothing; another's draft, or what is scheduled but not yet live, may be
under embargo. So their dashboard names none of it, and every link it shows them opens a
page of theirs. Communications and administrators still see the whole site's work.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from news.models import Article
from workflow.models import Review

from . import pages
from .conftest import STAFF_PASSWORD
from .factories import ArticleFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

HOME = "/admin/"
LOGIN = "/admin/login/"

# Titles a contributor may not read: someone else's drafts, and what goes live later.
EMBARGOED = [
    "Embargoed: merger talks",
    "Embargoed: a submitted bid",
    "Embargoed: new chief executive",
    "Embargoed: board changes",
    "Embargoed: funding announcement",
]


@pytest.fixture
def content(contributor, contributor_client, comms_user, django_user_model):
    """A contributor's own work beside everyone else's, all of it due for review soon."""
    soon = timezone.localdate() + timedelta(days=3)
    colleague = django_user_model.objects.create_user("sam", password=STAFF_PASSWORD, is_staff=True)
    colleague.groups.add(Group.objects.get(name="Contributors"))

    def article(title, by, status=Article.Status.DRAFT, **fields):
        fields = {"created_by": by, "updated_by": by, "review_by": soon, **fields}
        return ArticleFactory(title=title, status=status, **fields)

    article("Our new clinic opens", contributor)
    submitted = article("Trust joins the partnership", contributor)
    article("Our published story", contributor, Article.Status.PUBLISHED, updated_by=comms_user)
    article("Embargoed: merger talks", colleague)
    bid = article("Embargoed: a submitted bid", colleague)
    Review.of(bid).take("submit", colleague, "", allowed=["submit"])
    article("Embargoed: new chief executive", comms_user)
    # Communications' draft that the contributor's account last touched: still not theirs.
    article("Embargoed: board changes", comms_user, updated_by=contributor)
    article(
        "Embargoed: funding announcement",
        comms_user,
        Article.Status.PUBLISHED,
        publish_at=timezone.now() + timedelta(days=2),
    )
    article("Open day at the hospital", comms_user, Article.Status.PUBLISHED)
    OrganisationFactory(name="Old Trust", review_by=soon)

    # Submitted from the review page, as the contributor does: it goes in the audit log and
    # so among their recent actions on the home page.
    review = f"/admin/news/article/{submitted.pk}/review/"
    pages.form(contributor_client.get(review), field="comment").submit(
        contributor_client, action="submit"
    )


def dashboard_list(home, slug):
    """The titles a dashboard list shows, e.g. "drafts"; None if the page has no such list."""
    section = pages.page(home).find("section", aria_labelledby=f"dashboard-{slug}")
    return None if section is None else [link.text for link in section.find_all("a")]


def links(response):
    """Each link on the page, as (text, address), once each, in order."""
    found = {}
    for link in pages.page(response).find_all("a"):
        href = link.attrs.get("href", "")
        if href and not href.startswith("#"):
            found.setdefault(href, link.text)
    return [(text, href) for href, text in found.items()]


def follow(client, text, href):
    """Open a link as a browser does; the page it ends on must be one this person can use."""
    response = client.get(href, follow=True)
    where = f"{text!r} ({href})"
    assert response.status_code == 200, where
    landed = response.wsgi_request.path
    assert not landed.startswith(LOGIN), f"{where} asks them to sign in again"
    if href != HOME:
        # An item the admin does not list for them: "… doesn't exist", back on the home page.
        assert landed != HOME, f"{where} sends them home: {pages.messages(response)}"
    return response


def test_a_contributors_dashboard_names_no_one_elses_unpublished_items(content, contributor_client):
    home = contributor_client.get(HOME)
    shown = pages.page(home).text

    assert [title for title in EMBARGOED if title in shown] == []
    assert sorted(dashboard_list(home, "drafts")) == [
        "Our new clinic opens",
        "Trust joins the partnership",
    ]
    assert dashboard_list(home, "scheduled") == []
    # Their own published article, not everyone's: others' open only for Communications.
    assert dashboard_list(home, "published") == ["Our published story"]


def test_every_link_and_form_on_a_contributors_dashboard_opens_a_page_they_can_use(
    content, contributor_client
):
    home = contributor_client.get(HOME)
    shown = links(home)
    in_lists = {
        text for slug in ("waiting", "drafts", "scheduled", "published", "review")
        for text in dashboard_list(home, slug) or []
    }  # fmt: skip
    # Not a vacuous walk: their work, the buttons, the admin, their own settings.
    texts = {text for text, _ in shown}
    assert {"Write an article", "Our new clinic opens", "Trust joins the partnership",
            "Our published story", "Articles", "Email notifications"} <= texts  # fmt: skip

    for text, href in shown:
        response = follow(contributor_client, text, href)
        page = response.content.decode()
        assert [title for title in EMBARGOED if title in page] == [], f"{text!r} ({href})"
        if text in in_lists:
            assert text in pages.page(response).text, f"{href} does not show {text!r}"

    # A draft of theirs opens as a form they can fill in; the list of articles lists theirs.
    draft = Article.objects.get(title="Our new clinic opens")
    change = follow(contributor_client, "draft", f"/admin/news/article/{draft.pk}/change/")
    assert "title" in pages.form(change, field="title").names
    articles = follow(contributor_client, "Articles", "/admin/news/article/")
    assert "Our new clinic opens" in pages.result_names(articles)

    # The one form on the page signs them out.
    (sign_out,) = pages.forms(home)
    assert sign_out.action.endswith("/admin/logout/")
    assert sign_out.submit(contributor_client).status_code == 200
    assert contributor_client.get(HOME).url.startswith(LOGIN)


def test_only_those_who_see_everyones_work_get_the_site_wide_review_list_and_reports(
    content, contributor_client, comms_client, admin_client_in_group
):
    # A contributor's own draft due for review waits for them; the site's review list and
    # the reports, which name everyone's drafts, are not on their page.
    home = contributor_client.get(HOME)
    assert dashboard_list(home, "review") is None
    assert "Our new clinic opens" in dashboard_list(home, "waiting")
    addresses = [href for _, href in links(home)]
    assert "/admin/review/" not in addresses
    assert "/admin/broken-links/" not in addresses

    # Communications and administrators still see it all, and each item opens for them.
    for client in (comms_client, admin_client_in_group):
        home = client.get(HOME)
        assert "Embargoed: merger talks" in dashboard_list(home, "review")
        assert "Old Trust" in dashboard_list(home, "review")
        assert dashboard_list(home, "scheduled") == ["Embargoed: funding announcement"]
        assert "Open day at the hospital" in dashboard_list(home, "published")
        shown = {href: text for text, href in links(home)}
        assert {"/admin/review/", "/admin/broken-links/"} <= set(shown)
        for href, text in shown.items():
            if href.startswith("/admin/news/article/") and href.endswith("/change/"):
                assert text in pages.page(follow(client, text, href)).text
        follow(client, "All content due for review", "/admin/review/")


@pytest.mark.parametrize("report", ["/admin/review/", "/admin/broken-links/"])
def test_a_report_a_contributor_types_the_address_of_names_only_their_own_items(
    content, contributor, comms_user, contributor_client, comms_client, report
):
    # Each of these drafts, one theirs and one not, links to a page of the site that is gone.
    broken = '<p>See <a href="/news/no-such-story/">the story</a>.</p>'
    Article.objects.filter(title__in=["Our new clinic opens", "Embargoed: merger talks"]).update(
        body=broken
    )

    theirs = pages.page(contributor_client.get(report)).text
    assert "Our new clinic opens" in theirs
    assert not [title for title in EMBARGOED if title in theirs]
    assert "Embargoed: merger talks" in pages.page(comms_client.get(report)).text
