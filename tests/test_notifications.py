"""Email notifications: the outbox, the task that sends it, the worker process, opting out.

Every message crosses a real SMTP connection to aiosmtpd (tests/smtp.py); the worker test
starts the real `db_worker` process against the test's PostgreSQL database.
"""

import socket
import sys
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notifications import notify
from notifications.models import Notification, Preference
from notifications.tasks import deliver

from . import pages, smtp
from .test_scale_out import running

CONTEXT = {
    "item": "Trust’s <script>alert(1)</script> news",
    "actor": "Priya Shah",
    "url": "https://www.example.org/admin/news/article/1/change/",
    "comment": "Please check the quote.",
    "site_url": "https://www.example.org",
}
SUBMITTED = "notifications/email/submitted"
# The outbox's list: session, user, permissions, the counts, the page, the dates, filters.
QUERIES = 9


@pytest.fixture
def reviewers(django_user_model):
    def person(name, **extra):
        return django_user_model.objects.create_user(
            username=name, **{"email": f"{name}@bhp.example", **extra}
        )

    return [person("ada"), person("ben"), person("cal", is_active=False), person("dee", email="")]


@pytest.fixture
def smtp_server(settings):
    with smtp.smtp_server(settings) as inbox:
        yield inbox


def body(message, kind):
    """One part of a received message as it was written (SMTP sends lines ending CRLF)."""
    return message.get_body((kind,)).get_content().replace("\r\n", "\n")


def queued_tasks():
    return list(DBTaskResult.objects.filter(task_path="notifications.tasks.deliver"))


# notify(): who gets what, once --------------------------------------------------------------


