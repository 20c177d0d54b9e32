"""Member sign-off: a member's press contact approves an article, without an account,
through the link a real SMTP server received; bad and hostile use of the link changes
nothing; publishing without sign-off asks first, or is refused, and is audited."""

import re
import sys
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from reversion.models import Version

from members.models import Organisation
from news.models import Article
from notifications.models import Notification
from signoff.models import SignOff
from signoff.tasks import expire

from . import pages, smtp
from .factories import ArticleFactory, OrganisationFactory
from .test_notifications import _wait
from .test_scale_out import running

pytestmark = pytest.mark.django_db
CONTACT = "press@trust.example"
LINK = re.compile(r"https?://[^\s\"<>]+/sign-off/[^\s\"<>]+/")


@pytest.fixture
def inbox(settings):
    # The outbox is sent as each change commits (no worker): see test_notifications for it.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with smtp.smtp_server(settings) as received:
        yield received


@pytest.fixture
def trust():
    return OrganisationFactory(
        name="Queen Elizabeth Trust",
        short_name="QET",
        press_contact_name="Asha Patel",
        press_contact_email=CONTACT,
    )


@pytest.fixture
def draft(trust):
    return ArticleFactory(
        title="New clinic opens",
        status=Article.Status.DRAFT,
        organisations=[trust],
    )


@pytest.fixture
def comms_with_email(comms_user):
    comms_user.email = "comms@bhp.example"
    comms_user.save()
    return comms_user


def request_sign_off(client, article, capture):
    page = client.get(f"/admin/news/article/{article.pk}/sign-off/")
    assert page.status_code == 200
    with capture(execute=True):
        response = pages.form(page, action="/sign-off/").submit(client)
    assert response.status_code == 302
    return response


def emailed_link(inbox, to=CONTACT):
    [message] = inbox.to(to)
    text = message.get_body(("plain",)).get_content()
    return LINK.search(text).group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


@pytest.fixture
def link(comms_client, comms_with_email, draft, inbox, django_capture_on_commit_callbacks):
    request_sign_off(comms_client, draft, django_capture_on_commit_callbacks)
    return emailed_link(inbox)


def change_form(client, article):
    return client.get(f"/admin/news/article/{article.pk}/change/")


# Requesting -------------------------------------------------------------------------------


def test_the_contact_gets_an_email_with_a_link_to_the_draft(
    comms_client, comms_with_email, draft, inbox, django_capture_on_commit_callbacks, client
):
    page = comms_client.get(f"/admin/news/article/{draft.pk}/sign-off/")
    assert "Asha Patel &lt;press@trust.example&gt;" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = pages.form(page, action="/sign-off/").submit(comms_client)
    assert response["Location"] == f"/admin/news/article/{draft.pk}/change/"

    [message] = inbox.messages
    assert message.recipients == [CONTACT]
    assert message["Subject"] == "Please approve: “New clinic opens” names Queen Elizabeth Trust"
    assert "Dear Asha Patel" in message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert 'lang="en-GB"' in html
    assert "approve it or request changes</a>" in html

    shown = client.get(emailed_link(inbox))
    assert shown.status_code == 200
    text = shown.content.decode()
    assert "<h1>New clinic opens</h1>" in text
    assert "Sign-off requested." in text
    assert shown.cookies == {}
    assert "no-store" in shown["Cache-Control"]
    assert shown["Referrer-Policy"] == "no-referrer"
    assert pages.form(shown, field="comment").buttons.keys() == {"approve", "changes"}

    log = LogEntry.objects.get(object_id=str(draft.pk))
    assert log.change_message == "Asked QET to sign off."
    assert "Waiting for an answer" in change_form(comms_client, draft).content.decode()


