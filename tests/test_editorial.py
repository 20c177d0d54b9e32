"""The editorial workflow as communications staff and administrators use it in the admin."""

import re
from datetime import timedelta

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.utils import timezone
from reversion.models import Version

from news.models import Article, ShareLink

from . import pages
from .admin_forms import article_form
from .factories import ArticleFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/news/article/add/"


def change_url(article):
    return f"/admin/news/article/{article.pk}/change/"


def add(client, button=None, **values):
    """Fill in the add-article page as staff would: a complete article, plus `values`."""
    form = pages.form(client.get(ADD), field="title")
    typical = {name: value for name, value in article_form().items() if name in form.names}
    return form.submit(client, button, **{**typical, **values})


def form_errors(response):
    return pages.errors(response)


# Scheduling ------------------------------------------------------------------------------


def test_an_article_goes_live_and_comes_down_on_time_by_itself(client, comms_client, time_machine):
    time_machine.move_to(timezone.now())
    article = ArticleFactory(
        publish_at=timezone.now() + timedelta(hours=1),
        unpublish_at=timezone.now() + timedelta(hours=3),
    )
    url = article.get_absolute_url()
    assert client.get(url).status_code == 404
    assert article.state == "Scheduled"

    time_machine.shift(timedelta(hours=2))
    assert client.get(url).status_code == 200
    assert article.title in client.get("/news/").content.decode()

    time_machine.shift(timedelta(hours=2))
    assert client.get(url).status_code == 404
    assert article.title not in client.get("/news/").content.decode()
    assert Article.objects.get().state == "Expired"
    staff_view = comms_client.get(url).content.decode()
    assert "No longer public." in staff_view
    assert "This article was taken down on" in staff_view


def test_take_down_time_must_follow_publish_time(comms_client):
    response = add(
        comms_client,
        publish_at_0="01/06/2025",
        publish_at_1="09:00",
        unpublish_at_0="01/05/2025",
        unpublish_at_1="09:00",
    )
    assert form_errors(response)["unpublish_at"] == [
        "The take-down time must be after the publish time."
    ]


# Publish checks --------------------------------------------------------------------------

INCOMPLETE = {
    "summary": "",
    "body": '<h3>Skipped a level</h3><p>Read <a href="https://example.org/r">click here</a></p>',
}


def test_an_incomplete_draft_saves_but_cannot_be_published(comms_client):
    response = add(comms_client, status="published", **INCOMPLETE)
    errors = form_errors(response)
    assert errors["summary"] == ["Write a summary: listings and search results show it."]
    assert "Link 1 says “click here”" in errors["body"][0]
    assert "Heading 1 is level 3 but follows level 1: use level 2" in errors["body"][1]
    assert not Article.objects.exists()

    response = add(comms_client, status="draft", **INCOMPLETE)
    assert response.status_code == 302
    assert Article.objects.get().state == "Draft"


def test_publish_action_publishes_ready_drafts_and_names_the_ones_to_fix(comms_client):
    ready = ArticleFactory(status=Article.Status.DRAFT, title="Ready")
    unready = ArticleFactory(status=Article.Status.DRAFT, title="Needs work", summary="")
    listing = pages.form(comms_client.get("/admin/news/article/"), field="action")
    response = listing.submit(
        comms_client, action="publish", _selected_action=[str(ready.pk), str(unready.pk)]
    )
    page = comms_client.get(response["Location"]).content.decode()
    messages = re.findall(r'<li class="(?:success|warning|info)">(.*?)</li>', page, re.S)
    assert "1 article set to published." in messages
    assert any("need fixing first" in m and "Needs work" in m for m in messages)
    assert list(Article.objects.live()) == [ready]


def test_publish_action_refusing_everything_reports_no_success(comms_client):
    unready = ArticleFactory(status=Article.Status.DRAFT, title="Needs work", summary="")
    listing = pages.form(comms_client.get("/admin/news/article/"), field="action")
    response = listing.submit(comms_client, action="publish", _selected_action=[str(unready.pk)])
    page = comms_client.get(response["Location"]).content.decode()
    assert '<li class="success">' not in page
    assert "set to published" not in page
    warnings = re.findall(r'<li class="warning">(.*?)</li>', page, re.S)
    assert len(warnings) == 1
    assert "“Needs work”: Write a summary" in warnings[0]
    assert not Article.objects.live().exists()


def test_image_alt_text_is_required_unless_the_image_is_decorative():
    article = ArticleFactory.build(with_image=True, image_alt="", image_decorative=True)
    assert "image_alt" not in article.publish_problems()
    article.image_decorative = False
    assert article.publish_problems()["image_alt"] == [
        "Describe the image for people who cannot see it, or tick “the image is decorative”."
    ]


# Preview and share links -----------------------------------------------------------------


