"""The admin home page: a dashboard of each person's work, and the admin grouped for people."""

import re
from datetime import date, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.sites.models import Site
from django.utils import timezone

from news.models import Article

from .factories import ArticleFactory, GoalFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

HOME = "/admin/"


class _Blocks(HTMLParser):
    """The text and links of each element with an id-ed heading (sections, app tables)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = {}  # heading text -> {"text": str, "links": [(text, href)]}
        self.open = []  # [tag, depth, heading or None, block]
        self.heading = None
        self.link = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for entry in self.open:
            if entry[0] == tag:
                entry[1] += 1
        if tag in ("section", "table"):
            self.open.append([tag, 1, None, {"text": "", "links": []}])
        elif tag in ("h2", "caption") and self.open:
            self.heading = ""
        elif tag == "a":
            self.link = [attrs.get("href"), ""]

    def handle_data(self, data):
        if self.heading is not None:
            self.heading += data
        if self.link is not None:
            self.link[1] += data
        for entry in self.open:
            entry[3]["text"] += data

    def handle_endtag(self, tag):
        if tag in ("h2", "caption") and self.heading is not None and self.open:
            self.open[-1][2] = " ".join(self.heading.split())
            self.heading = None
        if tag == "a" and self.link is not None:
            for entry in self.open:
                entry[3]["links"].append((" ".join(self.link[1].split()), self.link[0]))
            self.link = None
        for entry in list(self.open):
            if entry[0] == tag:
                entry[1] -= 1
                if entry[1] == 0:
                    self.open.remove(entry)
                    entry[3]["text"] = " ".join(entry[3]["text"].split())
                    if entry[2]:
                        self.blocks[entry[2]] = entry[3]


def blocks(response):
    assert response.status_code == 200
    parser = _Blocks()
    parser.feed(response.content.decode())
    return parser.blocks


def link_texts(block):
    return [text for text, _ in block["links"]]


def at(*args):
    return timezone.make_aware(datetime(*args))


# The dashboard


def test_write_an_article_leads_to_the_new_article_form(comms_client):
    home = comms_client.get(HOME)
    page = home.content.decode()
    assert re.search(
        r'<a href="/admin/news/article/add/" class="button default">Write an article</a>', page
    )
    # It comes before the lists and the rest of the admin.
    assert page.index("Write an article") < page.index("Your drafts") < page.index(">Content<")


def test_my_drafts_lists_what_i_started_or_changed_not_others(
    comms_client, comms_user, admin_user_in_group
):
    ArticleFactory(title="Mine from the start", status=Article.Status.DRAFT, created_by=comms_user)
    ArticleFactory(
        title="Theirs I edited",
        status=Article.Status.DRAFT,
        created_by=admin_user_in_group,
        updated_by=comms_user,
    )
    ArticleFactory(
        title="Someone else's draft", status=Article.Status.DRAFT, created_by=admin_user_in_group
    )
    ArticleFactory(title="My published one", created_by=comms_user)

    drafts = blocks(comms_client.get(HOME))["Your drafts"]

    assert sorted(link_texts(drafts)) == ["Mine from the start", "Theirs I edited"]
    assert "Article · last changed" in drafts["text"]
    article = Article.objects.get(title="Mine from the start")
    assert ("Mine from the start", f"/admin/news/article/{article.pk}/change/") in drafts["links"]


def test_scheduled_items_show_when_they_go_live_soonest_first(comms_client, settings):
    later = ArticleFactory(title="Later", publish_at=timezone.now() + timedelta(days=9))
    sooner = ArticleFactory(title="Sooner", publish_at=at(2030, 12, 6, 14, 30))
    sooner.publish_at = timezone.now() + timedelta(days=2)
    sooner.save()
    ArticleFactory(title="Already live")
    ArticleFactory(
        title="A draft for later",
        status=Article.Status.DRAFT,
        publish_at=timezone.now() + timedelta(days=3),
    )

    scheduled = blocks(comms_client.get(HOME))["Scheduled"]

    assert link_texts(scheduled) == ["Sooner", "Later"]
    when = timezone.localtime(later.publish_at)
    # One way of writing times everywhere: "6 Dec 2026, 14:30".
    assert f"goes live {when.day} {when:%b %Y, %H:%M}" in scheduled["text"]


def test_recently_published_lists_the_latest_live_items_only(comms_client):
    for days in range(1, 8):
        ArticleFactory(
            title=f"Published {days} days ago", publish_at=timezone.now() - timedelta(days=days)
        )
    ArticleFactory(
        title="Taken down",
        publish_at=timezone.now() - timedelta(hours=3),
        unpublish_at=timezone.now() - timedelta(hours=1),
    )

    published = blocks(comms_client.get(HOME))["Recently published"]

    assert link_texts(published) == [f"Published {days} days ago" for days in range(1, 6)]


def test_due_for_review_lists_every_kind_of_content_each_person_may_see(comms_client):
    ArticleFactory(title="Old news", review_by=timezone.localdate() - timedelta(days=3))
    OrganisationFactory(name="Old Trust", review_by=timezone.localdate() + timedelta(days=5))
    ArticleFactory(title="Fresh news", review_by=timezone.localdate() + timedelta(days=300))

    review = blocks(comms_client.get(HOME))["Due for review"]

    assert link_texts(review)[:2] == ["Old news", "Old Trust"]
    assert "Overdue by 3 days" in review["text"]
    assert "Due in 5 days" in review["text"]
    assert ("All content due for review", "/admin/review/") in review["links"]


def test_waiting_for_me_holds_what_i_last_changed_that_is_due_for_review(comms_client, comms_user):
    ArticleFactory(
        title="My ageing article", updated_by=comms_user, review_by=date.today() - timedelta(days=1)
    )
    ArticleFactory(
        title="Someone else's ageing article", review_by=date.today() - timedelta(days=1)
    )

    waiting = blocks(comms_client.get(HOME))["Waiting for you"]

    assert link_texts(waiting) == ["My ageing article"]
    assert "Review by" in waiting["text"]


def test_empty_lists_say_so(comms_client):
    found = blocks(comms_client.get(HOME))
    assert "You have no drafts." in found["Your drafts"]["text"]
    assert "Nothing is scheduled." in found["Scheduled"]["text"]
    assert "Nothing is waiting for you." in found["Waiting for you"]["text"]


def test_staff_who_cannot_see_articles_get_no_article_lists_nor_write_button(
    client, django_user_model
):
    ArticleFactory(title="Secret draft", status=Article.Status.DRAFT)
    ArticleFactory(title="Public news")
    user = django_user_model.objects.create_user(
        "viewer", password="a-long-test-password", is_staff=True
    )
    client.force_login(user)

    page = client.get(HOME).content.decode()

    assert "Write an article" not in page
    assert "Secret draft" not in page
    assert "Public news" not in page


@pytest.mark.parametrize("count", [3, 50])
def test_dashboard_queries_do_not_grow_with_content(
    comms_client, comms_user, count, django_assert_num_queries
):
    for n in range(count):
        ArticleFactory(status=Article.Status.DRAFT, created_by=comms_user, review_by=date.today())
        ArticleFactory(publish_at=timezone.now() + timedelta(days=n + 1), updated_by=comms_user)
        ArticleFactory(review_by=date.today() - timedelta(days=n), updated_by=comms_user)
        OrganisationFactory(review_by=date.today())
        GoalFactory(review_by=date.today())
    comms_client.get(HOME)  # the session and permissions, as on any page
    with django_assert_num_queries(DASHBOARD_QUERIES):
        assert comms_client.get(HOME).status_code == 200


# Session, user, permissions (4); for each kind registered (articles, pages, opportunities,
# events, publications): drafts, scheduled, live, waiting (20); review: one per kind of
# reviewed content the person may see (articles, pages, members, goals, themes, priorities,
# the strategy page, people, opportunities, events, publications: 11); the recent-actions
# sidebar (1); the reviews waiting (1, workflow/queue.py).
DASHBOARD_QUERIES = 37


# The admin grouped for people


def test_communications_see_the_admin_grouped_and_named_for_people(comms_client):
    found = blocks(comms_client.get(HOME))
    assert link_texts(found["Content"])[:1] == ["Articles"]
    assert "Tags" in link_texts(found["Content"])
    assert "Documents" in link_texts(found["Content"])
    assert link_texts(found["Organisations and people"])[:1] == ["Organisations"]
    assert "Research themes" in link_texts(found["Strategy"])
    # Communications keep the old website's redirects and read the enquiries of their topics
    # and the emails sent, change their own notification settings, and nothing else of the
    # site's.
    assert link_texts(found["Site"]) == ["Redirects", "Add", "Change", "Enquiries", "View",
                                         "Emails sent", "View", "My email notifications",
                                         "Change"]  # fmt: skip
    for technical in ["Sign-in security", "Other", "Taggit", "Axes"]:
        assert technical not in found
    page = comms_client.get(HOME).content.decode()
    assert "Log entries" not in page
    assert "Audit log" not in page


def test_administrators_manage_the_site_and_its_security(admin_client_in_group):
    found = blocks(admin_client_in_group.get(HOME))
    assert {"Staff accounts", "Roles", "Redirects", "Audit log"} <= set(link_texts(found["Site"]))
    # Administrators may unlock someone locked out after failed sign-ins.
    assert "Locked-out sign-ins" in link_texts(found["Sign-in security"])


@pytest.mark.parametrize("browser", ["admin_client", "comms_client", "admin_client_in_group"])
def test_every_model_each_role_may_use_is_listed_exactly_once(browser, request, rf):
    client = request.getfixturevalue(browser)  # a superuser, Communications, Administrators
    response = client.get(HOME)
    listed = [
        href
        for name, block in blocks(response).items()
        if name not in DASHBOARD_LISTS
        for text, href in block["links"]
        if text not in ("Add", "Change", "View")
    ]
    asking = rf.get(HOME)
    asking.user = response.wsgi_request.user
    expected = [
        f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_module_permission(asking)
        and (model_admin.has_view_permission(asking) or model_admin.has_change_permission(asking))
    ]
    assert sorted(listed) == sorted(expected)
    assert len(set(listed)) == len(listed)


def test_a_model_nobody_has_placed_yet_is_listed_under_other():
    # The sites framework's model is not in the admin; registered later, it would be.
    unplaced = {"model": Site, "name": "Sites"}
    articles = {"model": Article, "name": "Articles"}
    grouped = admin.site.grouped([unplaced, articles])
    assert [(group["name"], group["models"]) for group in grouped] == [
        ("Content", [articles]),
        ("Other", [unplaced]),
    ]


def test_an_apps_own_page_still_lists_its_models(admin_client):
    found = blocks(admin_client.get("/admin/strategy/"))
    assert "Goals" in link_texts(found["Strategy"])


DASHBOARD_LISTS = {
    "Waiting for you",
    "Your drafts",
    "Scheduled",
    "Recently published",
    "Due for review",
    "Reports",
}