@pytest.mark.django_db
def test_notify_writes_one_message_per_person_who_can_get_it(
    reviewers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        written = notify("article:1:submitted:1", [*reviewers, "editor@example.org"], SUBMITTED,
                         CONTEXT)  # fmt: skip
    # The inactive account and the one without an address get nothing.
    assert sorted(n.address for n in written) == [
        "ada@bhp.example",
        "ben@bhp.example",
        "editor@example.org",
    ]
    ada = Notification.objects.get(address="ada@bhp.example")
    assert ada.user == reviewers[0]
    assert ada.status == Notification.Status.QUEUED
    # A subject is one line of plain text: no HTML escaping in it.
    assert ada.subject == "Trust’s <script>alert(1)</script> news was submitted for review"
    assert "Priya Shah has submitted “Trust’s <script>alert(1)</script> news”" in ada.text
    assert "https://www.example.org/admin/notifications/preference/mine/" in ada.text
    # The HTML is a whole accessible document, its text escaped.
    assert '<html lang="en-GB">' in ada.html
    assert "<title>Trust’s &lt;script&gt;alert(1)&lt;/script&gt; news was" in ada.html
    assert "<script>" not in ada.html
    assert '<a href="https://www.example.org/admin/news/article/1/change/">' in ada.html
    # Someone without an account has no settings to link to.
    assert "preference" not in Notification.objects.get(address="editor@example.org").text
    # One task each, queued for the worker once the change committed.
    tasks = queued_tasks()
    assert sorted(task.args_kwargs["args"][0] for task in tasks) == sorted(n.pk for n in written)


@pytest.mark.django_db
def test_the_same_event_never_makes_a_second_message(reviewers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify("article:1:submitted:1", reviewers, SUBMITTED, CONTEXT)
        again = notify("article:1:submitted:1", reviewers, SUBMITTED, CONTEXT)
    assert again == []
    assert Notification.objects.count() == 2
    assert len(queued_tasks()) == 2
    # A new event (submitted a second time) is a new message.
    with django_capture_on_commit_callbacks(execute=True):
        assert len(notify("article:1:submitted:2", reviewers, SUBMITTED, CONTEXT)) == 2


@pytest.mark.django_db
def test_people_who_turned_notifications_off_get_nothing(reviewers):
    Preference.objects.create(user=reviewers[0], email=False)
    Preference.objects.create(user=reviewers[1], email=True)
    written = notify("article:1:submitted:1", reviewers, SUBMITTED, CONTEXT)
    assert [n.address for n in written] == ["ben@bhp.example"]


@pytest.mark.django_db
def test_an_address_that_is_not_one_is_skipped_and_the_rest_still_go():
    written = notify("e", ["not an address", "a@example.org\nBcc: x@example.org", "ok@example.org"],
                     SUBMITTED, CONTEXT)  # fmt: skip
    assert [n.address for n in written] == ["ok@example.org"]


# Serialized rollback leaves the migrations' data (the roles) for the tests after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_that_is_rolled_back_sends_nothing(reviewers):
    def failed_save():
        with transaction.atomic():
            notify("article:1:submitted:1", reviewers, SUBMITTED, CONTEXT)
            raise RuntimeError("the save failed")

    with pytest.raises(RuntimeError):
        failed_save()
    assert not Notification.objects.exists()
    assert not queued_tasks()


# deliver: sending, retrying, giving up ------------------------------------------------------


@pytest.mark.django_db
def test_deliver_sends_plain_text_and_html_once(reviewers, smtp_server):
    (notification,) = notify("article:1:submitted:1", reviewers[:1], SUBMITTED, CONTEXT)
    deliver.call(notification.pk)
    deliver.call(notification.pk)  # a second run of the task (or a second worker) sends nothing

    (message,) = smtp_server.messages
    assert message.recipients == ["ada@bhp.example"]
    assert message["Subject"] == notification.subject
    assert message["To"] == "ada@bhp.example"
    assert body(message, "plain") == notification.text
    assert body(message, "html") == notification.html
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1
    assert notification.sent_at is not None


@pytest.mark.django_db
def test_a_mail_server_that_is_down_is_tried_again_later_with_back_off(
    reviewers, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_RETRY_SECONDS = 60
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    (notification,) = notify("article:1:submitted:1", reviewers[:1], SUBMITTED, CONTEXT)
    with smtp.hanging_up_server(settings):
        for attempt, delay in [(1, 60), (2, 120)]:
            before = timezone.now()
            with django_capture_on_commit_callbacks(execute=True):
                deliver.call(notification.pk)
            notification.refresh_from_db()
            assert notification.status == Notification.Status.QUEUED
            assert notification.attempts == attempt
            assert "SMTP" in notification.last_error or "Connection" in notification.last_error
            waited = notification.next_attempt_at - before
            assert timedelta(seconds=delay) <= waited < timedelta(seconds=delay + 5)
            retry = DBTaskResult.objects.latest("enqueued_at")
            assert retry.run_after == notification.next_attempt_at

        # The last attempt fails too: it gives up, and says so.
        with django_capture_on_commit_callbacks(execute=True):
            deliver.call(notification.pk)
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Notification.Status.FAILED, 3)
    assert notification.next_attempt_at is None
    assert len(queued_tasks()) == 2  # no retry after giving up


@pytest.mark.django_db
def test_without_a_worker_tasks_run_at_once_and_a_failure_shows_at_once(
    reviewers, settings, django_capture_on_commit_callbacks
):
    """`make run`: the immediate backend sends in the request, after the commit; it cannot
    wait to retry, so a failure is shown as not sent straight away."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with smtp.smtp_server(settings) as inbox, django_capture_on_commit_callbacks(execute=True):
        (sent,) = notify("event:1", reviewers[:1], SUBMITTED, CONTEXT)
    assert [m.recipients for m in inbox.messages] == [["ada@bhp.example"]]
    with smtp.hanging_up_server(settings), django_capture_on_commit_callbacks(execute=True):
        (failed,) = notify("event:2", reviewers[:1], SUBMITTED, CONTEXT)
    sent.refresh_from_db()
    failed.refresh_from_db()
    assert sent.status == Notification.Status.SENT
    assert (failed.status, failed.attempts) == (Notification.Status.FAILED, 1)
    assert not queued_tasks()


# The admin: the outbox and "Send again" ------------------------------------------------------


@pytest.mark.django_db
def test_staff_see_what_failed_and_send_it_again_once(
    reviewers, comms_client, smtp_server, django_capture_on_commit_callbacks
):
    failed, sent = notify("article:1:submitted:1", reviewers[:2], SUBMITTED, CONTEXT)
    Notification.objects.filter(pk=failed.pk).update(
        status=Notification.Status.FAILED, attempts=8, last_error="SMTPServerDisconnected()"
    )
    Notification.objects.filter(pk=sent.pk).update(status=Notification.Status.SENT, attempts=1)

    changelist = reverse("admin:notifications_notification_changelist")
    listing = comms_client.get(changelist, {"status": "failed"}).content.decode()
    assert "ada@bhp.example" in listing
    assert "Not sent" in listing
    assert "ben@bhp.example" not in listing

    form = pages.form(comms_client.get(changelist), field="action")
    with django_capture_on_commit_callbacks(execute=True):
        done = form.submit(comms_client, "index", action="send_again",
                           _selected_action=[str(failed.pk), str(sent.pk)])  # fmt: skip
    text = comms_client.get(done["Location"]).content.decode()
    assert "1 email will be sent again in a moment." in text
    assert "1 email had been sent already and was not sent again." in text
    (task,) = queued_tasks()
    deliver.call(*task.args_kwargs["args"])  # what the worker would do
    assert [m.recipients for m in smtp_server.messages] == [["ada@bhp.example"]]
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Notification.Status.SENT, 9)


@pytest.mark.django_db
@pytest.mark.parametrize("events", [1, 30])
def test_the_outbox_costs_the_same_queries_however_full(
    events, reviewers, comms_client, django_assert_num_queries
):
    for number in range(events):
        notify(f"event:{number}", reviewers[:2], SUBMITTED, CONTEXT)
    changelist = reverse("admin:notifications_notification_changelist")
    with django_assert_num_queries(QUERIES):
        assert comms_client.get(changelist).status_code == 200


@pytest.mark.django_db
def test_the_outbox_is_read_only(reviewers, comms_client):
    (notification,) = notify("article:1:submitted:1", reviewers[:1], SUBMITTED, CONTEXT)
    change = reverse("admin:notifications_notification_change", args=[notification.pk])
    response = comms_client.post(change, {"subject": "Forged", "status": "sent"})
    assert response.status_code == 403
    notification.refresh_from_db()
    assert notification.status == Notification.Status.QUEUED
    assert comms_client.get(reverse("admin:notifications_notification_add")).status_code == 403


# Each person's own setting -------------------------------------------------------------------


@pytest.mark.django_db
def test_each_person_turns_their_own_notifications_off(comms_user, comms_client, reviewers):
    response = comms_client.get(reverse("admin:notifications_preference_mine"), follow=True)
    text = response.content.decode()
    assert "email me about my work and reviews" in text.lower()
    form = pages.form(response, field="email")
    assert form.value("email") == "on"
    saved = form.submit(comms_client, "_save", email=None)
    assert saved.status_code == 302
    assert not Preference.objects.get(user=comms_user).email
    assert notify("e", [comms_user], SUBMITTED, CONTEXT) == []

    # Nobody else's settings can be read or changed, by address or by forged POST.
    theirs = Preference.objects.create(user=reviewers[0])
    other = reverse("admin:notifications_preference_change", args=[theirs.pk])
    assert comms_client.get(other).status_code in (302, 403, 404)
    comms_client.post(other, {"email": ""})
    theirs.refresh_from_db()
    assert theirs.email


# The real worker process -----------------------------------------------------------------------


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.postgres
@pytest.mark.servers
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_sends_each_message_once_after_the_mail_server_comes_back(reviewers, tmp_path):
    port = _free_port()  # nothing listens there yet: the mail server is down
    database = connection.settings_dict
    env = {
        "DJANGO_SETTINGS_MODULE": "bhp.settings_test",
        "DATABASE_URL": "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**database),
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "EMAIL_TIMEOUT": "5",
        "NOTIFICATION_RETRY_SECONDS": "1",
        "LOG_LEVEL": "WARNING",
    }
    with transaction.atomic():
        written = notify("article:1:submitted:1", [*reviewers, "editor@example.org"], SUBMITTED,
                         CONTEXT)  # fmt: skip
    assert len(written) == 3
    addresses = {n.address for n in written}

    inbox = smtp.Inbox()
    command = [sys.executable, "manage.py", "db_worker", "--interval", "0.2",
               "--no-startup-delay"]  # fmt: skip
    log = tmp_path / "worker.log"
    with running(command, log, **env) as worker:
        # Every message is tried, and refused, while the server is down.
        assert _wait(lambda: not Notification.objects.filter(attempts=0).exists()), log.read_text()[
            -3000:
        ]
        assert not Notification.objects.filter(status=Notification.Status.SENT).exists()

        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            assert _wait(
                lambda: Notification.objects.filter(status=Notification.Status.SENT).count() == 3
            ), log.read_text()[-3000:]
            time.sleep(2)  # long enough for a stray second send to arrive
        finally:
            controller.stop()
        assert worker.poll() is None, log.read_text()[-3000:]

    assert sorted(address for m in inbox.messages for address in m.recipients) == sorted(addresses)
    for message in inbox.messages:
        assert message["Subject"] == written[0].subject
        assert "Priya Shah has submitted" in body(message, "plain")
        assert body(message, "html").startswith("<!DOCTYPE html>")
    assert all(n.attempts >= 2 for n in Notification.objects.all())
