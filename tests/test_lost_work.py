"""Work staff save is never lost or quietly undone: edit conflicts, restores, preview links
and renamed addresses, each driven through the form the admin page actually rendered."""

import re
import threading
from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.redirects.models import Redirect
from django.db import connection, connections, transaction
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from contact.models import PressPage, Topic
from core.forms import ConflictCheckForm
from events.models import Event
from members.models import Organisation
from news.models import Article, ShareLink
from opportunities.models import Opportunity
from pages.models import Page
from people.models import Person
from publications.models import Publication
from strategy.models import Goal, Priority, ResearchTheme, StrategyPage

from . import pages
from .conftest import _staff
from .factories import (
    ArticleFactory,
    EventFactory,
    GoalFactory,
    OpportunityFactory,
    OrganisationFactory,
    PageFactory,
    PersonFactory,
    PriorityFactory,
    PublicationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

CONFLICT = "your changes were not saved"


def change_url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def open_form(client, obj, field="title"):
    page = client.get(change_url(obj))
    assert page.status_code == 200
    return pages.form(page, field=field)


@pytest.fixture
def second_admin_client(django_user_model):
    """Another administrator in a browser of their own."""
    client = Client()
    client.force_login(_staff(django_user_model, "second-administrator", "Administrators"))
    return client


# 1. Edit conflicts -------------------------------------------------------------------------

MAKERS = {
    Article: ArticleFactory,
    Event: EventFactory,
    Organisation: OrganisationFactory,
    Goal: GoalFactory,
    ResearchTheme: ThemeFactory,
    Priority: PriorityFactory,
    StrategyPage: lambda: StrategyPage.objects.create(introduction="<p>Our strategy.</p>"),
    Person: PersonFactory,
    Page: PageFactory,
    Topic: lambda: Topic.objects.create(slug="press", name="Press", addresses="press@bhp.example"),
    PressPage: lambda: PressPage.objects.create(about="BHP is a partnership."),
    Opportunity: OpportunityFactory,
    Publication: PublicationFactory,
}


@pytest.mark.parametrize(
    "model_admin",
    [
        model_admin
        for model_admin in admin.site._registry.values()
        if issubclass(model_admin.form, ConflictCheckForm)
    ],
    ids=str,
)
def test_every_admin_that_checks_for_edit_conflicts_renders_the_time_editing_started(
    admin_client, model_admin
):
    make = MAKERS.get(model_admin.model)
    assert make, f"Add a way to make a {model_admin.model.__name__} to MAKERS"
    obj = make()
    for url in [change_url(obj), change_url(obj).removesuffix(f"{obj.pk}/change/") + "add/"]:
        page = admin_client.get(url)
        if page.status_code == 403:  # the strategy page cannot be added twice
            continue
        form = pages.form(page, field="edit_started")
        assert re.search(r'<input type="hidden" name="edit_started"', page.content.decode())
        if url == change_url(obj):
            assert dict(form.fields)["edit_started"] == obj.updated_at.isoformat()


CONFLICTING_EDITS = [
    # model, field staff edit, what the first and the second person type
    pytest.param(ArticleFactory, "title", "Their title", "My title", id="article"),
    pytest.param(OrganisationFactory, "name", "Their Trust", "My Trust", id="organisation"),
    pytest.param(ThemeFactory, "title", "Their theme", "My theme", id="theme"),
    pytest.param(PersonFactory, "name", "Their Name", "My Name", id="person"),
    pytest.param(EventFactory, "title", "Their event", "My event", id="event"),
    pytest.param(PublicationFactory, "title", "Their report", "My report", id="publication"),
]


@pytest.mark.parametrize(("make", "field", "theirs", "mine"), CONFLICTING_EDITS)
def test_a_second_save_from_an_older_form_is_refused_and_loses_nothing(
    admin_client_in_group, second_admin_client, make, field, theirs, mine
):
    obj = make()
    first = open_form(admin_client_in_group, obj, field)
    second = open_form(second_admin_client, obj, field)

    assert first.submit(admin_client_in_group, button="_save", **{field: theirs}).status_code == 302
    response = second.submit(second_admin_client, button="_save", **{field: mine})

    assert response.status_code == 200
    content = response.content.decode()
    assert CONFLICT in content
    assert "administrator saved this at" in content
    obj.refresh_from_db()
    assert getattr(obj, field) == theirs  # the first person's save stands
    # What the second person typed is still in the form; saving it again is deliberate.
    again = pages.form(response, field=field)
    assert dict(again.fields)[field] == mine
    assert again.submit(second_admin_client, button="_save").status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == mine


@pytest.mark.parametrize("started", ["yesterday", "9999-99-99", "\x00", "2020-01-01T00:00:00"])
def test_a_garbled_time_editing_started_is_treated_as_a_conflict_not_an_error(
    admin_client_in_group, started
):
    theme = ThemeFactory(title="Kept")
    form = open_form(admin_client_in_group, theme)
    response = form.submit(
        admin_client_in_group, button="_save", title="Typed", edit_started=started
    )
    assert response.status_code == 200
    assert CONFLICT in response.content.decode()
    theme.refresh_from_db()
    assert theme.title == "Kept"


def _waiting_for_locks():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(("make", "field", "theirs", "mine"), CONFLICTING_EDITS)
def test_two_saves_at_the_same_moment_cannot_both_pass(
    admin_client_in_group, second_admin_client, make, field, theirs, mine
):
    obj = make()
    clients = [admin_client_in_group, second_admin_client]
    forms = [open_form(client, obj, field) for client in clients]
    responses = {}

    def save(index, value):
        try:
            responses[index] = forms[index].submit(clients[index], button="_save", **{field: value})
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(index, value))
        for index, value in enumerate([theirs, mine])
    ]
    # Hold the row so both requests are under way at once, then let them race.
    with transaction.atomic():
        type(obj).objects.select_for_update().get(pk=obj.pk)
        for thread in threads:
            thread.start()
        deadline = timezone.now() + timedelta(seconds=20)
        while _waiting_for_locks() < 2 and timezone.now() < deadline:
            threading.Event().wait(0.05)
    for thread in threads:
        thread.join(30)

    statuses = sorted(response.status_code for response in responses.values())
    assert statuses == [200, 302]
    refused = next(r for r in responses.values() if r.status_code == 200)
    assert CONFLICT in refused.content.decode()
    obj.refresh_from_db()
    saved = next(v for i, v in enumerate([theirs, mine]) if responses[i].status_code == 302)
    assert getattr(obj, field) == saved