def test_staff_who_may_not_ask_are_refused(django_user_model, draft, inbox):
    writer = django_user_model.objects.create_user(username="writer", is_staff=True)
    writer.user_permissions.set(
        Permission.objects.filter(codename__in=["view_article", "change_article"])
    )
    client = Client()
    client.force_login(writer)
    address = f"/admin/news/article/{draft.pk}/sign-off/"
    assert client.get(address).status_code == 403
    assert client.post(address).status_code == 403
    assert "Request sign-off" not in change_form(client, draft).content.decode()
    assert not SignOff.objects.exists()
    assert inbox.messages == []


def test_organisations_without_a_press_contact_are_named_not_asked(
    comms_client, draft, inbox, django_capture_on_commit_callbacks
):
    draft.organisations.add(OrganisationFactory(short_name="NOC"))
    response = request_sign_off(comms_client, draft, django_capture_on_commit_callbacks)
    text = comms_client.get(response["Location"]).content.decode()
    assert "no press contact is recorded for NOC" in text
    assert [m.recipients for m in inbox.messages] == [[CONTACT]]


def test_the_action_asks_for_each_article_selected(
    comms_client, draft, trust, inbox, django_capture_on_commit_callbacks
):
    other = ArticleFactory(status=Article.Status.DRAFT, organisations=[trust])
    page = comms_client.get("/admin/news/article/")
    with django_capture_on_commit_callbacks(execute=True):
        pages.form(page, field="action").submit(
            comms_client,
            action="request_sign_off",
            _selected_action=[str(draft.pk), str(other.pk)],
        )
    assert len(inbox.to(CONTACT)) == 2
    assert SignOff.objects.filter(state=SignOff.State.PENDING).count() == 2


# Answering --------------------------------------------------------------------------------


def answer(client, link, **values):
    page = client.get(link)
    return pages.form(page, field="comment").submit(client, **values)


def test_the_contact_approves_and_the_requester_is_told(
    client, link, draft, inbox, comms_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(client, link, button="approve")
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert "Thank you: your answer has been sent" in thanks.content.decode()
    assert "You approved “New clinic opens”" in thanks.content.decode()

    [told] = inbox.to("comms@bhp.example")
    assert told["Subject"] == "Approved by QET: “New clinic opens”"
    assert f"/admin/news/article/{draft.pk}/change/" in told.get_body(("plain",)).get_content()
    assert "Approved" in change_form(comms_client, draft).content.decode()
    assert SignOff.objects.get().state == SignOff.State.APPROVED


def post_answer(client, link, *buttons, comment=""):
    return client.post(link, {"comment": comment, **dict.fromkeys(buttons, "")})


def test_changes_need_a_comment_and_script_in_it_stays_text(
    client, link, comms_client, draft, inbox, django_capture_on_commit_callbacks
):
    missing = post_answer(client, link, "changes")
    assert missing.status_code == 400
    assert pages.errors(missing)["comment"] == ["Say what should change, so the team can fix it."]
    assert SignOff.objects.get().state == SignOff.State.PENDING

    script = "<script>alert('x')</script> Say “our” trust"
    with django_capture_on_commit_callbacks(execute=True):
        assert post_answer(client, link, "changes", comment=script).status_code == 302
    for page in (client.get(link), change_form(comms_client, draft)):
        text = page.content.decode()
        assert "<script>alert" not in text
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text
    [told] = inbox.to("comms@bhp.example")
    assert told["Subject"] == "Changes requested by QET: “New clinic opens”"
    assert "<script>alert" not in told.get_body(("html",)).get_content()
    assert script in told.get_body(("plain",)).get_content()


@pytest.mark.parametrize("buttons", [(), ("approve", "changes"), ("decision", "publish")])
def test_a_forged_answer_is_refused(client, link, buttons):
    response = post_answer(client, link, *buttons)
    assert response.status_code == 400
    assert "Press “Approve” or “Request changes”." in response.content.decode()
    assert SignOff.objects.get().state == SignOff.State.PENDING


def test_a_link_used_twice_keeps_the_first_answer(
    client, link, inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(client, link, "approve")
        again = post_answer(client, link, "changes", comment="Actually, no.")
    assert again.status_code == 409
    assert "You have already answered" in again.content.decode()
    sign_off = SignOff.objects.get()
    assert (sign_off.state, sign_off.comment) == (SignOff.State.APPROVED, "")
    assert len(inbox.to("comms@bhp.example")) == 1


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.replace(token.split(":")[0], "999.1", 1),
        lambda token: "1.1",
    ],
    ids=["signature", "another-sign-off", "unsigned"],
)
def test_a_tampered_link_is_refused(client, link, tamper):
    token = link.strip("/").split("/")[-1]
    forged = f"/sign-off/{tamper(token)}/"
    for response in (client.get(forged), post_answer(client, forged, "approve")):
        assert response.status_code == 404
        assert "The link is not complete or has been altered" in response.content.decode()
        assert "New clinic opens" not in response.content.decode()
    assert SignOff.objects.get().state == SignOff.State.PENDING