def test_save_and_preview_shows_staff_the_draft_as_it_will_look(comms_client, client):
    response = add(comms_client, "_preview")
    article = Article.objects.get()
    assert response.url == article.get_absolute_url()
    page = comms_client.get(response.url)
    assert "Not public yet." in page.content.decode()
    assert "no-store" in page.headers["Cache-Control"]

    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_change_form_offers_preview_for_drafts(comms_client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    content = comms_client.get(change_url(draft)).content.decode()
    assert f'href="{draft.get_absolute_url()}" class="viewsitelink">Preview</a>' in content
    assert 'name="_preview"' in content


def make_share_link(comms_client, article):
    form = pages.form(comms_client.get(change_url(article)), field="title")
    row = form.add_row("share_links")
    response = form.submit(comms_client, **{f"{row}-expires_at_1": "12:00"})
    assert response.status_code == 302, form_errors(response)
    return ShareLink.objects.get(article=article)


def test_a_reviewer_without_an_account_sees_one_draft_through_a_share_link(comms_client, client):
    draft = ArticleFactory(status=Article.Status.DRAFT, title="Embargoed news")
    link = make_share_link(comms_client, draft)
    assert link.created_by.username == "comms"
    assert link.get_absolute_url() in comms_client.get(change_url(draft)).content.decode()

    client.logout()
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert "Embargoed news" in response.content.decode()
    assert "through a preview link that stops working on" in response.content.decode()
    assert "Edit the article" not in response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]
    # The draft's own address still refuses the reviewer.
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_share_links_stop_working_when_expired_revoked_or_tampered_with(
    comms_client, client, time_machine
):
    time_machine.move_to(timezone.now())
    draft = ArticleFactory(status=Article.Status.DRAFT)
    link = make_share_link(comms_client, draft)
    url = link.get_absolute_url()
    client.logout()

    tampered = url.replace(
        link.token, link.token[:-2] + ("aa" if link.token[-2:] != "aa" else "bb")
    )
    assert client.get(tampered).status_code == 404
    assert client.get("/news/preview/1/").status_code == 404

    time_machine.shift(timedelta(days=8))
    assert client.get(url).status_code == 404

    time_machine.shift(timedelta(days=-8))
    assert client.get(url).status_code == 200
    link.delete()  # what ticking "Delete" in the admin does
    assert client.get(url).status_code == 404


# History ---------------------------------------------------------------------------------


def edit(client, article, **changes):
    form = pages.form(client.get(change_url(article)), field="title")
    return form.submit(client, **changes)


def test_every_save_keeps_a_revision_that_can_be_compared_and_restored(comms_client):
    add(comms_client, title="First title")
    article = Article.objects.get()
    edit(comms_client, article, title="Second title")
    versions = list(Version.objects.get_for_object(article))
    assert [v.field_dict["title"] for v in versions] == ["Second title", "First title"]
    assert versions[0].revision.user.username == "comms"
    assert versions[0].revision.comment.startswith("Changed Title")
    assert "edit_started" not in versions[0].revision.comment

    history = comms_client.get(f"/admin/news/article/{article.pk}/history/").content.decode()
    assert history.count('name="version_id1"') == 2
    compare = comms_client.get(
        f"/admin/news/article/{article.pk}/history/compare/",
        {"version_id1": versions[1].pk, "version_id2": versions[0].pk},
    )
    assert compare.status_code == 200
    assert "First title" in compare.content.decode()
    assert "Second title" in compare.content.decode()

    restore_url = f"/admin/news/article/{article.pk}/history/{versions[1].pk}/"
    form = pages.form(comms_client.get(restore_url), field="title")
    assert form.value("title") == "First title"
    assert form.submit(comms_client).status_code == 302
    article.refresh_from_db()
    assert article.title == "First title"
    latest = Version.objects.get_for_object(article).first()
    assert latest.revision.comment.startswith("Reverted to previous version")
    assert LogEntry.objects.filter(change_message="Went back to an earlier version.").exists()


def test_members_and_strategy_saves_keep_revisions_too(admin_client_in_group):
    member = OrganisationFactory()
    page = admin_client_in_group.get(f"/admin/members/organisation/{member.pk}/change/")
    response = pages.form(page, field="name").submit(admin_client_in_group, name="Renamed Trust")
    assert response.status_code == 302, form_errors(response)
    assert Version.objects.get_for_object(member).first().field_dict["name"] == "Renamed Trust"


def test_a_deleted_article_can_be_brought_back_by_an_administrator_only(
    admin_client_in_group, comms_client, client
):
    add(admin_client_in_group, title="Precious")
    article = Article.objects.get()
    confirm = admin_client_in_group.get(f"/admin/news/article/{article.pk}/delete/")
    response = pages.form(confirm, field="post").submit(admin_client_in_group)
    assert response.status_code == 302
    assert not Article.objects.exists()

    assert comms_client.get("/admin/news/article/recover/").status_code == 403
    assert "Recover deleted" not in comms_client.get("/admin/news/article/").content.decode()

    recover_list = admin_client_in_group.get("/admin/news/article/recover/")
    assert "Precious" in recover_list.content.decode()
    version = Version.objects.get_deleted(Article).get()
    recover_url = f"/admin/news/article/recover/{version.pk}/"
    form = pages.form(admin_client_in_group.get(recover_url), field="title")
    assert form.value("title") == "Precious"
    assert form.submit(admin_client_in_group).status_code == 302
    assert Article.objects.get().title == "Precious"
    assert LogEntry.objects.filter(change_message="Restored after it was deleted.").exists()