# 2. Restoring one revision or one deleted item ---------------------------------------------


def publish_together(client, articles):
    """The changelist's "Publish selected articles" action, as a person runs it."""
    page = client.get("/admin/news/article/")
    form = pages.form(page, field="action")
    response = form.submit(
        client,
        button="index",
        action="publish",
        _selected_action=[str(article.pk) for article in articles],
    )
    assert response.status_code == 302
    for article in articles:
        article.refresh_from_db()
        assert article.status == Article.Status.PUBLISHED


def add_preview_link(client, article):
    form = open_form(client, article)
    form.add_row("share_links")
    response = form.submit(client, button="_continue")
    assert response.status_code == 302, response.content.decode()
    return article.share_links.latest("pk")


def revision_link(client, article, version):
    """The link to one revision on the article's History page."""
    history = client.get(f"/admin/news/article/{article.pk}/history/").content.decode()
    url = f"/admin/news/article/{article.pk}/history/{version.pk}/"
    assert f'href="{url}"' in history
    return url


def test_restoring_one_article_leaves_the_others_saved_in_the_same_revision_alone(
    admin_client_in_group, client
):
    trust, theme = OrganisationFactory(), ThemeFactory()
    first, second = (
        ArticleFactory(
            status=Article.Status.DRAFT, title=title, organisations=[trust], themes=[theme]
        )
        for title in ["First", "Second"]
    )
    publish_together(admin_client_in_group, [first, second])
    published = Version.objects.get_for_object(first).first()
    assert Version.objects.get_for_object(second).first().revision == published.revision

    # Both are edited since, and lose their member and theme.
    for article, title in [(first, "First, edited"), (second, "Second, edited")]:
        form = open_form(admin_client_in_group, article)
        response = form.submit(
            admin_client_in_group, button="_save", title=title, organisations=None, themes=None
        )
        assert response.status_code == 302
    link = add_preview_link(admin_client_in_group, second)

    url = revision_link(admin_client_in_group, first, published)
    form = pages.form(admin_client_in_group.get(url), field="title")
    assert dict(form.fields)["title"] == "First"
    assert Article.objects.get(pk=first.pk).title == "First, edited"  # only shown so far
    assert form.submit(admin_client_in_group, button="_save").status_code == 302

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.title == "First"
    assert (list(first.organisations.all()), list(first.themes.all())) == ([trust], [theme])
    assert second.title == "Second, edited"
    assert not second.organisations.exists()
    assert not second.themes.exists()
    assert ShareLink.objects.filter(pk=link.pk).exists()
    assert client.get(link.get_absolute_url()).status_code == 200