def test_a_link_after_the_text_changed_is_refused_and_says_so(client, link, draft, comms_client):
    draft.body = "<p>A different text.</p>"
    draft.save()
    for response in (client.get(link), post_answer(client, link, "approve")):
        assert response.status_code == 410
        assert "The article has changed since you were asked" in response.content.decode()
    assert SignOff.objects.get().state == SignOff.State.INVALIDATED
    shown = change_form(comms_client, draft).content.decode()
    assert "No longer valid: the text changed since" in shown


def test_an_approval_is_invalidated_when_the_text_changes(client, link, draft, comms_client):
    post_answer(client, link, "approve")
    draft.title = "New clinic opens in Selly Oak"
    draft.save()
    assert SignOff.objects.get().state == SignOff.State.INVALIDATED


def test_an_expired_link_is_refused_and_the_requester_told_once(
    client, link, inbox, comms_client, draft, django_capture_on_commit_callbacks
):
    SignOff.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        for response in (client.get(link), post_answer(client, link, "approve")):
            assert response.status_code == 410
            assert "The link expired on" in response.content.decode()
        text = change_form(comms_client, draft).content.decode()
    assert "Expired without an answer" in text
    assert SignOff.objects.get().state == SignOff.State.EXPIRED
    [told] = inbox.to("comms@bhp.example")
    assert told["Subject"] == "No answer from QET: sign-off for “New clinic opens” expired"


def test_asking_again_replaces_the_earlier_link(
    client, link, draft, comms_client, inbox, django_capture_on_commit_callbacks
):
    inbox.messages.clear()
    request_sign_off(comms_client, draft, django_capture_on_commit_callbacks)
    newer = emailed_link(inbox)
    assert newer != link
    old = client.get(link)
    assert old.status_code == 410
    assert "A newer sign-off request has been sent" in old.content.decode()
    assert client.get(newer).status_code == 200


def test_the_sign_off_page_reads_a_fixed_number_of_queries(
    client, link, draft, django_assert_num_queries
):
    # The content version's schedule probes, cold here (8 on PostgreSQL: articles, pages,
    # roles' starts and ends, opportunities' times and publishing, events, publications; more
    # on SQLite, which has no UNION of ordered subqueries); then the sign-off and the draft as
    # it will appear, with everything it links (12).
    expected = 20 if connection.vendor == "postgresql" else 28
    with django_assert_num_queries(expected):
        client.get(link)
    draft.organisations.add(*OrganisationFactory.create_batch(5))
    draft.tags.add("a", "b", "c")
    cache.clear()  # cold again: the navigation is kept with the pages' rows, not changed here
    with django_assert_num_queries(expected):
        client.get(link)


