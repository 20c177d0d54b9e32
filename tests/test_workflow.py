"""Review before publishing: contributors write and submit, Communications approve or ask for
changes, each step in the thread, the audit log, the history and the email."""

import pytest
from django.contrib.admin.models import LogEntry
from reversion.models import Version

from news.models import Article
from notifications.models import Notification, Preference

from . import pages
from .admin_forms import article_form
from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/news/article/add/"
LIST = "/admin/news/article/"


def change_url(article):
    return f"/admin/news/article/{article.pk}/change/"


def review_url(article):
    return f"/admin/news/article/{article.pk}/review/"


@pytest.fixture
def comms_with_email(comms_user):
    comms_user.email = "comms@bhp.example"
    comms_user.save()
    return comms_user


def write(client, forged=None, **values):
    """Fill in the add-article page as a contributor would, plus `values`; `forged` are
    fields the page did not render, added to the POST by hand."""
    form = pages.form(client.get(ADD), field="title")
    typical = {name: value for name, value in article_form().items() if name in form.names}
    data = form.data("_continue", **{**typical, **values})
    return client.post(form.action, {**data, **(forged or {})})


def act(client, article, action, comment=""):
    """Press a button on the review page, as rendered."""
    form = pages.form(client.get(review_url(article)), field="comment")
    return form.submit(client, None, comment=comment, action=action)


def text(client, url):
    return client.get(url).content.decode()


# Contributors -------------------------------------------------------------------------------


def test_a_contributor_writes_a_draft_and_cannot_publish_it(contributor_client, contributor):
    page = text(contributor_client, ADD)
    assert 'name="status"' not in page
    assert 'name="publish_at_0"' not in page
    assert 'name="featured"' not in page
    # A forged POST with the publishing fields changes nothing: they are not the form's.
    forged = {"status": "published", "featured": "on", "publish_at_0": "01/01/2020",
              "publish_at_1": "09:00"}  # fmt: skip
    response = write(contributor_client, forged)
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.status, article.featured, article.created_by) == ("draft", False, contributor)
    assert "Draft" in text(contributor_client, change_url(article))


def test_a_contributor_sees_only_their_own_articles(contributor_client, contributor):
    ArticleFactory(title="Someone else’s story")
    mine = ArticleFactory(title="My story", status="draft", created_by=contributor)
    listing = text(contributor_client, LIST)
    assert "My story" in listing
    assert "Someone else’s story" not in listing
    other = Article.objects.exclude(pk=mine.pk).get()
    assert contributor_client.get(change_url(other)).status_code == 302  # "doesn't exist"
    assert contributor_client.get(review_url(other)).status_code == 403