def test_recovering_a_deleted_article_brings_back_only_that_article(admin_client_in_group, client):
    first, second = (
        ArticleFactory(status=Article.Status.DRAFT, title=title) for title in ["First", "Second"]
    )
    publish_together(admin_client_in_group, [first, second])
    form = open_form(admin_client_in_group, second)
    response = form.submit(admin_client_in_group, button="_save", title="Second, edited")
    assert response.status_code == 302
    second_link = add_preview_link(admin_client_in_group, second)
    first_link = add_preview_link(admin_client_in_group, first)

    delete_page = admin_client_in_group.get(f"/admin/news/article/{first.pk}/delete/")
    response = pages.form(delete_page, field="post").submit(admin_client_in_group)
    assert response.status_code == 302
    assert not Article.objects.filter(pk=first.pk).exists()

    recover_list = admin_client_in_group.get("/admin/news/article/recover/").content.decode()
    version = Version.objects.get_deleted(Article).get()
    url = f"/admin/news/article/recover/{version.pk}/"
    assert f'href="{url}"' in recover_list
    form = pages.form(admin_client_in_group.get(url), field="title")
    assert form.submit(admin_client_in_group, button="_save").status_code == 302

    assert Article.objects.get(pk=first.pk).title == "First"
    second.refresh_from_db()
    assert second.title == "Second, edited"
    assert client.get(second_link.get_absolute_url()).status_code == 200
    # Deleting the article revoked its preview link; bringing the article back does not.
    assert client.get(first_link.get_absolute_url()).status_code == 404


def test_a_revoked_preview_link_stays_revoked_after_restoring_an_older_revision(
    admin_client_in_group, client
):
    article = ArticleFactory(status=Article.Status.DRAFT, title="Before")
    link = add_preview_link(admin_client_in_group, article)
    with_link = Version.objects.get_for_object(article).first()
    form = open_form(admin_client_in_group, article)
    assert form.submit(admin_client_in_group, button="_save", title="After").status_code == 302

    # Revoke it: tick "Delete" on its row.
    form = open_form(admin_client_in_group, article)
    row = next(n for n, value in form.fields if n.endswith("-id") and value == str(link.pk))
    response = form.submit(
        admin_client_in_group, button="_save", **{row.replace("-id", "-DELETE"): "on"}
    )
    assert response.status_code == 302
    assert client.get(link.get_absolute_url()).status_code == 404

    url = revision_link(admin_client_in_group, article, with_link)
    form = pages.form(admin_client_in_group.get(url), field="title")
    assert form.submit(admin_client_in_group, button="_save").status_code == 302
    article.refresh_from_db()
    assert article.title == "Before"
    assert not ShareLink.objects.filter(pk=link.pk).exists()
    assert client.get(link.get_absolute_url()).status_code == 404


