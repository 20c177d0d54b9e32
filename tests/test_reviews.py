from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from members.models import Organisation
from news.models import Article
from strategy.models import Goal, StrategyPage

from . import pages
from .factories import (
    ArticleFactory,
    GoalFactory,
    OrganisationFactory,
    PriorityFactory,
    ThemeFactory,
)
from .test_public_pages import _count_queries

pytestmark = pytest.mark.django_db

REPORT = "/admin/review/"


def days(n):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def content():
    """One of each kind of reviewed content, overdue or due, plus some that are not due."""
    page = StrategyPage(introduction="<p>Our plan.</p>", review_by=days(29))
    page.save()
    return {
        "article": ArticleFactory(title="Old news", review_by=days(-10)),
        "member": OrganisationFactory(name="Aston University", review_by=days(0)),
        "goal": GoalFactory(title="Equal access", review_by=days(3)),
        "theme": ThemeFactory(title="Clinical trials", review_by=days(-1)),
        "priority": PriorityFactory(title="Maternal health", review_by=days(30)),
        "page": page,
        "later": ArticleFactory(title="Fresh news", review_by=days(31)),
        "undated": GoalFactory(title="Undated goal"),
    }


def report_rows(client):
    response = client.get(REPORT)
    assert response.status_code == 200
    return [(row["Item"], row["Type"], row["Status"]) for row in pages.results(response)]


def test_queryset_tells_overdue_due_and_undated_apart(content):
    assert list(Article.objects.review_overdue()) == [content["article"]]
    assert list(Goal.objects.review_due()) == [content["goal"]]
    assert list(Goal.objects.without_review_date()) == [content["undated"]]
    assert list(Organisation.objects.review_needed()) == [content["member"]]


def test_report_lists_everything_due_or_overdue_earliest_first(content, comms_client):
    assert report_rows(comms_client) == [
        ("Old news", "Article", "Overdue by 10 days"),
        ("Clinical trials", "Research theme", "Overdue by 1 day"),
        ("Aston University", "Organisation", "Due today"),
        ("Equal access", "Goal", "Due in 3 days"),
        ("Strategy page text", "Strategy page text", "Due in 29 days"),
        ("Maternal health", "Health research priority", "Due in 30 days"),
    ]
    page = comms_client.get(REPORT).content.decode()
    assert f'href="/admin/news/article/{content["article"].pk}/change/"' in page
    assert f'href="/admin/strategy/goal/{content["goal"].pk}/change/"' in page
    assert "Fresh news" not in page
    assert "Undated goal" not in page


def test_report_shows_only_what_the_person_may_view(content, client, django_user_model):
    user = django_user_model.objects.create_user("goals", password="x-long-password", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_goal"))
    client.force_login(user)
    assert report_rows(client) == [("Equal access", "Goal", "Due in 3 days")]


def test_staff_without_view_rights_are_refused_and_visitors_sent_to_log_in(
    client, django_user_model
):
    assert client.get(REPORT).status_code == 302
    user = django_user_model.objects.create_user("nobody", password="x-long-pass", is_staff=True)
    client.force_login(user)
    assert client.get(REPORT).status_code == 403
    assert "Content due for review" not in client.get("/admin/").content.decode()


def test_report_says_so_when_nothing_is_due(comms_client):
    assert "Nothing is due for review" in comms_client.get(REPORT).content.decode()


def test_admin_home_links_to_the_reports_each_role_may_read(
    client, comms_user, admin_user_in_group
):
    client.force_login(comms_user)
    comms_home = client.get("/admin/").content.decode()
    assert 'href="/admin/review/"' in comms_home
    assert 'href="/admin/admin/logentry/"' not in comms_home
    client.force_login(admin_user_in_group)
    admin_home = client.get("/admin/").content.decode()
    assert 'href="/admin/review/"' in admin_home
    assert 'href="/admin/admin/logentry/"' in admin_home


@pytest.mark.parametrize("per_kind", [1, 6])
def test_report_queries_do_not_grow_with_items(comms_client, per_kind):
    for factory in [ArticleFactory, OrganisationFactory, GoalFactory, ThemeFactory]:
        factory.create_batch(per_kind, review_by=days(-2))
    # Session, user and permissions (4), then one query per kind of reviewed content (eleven:
    # articles, pages, people, members, goals, themes, priorities, the strategy page,
    # opportunities, events, publications).
    assert _count_queries(comms_client, REPORT) == 15


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("/admin/news/article/", "article"),
        ("/admin/members/organisation/", "member"),
        ("/admin/strategy/goal/", "goal"),
        ("/admin/strategy/researchtheme/", "theme"),
        ("/admin/strategy/priority/", "priority"),
    ],
)
def test_each_list_filters_by_review_date(content, admin_client_in_group, url, key):
    def titles(review):
        response = admin_client_in_group.get(url, {"review": review})
        return set(pages.result_names(response))

    item = str(content[key])
    due_soon = key in {"member", "goal", "priority"}
    assert (item in titles("overdue")) is not due_soon
    assert (item in titles("due")) is due_soon
    assert item not in titles("none")
    if key == "goal":
        assert titles("none") == {"Undated goal"}