def test_a_contributor_has_no_publish_action_and_a_forged_one_does_nothing(
    contributor_client, contributor
):
    article = ArticleFactory(status="draft", created_by=contributor)
    # No actions at all: the list has no form to choose one.
    assert not [f for f in pages.forms(contributor_client.get(LIST)) if "action" in f.names]
    contributor_client.post(LIST, {"action": "publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == "draft"


def test_once_submitted_a_contributor_cannot_change_it(contributor_client, contributor):
    article = ArticleFactory(title="Submitted story", status="draft", created_by=contributor)
    act(contributor_client, article, "submit", "Ready, I think.")
    page = text(contributor_client, change_url(article))
    assert 'name="title"' not in page  # read-only now
    assert "Submitted for review" in page
    form_data = article_form()
    response = contributor_client.post(change_url(article), {**form_data, "title": "Changed"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Submitted story"


def test_a_contributor_cannot_approve_their_own_work(contributor_client, contributor):
    article = ArticleFactory(status="draft", created_by=contributor)
    act(contributor_client, article, "submit")
    page = text(contributor_client, review_url(article))
    assert "Approve" not in page
    # Forged: the buttons are not there, the POST is refused, and nothing changes.
    response = contributor_client.post(review_url(article), {"action": "approve"})
    assert response.status_code == 403
    response = contributor_client.post(review_url(article), {"action": "not-an-action"})
    assert response.status_code == 403
    assert "Submitted for review" in text(contributor_client, review_url(article))
    assert LogEntry.objects.filter(change_message__startswith="Approved.").count() == 0


# The whole round ------------------------------------------------------------------------------


def test_submit_request_changes_resubmit_approve_publish(
    contributor_client, contributor, comms_client, comms_with_email, client, admin_client_in_group
):
    write(contributor_client, title="Trust opens a new clinic", slug="trust-opens-a-new-clinic")
    article = Article.objects.get()
    act(contributor_client, article, "submit", "First go.")

    # Communications see it waiting, in the list filter and on the dashboard.
    waiting = text(comms_client, LIST + "?approval=submitted")
    assert "Trust opens a new clinic" in waiting
    assert '<td class="field-approval">Submitted for review since' in waiting
    assert "Trust opens a new clinic" not in text(comms_client, LIST + "?approval=approved")
    dashboard = text(comms_client, "/admin/")
    assert "Trust opens a new clinic" in dashboard
    assert "Submitted by Priya Shah, waiting for you since" in dashboard

    # Asking for changes needs a comment: without one, a clear error and nothing changes.
    response = act(comms_client, article, "request_changes", "")
    assert "Say what needs changing" in response.content.decode()
    assert "Submitted for review" in text(comms_client, review_url(article))

    act(comms_client, article, "request_changes", "Check the quote <script>alert(1)</script>")
    thread = text(contributor_client, change_url(article))
    assert "Check the quote &lt;script&gt;alert(1)&lt;/script&gt;" in thread
    assert "<script>alert(1)" not in thread
    assert "Changes requested, waiting for you since" in text(contributor_client, "/admin/")

    # The author may edit again, and resubmits.
    form = pages.form(contributor_client.get(change_url(article)), field="title")
    form.submit(contributor_client, "_continue", summary="A better summary.")
    act(contributor_client, article, "submit", "Fixed the quote.")
    act(comms_client, article, "approve", "Lovely.")
    assert "Approved" in text(contributor_client, review_url(article))
    assert client.get(article.get_absolute_url()).status_code == 404  # approved, not public

    # Communications publish it; the visitor sees it.
    form = pages.form(comms_client.get(change_url(article)), field="title")
    form.submit(comms_client, "_continue", status="published")
    assert client.get(article.get_absolute_url()).status_code == 200

    # Every step is in the audit log and the item's history.
    messages = list(
        LogEntry.objects.filter(object_id=str(article.pk))
        .order_by("pk")
        .values_list("change_message", flat=True)
    )
    marks = [m.split(".")[0] for m in messages if m.startswith(("Submitted", "Changes", "Appr"))]
    assert marks == ["Submitted for review", "Changes requested", "Submitted for review",
                     "Approved"]  # fmt: skip
    history = list(Version.objects.get_for_object(article).values_list("revision__comment",
                                                                        flat=True))  # fmt: skip
    assert "Changes requested. Check the quote <script>alert(1)</script>" in history
    assert "Approved. Lovely." in history
    audit = text(admin_client_in_group, "/admin/admin/logentry/?event=changes_requested")
    assert "Trust opens a new clinic" in audit

    # And the emails: Communications for each submission, the author for each answer.
    sent = {(n.address, n.subject) for n in Notification.objects.all()}
    assert sent == {
        ("comms@bhp.example", "Trust opens a new clinic was submitted for review"),
        ("priya@trust.example", "Changes requested to Trust opens a new clinic"),
        ("priya@trust.example", "Trust opens a new clinic was approved"),
    }
    assert Notification.objects.filter(address="comms@bhp.example").count() == 2  # two rounds
    changes = Notification.objects.get(subject__startswith="Changes requested")
    assert "Check the quote <script>alert(1)</script>" in changes.text
    assert "Check the quote &lt;script&gt;" in changes.html
    assert f"http://testserver{review_url(article)}" in changes.text


def test_nobody_is_emailed_who_turned_it_off(contributor_client, contributor, comms_with_email):
    Preference.objects.create(user=comms_with_email, email=False)
    article = ArticleFactory(status="draft", created_by=contributor)
    act(contributor_client, article, "submit")
    assert not Notification.objects.exists()


def test_the_review_page_costs_the_same_queries_however_long_the_thread(
    contributor_client, contributor, comms_client, django_assert_num_queries
):
    article = ArticleFactory(status="draft", created_by=contributor)
    act(contributor_client, article, "submit")
    comms_client.get(review_url(article))
    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        comms_client.get(review_url(article))
    for _ in range(3):
        act(comms_client, article, "request_changes", "More, please.")
        act(contributor_client, article, "submit")
    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        comms_client.get(review_url(article))


# Session, user, permissions (3); the article, its review, the thread with its authors (3);
# the publish permission check and the sidebar (2); the sign-offs falling due, marked expired
# when the article is opened (signoff/, 1).
REVIEW_PAGE_QUERIES = 9


# Pages take part too ---------------------------------------------------------------------------


def test_a_page_goes_through_review_as_an_article_does(
    comms_client, comms_with_email, admin_client_in_group, admin_user_in_group
):
    from .factories import PageFactory

    page = PageFactory(title="About the partnership", status="draft", communications_may_edit=True)
    url = f"/admin/pages/page/{page.pk}/review/"
    form = pages.form(comms_client.get(url), field="comment")
    form.submit(comms_client, None, comment="Please check.", action="submit")
    assert "About the partnership" in text(
        admin_client_in_group, "/admin/pages/page/?approval=submitted"
    )
    form = pages.form(admin_client_in_group.get(url), field="comment")
    form.submit(admin_client_in_group, None, comment="", action="approve")
    thread = text(comms_client, f"/admin/pages/page/{page.pk}/change/")
    assert "Approved" in thread
    assert "Please check." in thread


def test_a_contributor_previews_their_own_drafts_and_no_one_elses(contributor_client, contributor):
    mine = ArticleFactory(title="My draft", status="draft", created_by=contributor)
    embargoed = ArticleFactory(title="Embargoed news", status="draft")
    live = ArticleFactory(title="Live news")
    assert "My draft" in text(contributor_client, mine.get_absolute_url())
    assert contributor_client.get(embargoed.get_absolute_url()).status_code == 404
    assert contributor_client.get(live.get_absolute_url()).status_code == 200