def test_restoring_a_priority_brings_back_its_own_key_statistics(admin_client_in_group):
    priority = PriorityFactory(title="Healthy childhoods")
    form = open_form(admin_client_in_group, priority)
    row = form.add_row("statistics")
    response = form.submit(
        admin_client_in_group,
        button="_save",
        **{
            f"{row}-label": "Infant mortality",
            f"{row}-value": "7.9",
            f"{row}-source": "Office for National Statistics",
            f"{row}-as_of": "01/03/2025",
        },
    )
    assert response.status_code == 302, response.content.decode()
    with_statistic = Version.objects.get_for_object(priority).first()
    other = PriorityFactory(title="Another priority")

    form = open_form(admin_client_in_group, priority)
    row = next(name for name, value in form.fields if name.endswith("-id") and value)
    response = form.submit(
        admin_client_in_group, button="_save", **{row.replace("-id", "-DELETE"): "on"}
    )
    assert response.status_code == 302
    assert not priority.statistics.exists()

    url = f"/admin/strategy/priority/{priority.pk}/history/{with_statistic.pk}/"
    history = admin_client_in_group.get(f"/admin/strategy/priority/{priority.pk}/history/")
    assert f'href="{url}"' in history.content.decode()
    form = pages.form(admin_client_in_group.get(url), field="title")
    assert form.submit(admin_client_in_group, button="_save").status_code == 302
    assert list(priority.statistics.values_list("label", flat=True)) == ["Infant mortality"]
    assert Priority.objects.get(pk=other.pk).title == "Another priority"


# 3. Preview links ---------------------------------------------------------------------------


def test_a_preview_link_with_the_default_expiry_is_made_and_shown_in_full(comms_client, client):
    draft = ArticleFactory(status=Article.Status.DRAFT, title="Embargoed")
    before = timezone.now()
    link = add_preview_link(comms_client, draft)
    assert before + timedelta(days=7) - timedelta(minutes=1) <= link.expires_at
    assert link.expires_at <= timezone.now() + timedelta(days=7)
    assert link.created_by.username == "comms"

    page = comms_client.get(change_url(draft)).content.decode()
    address = f"http://testserver{link.get_absolute_url()}"
    assert f">{address}</a>" in page
    assert "js/copy-link.js" in page
    assert client.get(link.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("expires", "message"),
    [
        (timedelta(days=31), "A preview link can last at most 30 days"),
        (timedelta(days=400), "A preview link can last at most 30 days"),
        (timedelta(hours=-1), "That time has passed"),
        (timedelta(days=-3650), "That time has passed"),
        ("", "This field is required."),
        ("31/02/2026", "Enter a valid date."),
        ("\x00", "Enter a valid date."),
    ],
)
def test_a_preview_link_expiry_beyond_30_days_or_in_the_past_is_refused_clearly(
    comms_client, expires, message
):
    draft = ArticleFactory(status=Article.Status.DRAFT, title="Embargoed")
    form = open_form(comms_client, draft)
    row = form.add_row("share_links")
    if isinstance(expires, timedelta):
        when = timezone.localtime() + expires
        values = {f"{row}-expires_at_0": when.strftime("%d/%m/%Y")}
        values[f"{row}-expires_at_1"] = when.strftime("%H:%M:%S")
    else:
        values = {f"{row}-expires_at_0": expires}
    response = form.submit(comms_client, button="_save", title="Typed title", **values)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ShareLink.objects.exists()
    draft.refresh_from_db()
    assert draft.title == "Embargoed"
    assert dict(pages.form(response, field="title").fields)["title"] == "Typed title"


