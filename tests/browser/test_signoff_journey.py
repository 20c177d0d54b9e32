"""A member's press contact signs off an article through the emailed link, with no account;
then Communications publish it and a visitor reads it."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from news.models import Article
from tests import smtp
from tests.factories import ArticleFactory, OrganisationFactory

from .conftest import sign_in
from .test_accessibility import (
    LAYOUT_PROBLEMS,
    NARROW,
    is_known_admin_problem,
    wcag_violations,
)

LINK = re.compile(r"https?://\S+/sign-off/\S+/")


def test_the_contact_approves_through_the_emailed_link_and_comms_publish(
    page, browser, live_server, comms_user, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    comms_user.email = "comms@bhp.example"
    comms_user.save()
    trust = OrganisationFactory(
        name="Queen Elizabeth Trust",
        short_name="QET",
        press_contact_name="Asha Patel",
        press_contact_email="press@trust.example",
    )
    title = "New clinic opens in Selly Oak"
    draft = ArticleFactory(title=title, status=Article.Status.DRAFT, organisations=[trust])

    with smtp.smtp_server(settings) as inbox:
        sign_in(page, live_server, comms_user)
        page.goto(f"{live_server.url}/admin/news/article/{draft.pk}/change/")
        page.get_by_role("link", name="Request sign-off from the members named").click()
        expect(page.get_by_role("row", name=re.compile("Queen Elizabeth Trust"))).to_contain_text(
            "press@trust.example"
        )
        assert [v for v in wcag_violations(page) if not is_known_admin_problem(v)] == []
        page.get_by_role("button", name="Send the sign-off requests").click()
        expect(page.locator(".messagelist .success")).to_contain_text("asked QET to sign off")
        expect(page.locator(".field-sign_off_states")).to_contain_text("Waiting for an answer")

        [email] = inbox.to("press@trust.example")
        text = email.get_body(("plain",)).get_content()
        path = urlsplit(LINK.search(text).group(0)).path

        # The contact, with no account, opens the link from the email.
        contact = browser.new_context(base_url=live_server.url).new_page()
        response = contact.goto(path)
        assert response.status == 200
        expect(contact.get_by_role("heading", level=1)).to_have_text(title)
        expect(contact.get_by_role("status")).to_contain_text("Sign-off requested")
        assert wcag_violations(contact) == []
        contact.set_viewport_size(NARROW)
        assert contact.evaluate(LAYOUT_PROBLEMS) == []

        # Asking for changes without saying what is refused, and says why.
        contact.get_by_role("button", name="Request changes").click()
        expect(contact.get_by_role("alert")).to_contain_text("Say what should change")
        assert wcag_violations(contact) == []

        contact.get_by_role("button", name="Approve").click()
        expect(contact.get_by_role("heading", level=1)).to_have_text(
            "Thank you: your answer has been sent"
        )
        assert wcag_violations(contact) == []
        assert contact.context.cookies() == []
        [told] = inbox.to("comms@bhp.example")
        assert told["Subject"] == f"Approved by QET: “{title}”"

    # Communications see the answer and publish, with nothing to confirm.
    page.goto(f"{live_server.url}/admin/signoff/signoff/")
    expect(page.get_by_role("row", name=re.compile(title))).to_contain_text("Approved")
    assert [v for v in wcag_violations(page) if not is_known_admin_problem(v)] == []
    page.goto(f"{live_server.url}/admin/news/article/{draft.pk}/change/")
    expect(page.locator(".field-sign_off_states")).to_contain_text("Approved")
    assert [v for v in wcag_violations(page) if not is_known_admin_problem(v)] == []
    page.get_by_label("Status:").select_option("Published")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")

    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.goto("/news/")
    visitor.get_by_role("link", name=title).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    expect(visitor.get_by_text("Not public yet")).to_have_count(0)
