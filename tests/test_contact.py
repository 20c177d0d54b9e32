"""The contact form, as a visitor fills it in and as the staff who read enquiries see them.

Email crosses a real SMTP connection to a server the test starts (tests/smtp.py).
"""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contact.forms import REFUSED
from contact.models import Enquiry, PressPage, Topic
from pagecache.versions import content_version

from . import pages, smtp

pytestmark = pytest.mark.django_db

CONTACT = "/contact/"
TOPICS = [
    ("industry", "Working with industry", "industry@bhp.example", []),
    ("research", "Research collaboration", "research@bhp.example", []),
    ("public-involvement", "Public involvement", "involvement@bhp.example", []),
    ("press", "Press and media", "press@bhp.example\npress-desk@bhp.example", ["Communications"]),
    ("general", "Anything else", "enquiries@bhp.example", ["Communications"]),
]
TYPED = {
    "name": "Priya Shah",
    "email": "priya@example.com",
    "organisation": "Midlands MedTech Ltd",
    "message": "We make a wearable monitor and would like to run a trial with a trust.",
}


@pytest.fixture(autouse=True)
def _no_waiting(settings):
    """People take more than a moment to fill the form in; the tests need not. Tests of the
    minimum fill time set it themselves."""
    settings.CONTACT_MIN_FILL_SECONDS = 0


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server the site sends through; what it received."""
    with smtp.smtp_server(settings) as inbox:
        yield inbox


@pytest.fixture
def broken_smtp_server(settings):
    """A mail server that hangs up on every connection."""
    with smtp.hanging_up_server(settings):
        yield


@pytest.fixture
def topics():
    made = {}
    for order, (slug, name, addresses, groups) in enumerate(TOPICS):
        made[slug] = Topic.objects.create(slug=slug, name=name, addresses=addresses, order=order)
        made[slug].groups.set(Group.objects.filter(name__in=groups))
    return made


def contact_form(client, query=""):
    response = client.get(CONTACT + query)
    assert response.status_code == 200
    return pages.form(response, field="message")


def send(client, topic="industry", **values):
    """Fill in the form the page rendered, as a visitor would, and send it."""
    return contact_form(client).submit(client, topic=topic, **{**TYPED, **values})


def test_the_form_offers_each_active_topic_and_says_how_long_messages_are_kept(
    client, topics, settings
):
    Topic.objects.filter(slug="research").update(active=False)
    settings.ENQUIRY_RETENTION_DAYS = 90
    response = client.get(CONTACT)
    text = response.content.decode()
    form = pages.form(response, field="message")
    assert {"topic", "name", "email", "organisation", "message"} <= form.names
    for slug, name, *_ in TOPICS:
        assert (name in text) is (slug != "research")
    assert "We keep it for 90 days" in text
    assert 'href="/privacy/"' in text
    # Nothing chosen until the visitor chooses: no topic is sent with an untouched form.
    assert "topic" not in dict(form.fields)


def test_a_topic_in_the_address_is_chosen_for_the_visitor(client, topics):
    form = contact_form(client, "?topic=press")
    assert form.value("topic") == "press"


@pytest.mark.parametrize("slug", [slug for slug, *_ in TOPICS])
def test_an_enquiry_goes_to_its_topics_addresses_and_a_copy_to_the_sender(
    client, topics, smtp_server, slug
):
    response = send(client, topic=slug)

    assert response.status_code == 302
    confirmation = client.get(response["Location"])
    text = confirmation.content.decode()
    assert "Thank you: your message has been sent" in text
    assert "priya@example.com" in text
    assert topics[slug].name.lower() in text
    assert "We have emailed you a copy" in text

    enquiry = Enquiry.objects.get()
    assert (enquiry.topic, enquiry.name, enquiry.state, enquiry.attempts) == (
        topics[slug],
        "Priya Shah",
        Enquiry.State.SENT,
        1,
    )
    addresses = topics[slug].address_list()
    [routed] = [m for m in smtp_server.messages if m.recipients == addresses]
    assert routed["Reply-To"] == "priya@example.com"
    assert routed["Subject"] == f"Enquiry about {topics[slug].name} from the website"
    body = routed.get_content()
    for value in TYPED.values():
        assert value in body
    [copy] = smtp_server.to("priya@example.com")
    assert copy["Subject"] == "Your message to Birmingham Health Partners"
    assert TYPED["message"] in copy.get_content()
    assert "Dear Priya Shah" in copy.get_content()
    assert len(smtp_server.messages) == 2


def test_missing_answers_are_named_and_what_was_typed_is_kept(client, topics):
    response = contact_form(client).submit(client, name="", email="", message="", organisation="")
    assert response.status_code == 200
    assert pages.errors(response) == {
        "topic": ["Choose what your message is about."],
        "name": ["Enter your name."],
        "email": ["Enter your email address, so that we can reply."],
        "message": ["Enter your message."],
    }
    assert "<title>Error: Contact us" in response.content.decode()
    assert pages.missing_references(response) == []
    response = send(client, email="priya at example")
    assert pages.errors(response) == {"email": ["Enter an email address like name@example.com."]}
    form = pages.form(response, field="message")
    assert form.value("message") == TYPED["message"]
    assert form.value("topic") == "industry"
    assert not Enquiry.objects.exists()


def test_a_topic_taken_off_the_form_cannot_be_sent_to(client, topics):
    form = contact_form(client)
    Topic.objects.filter(slug="industry").update(active=False)
    response = form.submit(client, topic="industry", **TYPED)
    assert list(pages.errors(response)) == ["topic"]
    assert not Enquiry.objects.exists()


# Spam defences ---------------------------------------------------------------------------


def test_the_honeypot_is_labelled_for_anyone_who_meets_it_and_hidden_from_everyone(client, topics):
    text = client.get(CONTACT).content.decode()
    trap = text[text.index('<div class="field" hidden>') :].split("</div>")[0]
    assert "Leave this empty" in trap
    assert 'name="website"' in trap
    assert 'tabindex="-1"' in trap


def test_a_filled_in_honeypot_is_refused_without_saying_why_and_keeps_the_message(
    client, topics, smtp_server
):
    response = send(client, website="https://cheap-pills.example")
    assert response.status_code == 200
    assert pages.errors(response) == {"__all__": [REFUSED]}
    form = pages.form(response, field="message")
    assert form.value("message") == TYPED["message"]
    assert form.value("website") == ""
    assert not Enquiry.objects.exists()
    assert smtp_server.messages == []
    # A person whose browser filled it in just sends the form again.
    assert form.submit(client).status_code == 302


def test_a_form_sent_faster_than_a_person_could_is_refused_until_time_has_passed(
    client, topics, settings
):
    settings.CONTACT_MIN_FILL_SECONDS = 5
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        response = send(client)
        assert pages.errors(response) == {"__all__": [REFUSED]}
        assert not Enquiry.objects.exists()
        form = pages.form(response, field="message")
        assert form.value("name") == TYPED["name"]
        # The form keeps the time it was first shown: sent again later, it goes.
        traveller.shift(6)
        assert form.submit(client).status_code == 302
    assert Enquiry.objects.count() == 1


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: "",
        lambda token: "1700000000",
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.replace(token.split(":")[0], "MTcwMDAwMDAwMA"),
    ],
    ids=["missing", "unsigned", "bad-signature", "changed-time"],
)
def test_a_forged_timestamp_is_refused_and_a_fresh_form_then_works(client, topics, forge):
    form = contact_form(client)
    response = form.submit(client, topic="industry", started=forge(form.value("started")),
                           **TYPED)  # fmt: skip
    assert pages.errors(response) == {"__all__": [REFUSED]}
    assert not Enquiry.objects.exists()
    assert pages.form(response, field="message").submit(client).status_code == 302


def test_a_form_left_open_too_long_is_refused_and_the_page_gives_a_new_one(
    client, topics, settings
):
    form = contact_form(client)
    with time_machine.travel(timedelta(hours=settings.CONTACT_MAX_FORM_AGE_HOURS, minutes=1)):
        response = form.submit(client, topic="industry", **TYPED)
        assert pages.errors(response) == {"__all__": [REFUSED]}
        assert pages.form(response, field="message").submit(client).status_code == 302


def test_one_address_may_send_only_a_few_enquiries_in_a_while(client, topics, settings):
    settings.CONTACT_RATE_LIMIT = 2
    settings.CONTACT_RATE_WINDOW_MINUTES = 60
    assert send(client).status_code == 302
    assert send(client).status_code == 302
    refused = send(client)
    [message] = pages.errors(refused)["__all__"]
    assert "several messages from your connection" in message
    assert "enquiries@bhp.example" in message
    assert pages.form(refused, field="message").value("message") == TYPED["message"]
    assert Enquiry.objects.count() == 2
    # Another visitor is not held back by this one.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert send(other).status_code == 302
    # After the window, the first may write again.
    with time_machine.travel(timedelta(minutes=61)):
        assert send(client).status_code == 302


def test_behind_a_proxy_the_limit_counts_the_address_the_proxy_saw(client, topics, settings):
    settings.CONTACT_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    # Every request arrives from the proxy, which appends the address it saw.
    first = Client(REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="81.2.69.142")
    second = Client(REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="81.2.69.143")
    assert send(first).status_code == 302
    assert send(second).status_code == 302
    assert send(first).status_code == 200
    # Writing the header oneself does not make a new visitor: the proxy's entry counts.
    forged = Client(REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="10.9.9.9, 81.2.69.142")
    assert send(forged).status_code == 200


# Bad input ------------------------------------------------------------------------------


def test_a_megabyte_of_text_is_refused_clearly_and_nothing_is_saved(client, topics):
    response = send(client, message="a" * 1_000_000)
    assert response.status_code == 200
    assert pages.errors(response) == {
        "message": [
            "Your message is too long: it can be up to 5000 characters and has 1000000. "
            "Please shorten it."
        ]
    }
    assert not Enquiry.objects.exists()


@pytest.mark.parametrize("field", ["name", "email", "organisation", "message"])
def test_a_nul_byte_in_any_field_is_refused_clearly_and_nothing_is_saved(client, topics, field):
    response = send(client, **{field: TYPED[field][:5] + "\x00" + TYPED[field][5:]})
    assert response.status_code == 200
    errors = pages.errors(response)
    assert list(errors) == [field]
    assert errors[field][0] in (
        "Null characters are not allowed.",
        "Enter an email address like name@example.com.",
    )
    assert not Enquiry.objects.exists()


def test_the_textarea_tells_browsers_the_limit(client, topics):
    text = client.get(CONTACT).content.decode()
    assert 'maxlength="5000"' in text
    assert "Up to 5,000 characters." in text


# Mail server trouble ---------------------------------------------------------------------


def test_a_mail_server_failure_loses_nothing_and_staff_can_send_it_again(
    client, topics, broken_smtp_server, admin_client_in_group, settings, request
):
    response = send(client, topic="press")
    assert response.status_code == 302
    text = client.get(response["Location"]).content.decode()
    assert "Thank you: your message has been sent" in text
    assert "Our email is not working just now" in text

    enquiry = Enquiry.objects.get()
    assert enquiry.message == TYPED["message"]
    assert enquiry.state == Enquiry.State.FAILED
    assert enquiry.attempts == 1
    assert enquiry.error

    changelist = reverse("admin:contact_enquiry_changelist")
    listing = admin_client_in_group.get(changelist, {"state": "failed"}).content.decode()
    assert "Not sent: email failed" in listing

    # Still failing: the action says so, and the enquiry stays.
    form = pages.form(admin_client_in_group.get(changelist), field="action")
    done = form.submit(admin_client_in_group, "index", action="resend",
                       _selected_action=[str(enquiry.pk)])  # fmt: skip
    assert (
        "1 enquiry could not be emailed"
        in admin_client_in_group.get(done["Location"]).content.decode()
    )
    enquiry.refresh_from_db()
    assert (enquiry.state, enquiry.attempts) == (Enquiry.State.FAILED, 2)

    # The server is back: resending delivers both messages.
    inbox = request.getfixturevalue("smtp_server")
    form = pages.form(admin_client_in_group.get(changelist), field="action")
    done = form.submit(admin_client_in_group, "index", action="resend",
                       _selected_action=[str(enquiry.pk)])  # fmt: skip
    assert "1 enquiry was emailed" in admin_client_in_group.get(done["Location"]).content.decode()
    enquiry.refresh_from_db()
    assert (enquiry.state, enquiry.attempts, enquiry.error) == (Enquiry.State.SENT, 3, "")
    assert len(inbox.to("press@bhp.example")) == 1
    assert len(inbox.to("priya@example.com")) == 1


def test_no_mail_server_at_all_loses_nothing(client, topics, settings):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp.use_smtp(settings, port)
    response = send(client)
    assert response.status_code == 302
    assert Enquiry.objects.get().state == Enquiry.State.FAILED


# The confirmation page ---------------------------------------------------------------------


def test_the_confirmation_is_only_for_its_sender_and_only_for_a_while(client, topics):
    response = send(client)
    address = response["Location"]
    assert client.get(address).status_code == 200
    token = address.rstrip("/").rsplit("/", 1)[1]
    other = Enquiry.objects.create(topic=topics["press"], name="B", email="b@example.com",
                                   message="Hello")  # fmt: skip
    for guess in [
        str(other.pk),
        token[:-2] + "xx",
        token.replace(token.split(":")[0], str(other.pk)),
    ]:
        assert client.get(reverse("contact:sent", args=[guess])).status_code == 404
    with time_machine.travel(timedelta(hours=2)):
        assert client.get(address).status_code == 404


# Retention ------------------------------------------------------------------------------


def enquiry_on(topic, when, **values):
    values = {"name": "Old sender", "email": "old@example.com", "message": "An old message",
              **values}  # fmt: skip
    return Enquiry.objects.create(topic=topic, created_at=when, **values)


def test_enquiries_are_deleted_after_the_retention_period_without_anyone_remembering(
    client, topics, settings, admin_client_in_group
):
    settings.ENQUIRY_RETENTION_DAYS = 30
    now = timezone.now()
    old = enquiry_on(topics["press"], now - timedelta(days=31))
    recent = enquiry_on(topics["press"], now - timedelta(days=30, minutes=-60))
    changelist = reverse("admin:contact_enquiry_changelist")

    # Past its time, nobody can read it even before it is deleted.
    page = admin_client_in_group.get(reverse("admin:contact_enquiry_change", args=[old.pk]))
    assert page.status_code == 302  # the admin's "does not exist" redirect

    # A new enquiry clears out the old ones.
    assert send(client).status_code == 302
    assert not Enquiry.objects.filter(pk=old.pk).exists()
    assert Enquiry.objects.filter(pk=recent.pk).exists()

    # So does looking at the list, a couple of hours later, with no new enquiry.
    with time_machine.travel(timedelta(hours=2)):
        listing = admin_client_in_group.get(changelist).content.decode()
        assert not Enquiry.objects.filter(pk=recent.pk).exists()
        assert "Old sender" not in listing

    # And the command for a daily cron job.
    enquiry_on(topics["press"], now - timedelta(days=40))
    call_command("purge_enquiries", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Enquiry.objects.filter(name="Old sender").exists()


def test_the_privacy_notice_states_the_retention_period_from_the_setting(client, settings):
    settings.ENQUIRY_RETENTION_DAYS = 45
    text = client.get("/privacy/").content.decode()
    assert "deletes each message 45 days after it was sent" in text
    for promise in ["sets no cookies for visitors", "Staff who sign in", "enquiries@bhp.example",
                    "Information Commissioner"]:  # fmt: skip
        assert promise in text


# Who reads enquiries ----------------------------------------------------------------------


def test_each_group_reads_only_its_topics_enquiries_and_cannot_change_them(
    topics, comms_client, admin_client_in_group, django_user_model
):
    press = enquiry_on(topics["press"], timezone.now(), name="Journalist")
    industry = enquiry_on(topics["industry"], timezone.now(), name="Company")
    changelist = reverse("admin:contact_enquiry_changelist")

    everything = admin_client_in_group.get(changelist).content.decode()
    assert "Journalist" in everything
    assert "Company" in everything

    theirs = comms_client.get(changelist).content.decode()
    assert "Journalist" in theirs
    assert "Company" not in theirs
    assert (
        comms_client.get(reverse("admin:contact_enquiry_change", args=[industry.pk])).status_code
        == 302
    )
    page = comms_client.get(reverse("admin:contact_enquiry_change", args=[press.pk]))
    assert page.status_code == 200
    assert "An old message" in page.content.decode()
    # Read-only: there is no form field to change the message with, and no add page.
    assert not [form for form in pages.forms(page) if "message" in form.names]
    assert comms_client.get(reverse("admin:contact_enquiry_add")).status_code == 403
    # The topics themselves are for administrators.
    assert comms_client.get(reverse("admin:contact_topic_changelist")).status_code == 403

    nobody = Client()
    nobody.force_login(django_user_model.objects.create_user("visitor", is_staff=True))
    assert nobody.get(changelist).status_code == 403


def test_communications_may_delete_their_topics_enquiries(topics, comms_client):
    press = enquiry_on(topics["press"], timezone.now())
    page = comms_client.get(reverse("admin:contact_enquiry_delete", args=[press.pk]))
    pages.form(page, field="post").submit(comms_client)
    assert not Enquiry.objects.exists()


def test_a_topic_needs_real_addresses(admin_client_in_group, topics):
    page = admin_client_in_group.get(reverse("admin:contact_topic_add"))
    form = pages.form(page, field="addresses")
    response = form.submit(admin_client_in_group, name="Events", slug="events",
                           addresses="events@bhp.example\nnot an address")  # fmt: skip
    assert pages.errors(response)["addresses"] == [
        "These are not email addresses: not, an, address. Put one address on each line."
    ]
    assert not Topic.objects.filter(slug="events").exists()


def test_a_topic_in_use_cannot_be_deleted_out_from_under_its_enquiries(
    admin_client_in_group, topics
):
    enquiry_on(topics["press"], timezone.now())
    page = admin_client_in_group.get(
        reverse("admin:contact_topic_delete", args=[topics["press"].pk])
    )
    assert "would require deleting the following protected" in page.content.decode()


# Pages and the page cache ------------------------------------------------------------------


def test_an_enquiry_leaves_cached_pages_alone_but_a_topic_change_refreshes_them(client, topics):
    version = content_version()
    assert send(client).status_code == 302
    assert content_version() == version

    assert "press@bhp.example" in client.get("/press/").content.decode()
    topics["press"].addresses = "newsdesk@bhp.example"
    topics["press"].save()
    text = client.get("/press/").content.decode()
    assert "newsdesk@bhp.example" in text
    assert "press@bhp.example" not in text


def test_the_press_page_has_contacts_the_standard_paragraph_logos_and_news(client, topics):
    PressPage(about="BHP is a partnership.\n\nIt has nine members.", contacts="Call us.").save()
    text = client.get("/press/").content.decode()
    assert 'href="mailto:press@bhp.example"' in text
    assert 'href="mailto:press-desk@bhp.example"' in text
    assert 'href="/contact/?topic=press"' in text
    assert "<p>BHP is a partnership.</p>\n\n<p>It has nine members.</p>" in text
    assert "Call us." in text
    assert "Logos" in text
    assert "Latest news" in text


def test_the_footer_gives_contact_details_links_and_social_accounts(client, settings):
    settings.SOCIAL_LINKS = [("LinkedIn", "https://www.linkedin.com/company/bhp")]
    settings.CONTACT_POSTAL_ADDRESS = "Edgbaston, Birmingham"
    footer = client.get("/").content.decode().split('class="site-footer"')[1]
    links = ["/contact/", "/press/", "/privacy/", "/accessibility/", "/publications/",
             "mailto:enquiries@bhp.example", "https://www.linkedin.com/company/bhp"]  # fmt: skip
    for link in links:
        assert f'href="{link}"' in footer
    assert "Edgbaston, Birmingham" in footer
    assert "This site sets no cookies for visitors." in footer


def test_a_social_link_that_is_not_a_web_address_stops_the_site_starting(settings):
    from contact.checks import social_links_are_web_addresses

    settings.SOCIAL_LINKS = [("X", "javascript:alert(1)")]
    [error] = social_links_are_web_addresses()
    assert error.id == "contact.E001"


def test_the_accessibility_statement_has_a_real_contact_route(client, topics):
    text = client.get("/accessibility/").content.decode()
    assert 'href="/contact/?topic=accessibility"' in text
    assert 'href="mailto:enquiries@bhp.example"' in text


# Query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("extra_topics", [0, 40])
def test_contact_pages_ask_the_database_the_same_however_many_topics(
    client, topics, extra_topics, django_assert_num_queries
):
    for number in range(extra_topics):
        Topic.objects.create(slug=f"t{number}", name=f"Topic {number}", addresses="a@bhp.example")
    content_version()
    with django_assert_num_queries(2):  # the topics, and the main navigation (then kept)
        assert client.get(CONTACT).status_code == 200
    address = send(client)["Location"]
    with django_assert_num_queries(1):  # the enquiry with its topic
        assert client.get(address).status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/privacy/").status_code == 200


def test_the_press_page_asks_a_few_questions_cold_and_none_warm(
    client, topics, django_assert_num_queries, django_assert_max_num_queries
):
    content_version()
    # The press topic, the page's text, the latest news, the members' logos, and the main
    # navigation.
    with django_assert_num_queries(5):
        assert client.get("/press/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/press/").status_code == 200


def test_the_contact_form_is_never_kept_by_a_cache(client, topics):
    response = client.get(CONTACT)
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_administrators_reroute_a_topic_and_edit_the_press_paragraph(
    admin_client_in_group, topics, client
):
    page = admin_client_in_group.get(
        reverse("admin:contact_topic_change", args=[topics["press"].pk])
    )
    saved = pages.form(page, field="addresses").submit(
        admin_client_in_group, addresses="newsroom@bhp.example"
    )
    assert saved.status_code == 302, pages.errors(saved)
    assert Topic.objects.get(slug="press").address_list() == ["newsroom@bhp.example"]

    page = admin_client_in_group.get(reverse("admin:contact_presspage_add"))
    saved = pages.form(page, field="about").submit(
        admin_client_in_group, about="We are a partnership.", contacts=""
    )
    assert saved.status_code == 302, pages.errors(saved)
    # One press page: no second can be added, and the list goes straight to it.
    assert admin_client_in_group.get(reverse("admin:contact_presspage_add")).status_code == 403
    listing = admin_client_in_group.get(reverse("admin:contact_presspage_changelist"))
    assert listing["Location"] == reverse("admin:contact_presspage_change", args=[1])
    text = client.get("/press/").content.decode()
    assert "We are a partnership." in text
    assert "newsroom@bhp.example" in text


def test_the_demo_has_the_contact_topics_at_the_example_domain_and_a_press_paragraph(settings):
    settings.EMAIL_DOMAIN = "demo.example"
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(Topic.objects.values_list("slug", flat=True)) == [
        "industry", "research", "public-involvement", "press", "accessibility", "general"
    ]  # fmt: skip
    for topic in Topic.objects.all():
        assert all(address.endswith("@demo.example") for address in topic.address_list())
    press = Topic.objects.get(slug="press")
    assert list(press.groups.values_list("name", flat=True)) == ["Communications"]
    assert "Birmingham Health Partners" in PressPage.load().about