def test_an_expired_preview_link_does_not_stop_the_article_being_saved(comms_client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    ShareLink.objects.create(article=draft, expires_at=timezone.now() - timedelta(days=2))
    form = open_form(comms_client, draft)
    assert form.submit(comms_client, button="_save", title="Still saves").status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Still saves"


# 5. Renamed addresses ----------------------------------------------------------------------

RENAMES = [
    pytest.param(ArticleFactory, "comms_client", "/news/", id="live article"),
    pytest.param(OrganisationFactory, "admin_client_in_group", "/members/", id="member"),
    pytest.param(ThemeFactory, "admin_client_in_group", "/themes/", id="theme"),
    pytest.param(PriorityFactory, "admin_client_in_group", "/priorities/", id="priority"),
]


def rename(client, obj, slug):
    form = open_form(client, obj, "slug")
    response = form.submit(client, button="_save", slug=slug)
    assert response.status_code == 302, response.content.decode()


@pytest.mark.parametrize(("make", "staff", "prefix"), RENAMES)
def test_renaming_a_public_address_sends_visitors_from_the_old_one(
    request, client, make, staff, prefix
):
    staff = request.getfixturevalue(staff)
    obj = make(slug="old-address")
    assert client.get(f"{prefix}old-address/").status_code == 200
    rename(staff, obj, "new-address")

    response = client.get(f"{prefix}old-address/")
    assert response.status_code == 301
    assert response["Location"] == f"{prefix}new-address/"
    assert client.get(response["Location"]).status_code == 200


def test_renaming_a_draft_records_no_redirect(comms_client, client):
    draft = ArticleFactory(status=Article.Status.DRAFT, slug="draft-address")
    rename(comms_client, draft, "renamed-draft")
    assert not Redirect.objects.exists()
    assert client.get("/news/draft-address/").status_code == 404


def test_renaming_again_and_back_makes_no_chains_or_loops(comms_client, client):
    article = ArticleFactory(slug="first")
    rename(comms_client, article, "second")
    article.refresh_from_db()
    rename(comms_client, article, "third")
    for old in ["first", "second"]:
        response = client.get(f"/news/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/news/third/")

    article.refresh_from_db()
    rename(comms_client, article, "first")
    assert client.get("/news/first/").status_code == 200
    for old in ["second", "third"]:
        response = client.get(f"/news/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/news/first/")
    assert not Redirect.objects.filter(old_path="/news/first/").exists()


def test_restoring_an_older_address_redirects_from_the_newer_one(comms_client, client):
    article = ArticleFactory(slug="original")
    form = open_form(comms_client, article)
    assert form.submit(comms_client, button="_save", title="Renamed later").status_code == 302
    original = Version.objects.get_for_object(article).first()
    article.refresh_from_db()
    rename(comms_client, article, "renamed")

    url = revision_link(comms_client, article, original)
    form = pages.form(comms_client.get(url), field="slug")
    assert dict(form.fields)["slug"] == "original"
    assert client.get("/news/renamed/").status_code == 200  # showing it changed nothing
    assert form.submit(comms_client, button="_save").status_code == 302

    assert client.get("/news/original/").status_code == 200
    response = client.get("/news/renamed/")
    assert (response.status_code, response["Location"]) == (301, "/news/original/")


def test_a_staff_redirect_from_an_address_stays_until_a_page_takes_it(
    admin_client_in_group, client
):
    Redirect.objects.create(site_id=1, old_path="/members/old-trust/", new_path="/news/")
    member = OrganisationFactory(slug="trust")
    rename(admin_client_in_group, member, "old-trust")
    assert client.get("/members/old-trust/").status_code == 200
    assert not Redirect.objects.filter(old_path="/members/old-trust/").exists()
    response = client.get("/members/trust/")
    assert (response.status_code, response["Location"]) == (301, "/members/old-trust/")


def test_renaming_to_a_very_long_address_saves_without_a_redirect_it_cannot_hold(
    comms_client, client
):
    article = ArticleFactory(slug="short")
    rename(comms_client, article, "a" * 200)
    article.refresh_from_db()
    assert article.slug == "a" * 200
    # The redirects table holds addresses of up to 200 characters: this one is 207.
    assert client.get("/news/short/").status_code == 404


def test_a_forged_address_cannot_restore_something_else_through_the_article_history(
    admin_client_in_group,
):
    goal = GoalFactory(title="Goal as it was")
    form = open_form(admin_client_in_group, goal)
    assert form.submit(admin_client_in_group, button="_save", title="Goal now").status_code == 302
    article = ArticleFactory(title="Article")
    old_goal = Version.objects.get_for_object(goal).last()
    # The goal's version given to the article's history and recovery pages.
    for url in [
        f"/admin/news/article/{goal.pk}/history/{old_goal.pk}/",
        f"/admin/news/article/recover/{old_goal.pk}/",
    ]:
        response = admin_client_in_group.get(url)
        assert response.status_code == 404, url
        response = admin_client_in_group.post(url, {"title": "Forged", "_save": "Save"})
        assert response.status_code == 404, url
    goal.refresh_from_db()
    article.refresh_from_db()
    assert (goal.title, article.title) == ("Goal now", "Article")


def test_staff_who_may_only_view_see_no_edit_start_time(comms_client):
    theme = ThemeFactory()
    page = comms_client.get(change_url(theme))
    assert page.status_code == 200
    assert "edit_started" not in page.content.decode()
    assert "Edit started" not in page.content.decode()
