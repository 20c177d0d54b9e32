import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from reversion.models import Version

from core.audit import PUBLISHED
from news.models import Article
from strategy.models import Goal

from . import pages
from .factories import ArticleFactory
from .test_admin import article_form

pytestmark = pytest.mark.django_db

AUDIT = "/admin/admin/logentry/"


def goal_form(**overrides):
    return {"title": "Equal access", "slug": "equal-access", "summary": "Research for all.",
            "description": "", "order": "1", "review_by": "", **overrides}  # fmt: skip


def events(client, **query):
    """The audit log's rows as (who, what, what happened), newest first."""
    response = client.get(AUDIT, query)
    assert response.status_code == 200
    return [(row["User"], row["What"], row["What happened"]) for row in pages.results(response)]


def test_administrators_see_who_published_and_unpublished_what(
    client, comms_user, admin_user_in_group
):
    draft = ArticleFactory(title="Trust joins", status="draft")
    client.force_login(comms_user)
    client.post("/admin/news/article/", {"action": "publish", "_selected_action": [draft.pk]})
    client.post("/admin/news/article/", {"action": "unpublish", "_selected_action": [draft.pk]})
    client.force_login(admin_user_in_group)
    assert events(client, event="published") == [("comms", "Trust joins", "Published")]
    assert events(client, event="unpublished") == [("comms", "Trust joins", "Unpublished")]
    assert events(client, event="changed") == []


def test_publishing_and_unpublishing_with_the_status_field_show_in_the_audit(
    comms_client, admin_client_in_group
):
    """The usual way to publish: open the article, choose the status, save."""
    article = ArticleFactory(title="Trust joins", status=Article.Status.DRAFT)
    url = f"/admin/news/article/{article.pk}/change/"

    def save(**values):
        form = pages.form(comms_client.get(url), field="status")
        assert form.submit(comms_client, "_save", **values).status_code == 302

    save(status="published", title="Trust joins BHP")
    save(summary="A new member trust.")
    save(status="draft")
    assert events(admin_client_in_group, event="published") == [
        ("comms", "Trust joins BHP", "Published")
    ]
    assert events(admin_client_in_group, event="unpublished") == [
        ("comms", "Trust joins BHP", "Unpublished")
    ]
    assert events(admin_client_in_group, event="changed") == [
        ("comms", "Trust joins BHP", "Changed")
    ]
    # What else changed in the same save is still told.
    published = LogEntry.objects.get(change_message__startswith=PUBLISHED)
    assert published.get_change_message() == "Published. Changed Title and Status."


def test_an_article_added_as_published_shows_as_added_and_published(
    comms_client, admin_client_in_group
):
    form = pages.form(comms_client.get("/admin/news/article/add/"), field="status")
    response = form.submit(
        comms_client,
        "_save",
        title="Trust joins BHP",
        slug="trust-joins-bhp",
        summary="A new member trust.",
        body="<p>Welcome.</p>",
        status="published",
    )
    assert response.status_code == 302
    assert events(admin_client_in_group, event="published") == [
        ("comms", "Trust joins BHP", "Published")
    ]
    assert events(admin_client_in_group, event="added") == [("comms", "Trust joins BHP", "Added")]


def test_an_article_added_as_a_draft_is_not_published_in_the_audit(
    comms_client, admin_client_in_group
):
    form = pages.form(comms_client.get("/admin/news/article/add/"), field="status")
    form.submit(comms_client, "_save", title="Trust joins BHP", slug="trust-joins-bhp")
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert events(admin_client_in_group, event="published") == []


def test_deleting_and_restoring_show_in_the_audit(admin_client_in_group):
    client = admin_client_in_group
    assert client.post("/admin/strategy/goal/add/", goal_form()).status_code == 302
    goal = Goal.objects.get()
    assert (
        client.post(f"/admin/strategy/goal/{goal.pk}/delete/", {"post": "yes"}).status_code == 302
    )
    version = Version.objects.get_deleted(Goal).get()
    response = client.post(f"/admin/strategy/goal/recover/{version.pk}/", goal_form())
    assert response.status_code == 302
    assert Goal.objects.filter(title="Equal access").exists()

    assert events(client) == [
        ("administrator", "Equal access", "Restored after deletion"),
        ("administrator", "Equal access", "Deleted"),
        ("administrator", "Equal access", "Added"),
    ]
    assert events(client, event="restored") == [events(client)[0]]
    page = client.get(AUDIT).content.decode()
    assert f'href="/admin/strategy/goal/{goal.pk}/change/"' in page


def test_going_back_to_an_earlier_version_shows_in_the_audit(admin_client_in_group):
    client = admin_client_in_group
    client.post("/admin/strategy/goal/add/", goal_form())
    goal = Goal.objects.get()
    edited = goal_form(title="Equal access to research")
    client.post(f"/admin/strategy/goal/{goal.pk}/change/", edited)
    first = Version.objects.get_for_object(goal).last()
    response = client.post(f"/admin/strategy/goal/{goal.pk}/history/{first.pk}/", goal_form())
    assert response.status_code == 302
    # Logged once, as a restore, not also as an edit.
    assert events(client) == [
        ("administrator", "Equal access", "Went back to an earlier version"),
        ("administrator", "Equal access to research", "Changed"),
        ("administrator", "Equal access", "Added"),
    ]
    assert events(client, event="reverted") == [events(client)[0]]
    assert events(client, event="changed") == [events(client)[1]]


def test_the_audit_log_is_read_only_even_for_superusers(admin_client, admin_user):
    article = ArticleFactory()
    [entry] = LogEntry.objects.log_actions(admin_user.pk, [article], ADDITION)
    assert admin_client.get(AUDIT).status_code == 200
    assert admin_client.get(f"{AUDIT}add/").status_code == 403
    assert admin_client.post(f"{AUDIT}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()
    page = admin_client.get(f"{AUDIT}{entry.pk}/change/").content.decode()
    assert 'type="submit"' not in page.split('id="logentry_form"')[-1].split("</form>")[0]


def test_communications_cannot_open_the_audit_log(comms_client):
    assert comms_client.get(AUDIT).status_code == 403
    assert "Log entries" not in comms_client.get("/admin/").content.decode()


def test_audit_log_filters_by_user_type_and_date_and_searches(admin_client_in_group):
    admin_client_in_group.post("/admin/news/article/add/", article_form(title="Searchable"))
    response = admin_client_in_group.get(AUDIT, {"q": "Searchable"})
    assert [row["What"] for row in pages.results(response)] == ["Searchable"]
    page = pages.page(response)
    sidebar = page.find("search", id="changelist-filter")
    filters = {summary.text for summary in sidebar.find_all("summary")}
    assert {"By what happened", "By content type"} <= filters
    assert page.find(id="date-hierarchy-label").text == "Filter by action time"