# No lost edits ---------------------------------------------------------------------------


def test_a_second_save_does_not_overwrite_the_first(comms_client, admin_client_in_group):
    add(comms_client, title="Original")
    article = Article.objects.get()
    opened = pages.form(comms_client.get(change_url(article)), field="title")
    started = opened.value("edit_started")

    assert edit(admin_client_in_group, article, title="Their title").status_code == 302

    response = opened.submit(comms_client, title="My title")
    assert response.status_code == 200
    message = " ".join(pages.errors(response)["__all__"])
    assert "administrator saved this at" in message
    assert "They changed: title." in message
    assert "your changes were not saved" in message
    # What I typed is still in the form; what they saved is still saved.
    shown = pages.form(response, field="title")
    assert shown.value("title") == "My title"
    assert Article.objects.get().title == "Their title"

    # Saving again, having seen the message, keeps my version.
    again = shown.value("edit_started")
    assert again != started
    response = shown.submit(comms_client)
    assert response.status_code == 302
    assert Article.objects.get().title == "My title"


# Rich text -------------------------------------------------------------------------------


def test_the_body_is_edited_in_the_rich_text_editor_with_a_csp_nonce(comms_client):
    response = comms_client.get(ADD)
    content = response.content.decode()
    assert "prose-editor" in content
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])[1]
    assert f'<script type="importmap" nonce="{nonce}">' in content


@pytest.mark.parametrize(
    ("hostile", "kept"),
    [
        ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
        ('<p><img src=x onerror="alert(1)">Hi</p>', "<p>Hi</p>"),
        (
            '<a href="data:text/html,<script>x</script>">a report</a>',
            '<a rel="noopener noreferrer">',
        ),
        ('<a href="JaVaScRiPt:alert(1)">a report</a>', '<a rel="noopener noreferrer">'),
        ('<p class="x" style="background:url(x)">Hi</p>', "<p>Hi</p>"),
        ("<math><mi>x</mi></math><p>ok</p>", "<p>ok</p>"),
        ("<iframe src='https://evil.example'></iframe><p>ok</p>", "<p>ok</p>"),
        ('<p><a href="https://nhs.uk" target="_blank">NHS</a></p>', 'rel="noopener noreferrer"'),
    ],
)
def test_hostile_markup_typed_into_the_admin_never_reaches_the_page(
    comms_client, client, hostile, kept
):
    response = add(comms_client, status="published", body=hostile)
    assert response.status_code == 302, form_errors(response)
    body = Article.objects.get().body
    assert kept in body
    page = client.get(Article.objects.get().get_absolute_url()).content.decode()
    for payload in ["<script>alert", "onerror", "javascript:", "data:text", "<iframe", "<math"]:
        assert payload not in body.lower()
        assert payload not in page.lower()


def test_the_editor_offers_nothing_the_sanitiser_would_remove():
    from django_prose_editor.config import allowlist_from_extensions, expand_extensions

    from core.sanitise import ALLOWED_TAGS, EDITOR_EXTENSIONS

    editor_tags = allowlist_from_extensions(expand_extensions(EDITOR_EXTENSIONS))["tags"]
    assert editor_tags <= ALLOWED_TAGS
    assert "h1" not in editor_tags


def test_text_pasted_from_word_keeps_its_structure_and_loses_its_styling(comms_client):
    from_word = (
        '<p class=MsoNormal style="margin:0cm;mso-line-height-rule:exactly">'
        '<b><span style="font-family:Calibri">Key</span></b><span lang=EN-GB> point</span>'
        "<o:p></o:p></p>"
        "<ul style='margin-top:0cm'><li class=MsoListParagraph>One</li></ul>"
        "<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->"
    )
    add(comms_client, body=from_word)
    assert Article.objects.get().body == "<p><b>Key</b> point</p><ul><li>One</li></ul>"


def test_staff_who_may_not_publish_cannot_move_publish_times_or_restore_revisions(
    comms_user, comms_client
):
    from django.contrib.auth.models import Permission

    comms_user.groups.clear()
    comms_user.user_permissions.set(
        Permission.objects.filter(codename__in=["add_article", "change_article", "view_article"])
    )
    # Their own draft: those who may not publish change no one else's (workflow/admin.py).
    article = ArticleFactory(status=Article.Status.DRAFT, created_by=comms_user)
    form = pages.form(comms_client.get(change_url(article)), field="title")
    for field in ["status", "publish_at", "unpublish_at"]:
        assert not {field, f"{field}_0"} & form.names, field
    with reversion.create_revision():
        article.save()
    version = Version.objects.get_for_object(article).first()
    history = f"/admin/news/article/{article.pk}/history/{version.pk}/"
    assert comms_client.get(history).status_code == 403