# Contacts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"press_contact_name": "Asha", "press_contact_email": "asha at trust"},
            "press_contact_email",
            "Enter an email address like name@example.org.",
        ),
        (
            {"press_contact_name": "Asha", "press_contact_email": ""},
            "press_contact_email",
            "Give the press contact’s email address too.",
        ),
        (
            {"press_contact_name": "", "press_contact_email": "asha@trust.example"},
            "press_contact_name",
            "Give the press contact’s name too.",
        ),
    ],
)
def test_a_bad_press_contact_is_refused(admin_client_in_group, trust, values, field, message):
    page = admin_client_in_group.get(f"/admin/members/organisation/{trust.pk}/change/")
    response = pages.form(page, field="press_contact_email").submit(
        admin_client_in_group, button="_save", **values
    )
    assert response.status_code == 200
    assert pages.errors(response)[field] == [message]
    trust.refresh_from_db()
    assert (trust.press_contact_name, trust.press_contact_email) == ("Asha Patel", CONTACT)


# Publishing -------------------------------------------------------------------------------


def publish_from_form(client, article, **values):
    page = change_form(client, article)
    return pages.form(page, field="title").submit(
        client, button="_save", status="published", **values
    )


def test_publishing_while_pending_asks_for_confirmation_and_is_audited(
    comms_client, admin_client_in_group, link, draft
):
    refused = publish_from_form(comms_client, draft)
    assert refused.status_code == 200
    [message] = pages.errors(refused)["status"]
    assert message.startswith("Not signed off: QET: Waiting for an answer.")
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT

    response = publish_from_form(comms_client, draft, publish_without_sign_off="on")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    override = LogEntry.objects.filter(change_message__startswith="Published anyway:").get()
    assert override.change_message == (
        "Published anyway: not signed off by QET: Waiting for an answer."
    )
    assert override.user.username == "comms"
    audit = admin_client_in_group.get("/admin/admin/logentry/?event=published_anyway")
    assert "Published anyway: not signed off by QET" in audit.content.decode()


def test_publishing_after_approval_needs_no_confirmation(comms_client, client, link, draft):
    post_answer(client, link, "approve")
    page = change_form(comms_client, draft)
    assert "publish_without_sign_off" not in pages.form(page, field="title").names
    assert publish_from_form(comms_client, draft).status_code == 302
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_scheduling_while_changes_are_requested_asks_too(comms_client, client, link, draft):
    post_answer(client, link, "changes", comment="Our name is spelt wrongly.")
    draft.status = Article.Status.PUBLISHED
    draft.publish_at = timezone.now() + timedelta(days=2)
    Article.objects.filter(pk=draft.pk).update(status=draft.status)  # published earlier
    later = timezone.localtime(timezone.now() + timedelta(days=3))
    refused = publish_from_form(
        comms_client,
        draft,
        publish_at_0=later.strftime("%d/%m/%Y"),
        publish_at_1=later.strftime("%H:%M"),
    )
    assert pages.errors(refused)["status"][0].startswith("Not signed off: QET: Changes requested.")


def test_an_organisation_no_longer_named_needs_no_sign_off(comms_client, link, draft, trust):
    other = OrganisationFactory()
    response = publish_from_form(comms_client, draft, organisations=[str(other.pk)])
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED


def test_sign_off_required_refuses_publishing_even_when_forged(comms_client, link, draft, settings):
    settings.SIGN_OFF_REQUIRED = True
    page = change_form(comms_client, draft)
    form = pages.form(page, field="title")
    assert "publish_without_sign_off" not in form.names
    data = form.data(button="_save", status="published")
    data["publish_without_sign_off"] = "on"  # forged: the form does not offer it
    response = comms_client.post(page.wsgi_request.path, data)
    assert response.status_code == 200
    assert "cannot be published yet" in pages.errors(response)["status"][0]
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_the_publish_action_leaves_unsigned_articles_as_drafts(comms_client, link, draft):
    page = comms_client.get("/admin/news/article/")
    response = pages.form(page, field="action").submit(
        comms_client, action="publish", _selected_action=[str(draft.pk)]
    )
    text = comms_client.get(response["Location"]).content.decode()
    assert "not signed off: QET: Waiting for an answer" in text
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_restoring_a_published_version_asks_as_publishing_does(comms_client, link, draft):
    """History's restore of a version that was published publishes it again."""
    assert publish_from_form(comms_client, draft, publish_without_sign_off="on").status_code == 302
    published = Version.objects.get_for_object(draft).first()
    unpublish = pages.form(change_form(comms_client, draft), field="title")
    assert unpublish.submit(comms_client, button="_save", status="draft").status_code == 302

    restore = f"/admin/news/article/{draft.pk}/history/{published.pk}/"
    form = pages.form(comms_client.get(restore), field="title")
    refused = form.submit(comms_client, button="_save")
    assert refused.status_code == 200
    assert pages.errors(refused)["status"][0].startswith("Not signed off: QET")
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT

    response = form.submit(comms_client, button="_save", publish_without_sign_off="on")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED


def test_organisations_keep_their_contacts(trust):
    assert Organisation.objects.get(pk=trust.pk).press_contact_email == CONTACT


# With a worker ----------------------------------------------------------------------------


def test_with_a_worker_expiry_is_queued_for_when_the_link_expires(
    settings, comms_client, comms_with_email, draft, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    request_sign_off(comms_client, draft, django_capture_on_commit_callbacks)
    sign_off = SignOff.objects.get()
    [queued] = DBTaskResult.objects.filter(task_path="signoff.tasks.expire")
    assert queued.run_after == sign_off.expires_at
    # The contact's request waits in the outbox for the worker.
    assert Notification.objects.get().address == CONTACT

    expire.call(*queued.args_kwargs["args"])  # too early: nothing happens
    assert SignOff.objects.get().state == SignOff.State.PENDING
    SignOff.objects.update(expires_at=timezone.now())
    expire.call(*queued.args_kwargs["args"])  # what the worker does when it is due
    expire.call(*queued.args_kwargs["args"])  # and a second run tells no one again
    assert SignOff.objects.get().state == SignOff.State.EXPIRED
    told = Notification.objects.filter(address="comms@bhp.example")
    assert [n.subject for n in told] == [
        "No answer from QET: sign-off for “New clinic opens” expired"
    ]


@pytest.mark.postgres
@pytest.mark.servers
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_sends_the_request_and_the_answer(
    comms_client, comms_with_email, draft, tmp_path, client
):
    inbox = smtp.Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp._free_port())
    controller.start()
    database = connection.settings_dict
    env = {
        "DJANGO_SETTINGS_MODULE": "bhp.settings_test",
        "DATABASE_URL": "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**database),
        "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}",
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "manage.py", "db_worker", "--interval", "0.2"]
    log = tmp_path / "worker.log"
    try:
        with running(command, log, **env) as worker:
            page = comms_client.get(f"/admin/news/article/{draft.pk}/sign-off/")
            pages.form(page, action="/sign-off/").submit(comms_client)
            assert _wait(lambda: inbox.to(CONTACT)), log.read_text()[-3000:]
            link = emailed_link(inbox)
            token = link.strip("/").split("/")[-1]

            assert client.get(f"/sign-off/{token[:-2]}xx/").status_code == 404
            assert post_answer(client, link, "approve").status_code == 302
            assert _wait(lambda: inbox.to("comms@bhp.example")), log.read_text()[-3000:]
            assert post_answer(client, link, "changes", comment="No.").status_code == 409
            time.sleep(1)  # long enough for a stray second message to arrive
            assert worker.poll() is None, log.read_text()[-3000:]
    finally:
        controller.stop()
    assert [message["Subject"] for message in inbox.messages] == [
        "Please approve: “New clinic opens” names Queen Elizabeth Trust",
        "Approved by QET: “New clinic opens”",
    ]
    assert SignOff.objects.get().state == SignOff.State.APPROVED
