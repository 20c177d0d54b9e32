"""A contributor's article, from the first draft through review to what a visitor sees."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, sign_in
from .test_accessibility import LAYOUT_PROBLEMS, NARROW, is_known_admin_problem, wcag_violations

TITLE = "Trust researchers trial a new asthma inhaler"


@pytest.fixture
def comms(browser, live_server, comms_user):
    """Communications, signed in in a browser of their own."""
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server, comms_user)
    yield page
    context.close()


def review(page, action, comment=""):
    page.get_by_label("Comment").fill(comment)
    page.get_by_role("button", name=action).click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_a_contributor_submits_comms_asks_for_changes_then_approves_and_publishes(
    page, comms, live_server, contributor, browser
):
    violations, problems = [], []
    sign_in(page, live_server, contributor)
    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("link", name="Add article").click()
    expect(page.get_by_label("Status:")).to_have_count(0)  # contributors cannot publish
    page.get_by_label("Title:").fill(TITLE)
    page.get_by_label("Summary:").fill("A trial at a member trust.")
    body = page.locator(".field-body [contenteditable=true]")
    body.click()
    body.press_sequentially("Forty patients take part.")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    # Submitted from the review page; then the article is out of the author's hands.
    page.get_by_role("link", name="Review", exact=True).click()
    violations += wcag_violations(page)
    review(page, "Submit for review", "Ready for a look.")
    expect(page.get_by_text("Nothing for you to do here now.")).to_be_visible()

    # Communications find it waiting for them on the dashboard.
    comms.goto("/admin/")
    waiting = comms.locator("#dashboard-waiting").locator("..")
    expect(waiting).to_contain_text("Submitted by Priya Shah, waiting for you since")
    waiting.get_by_role("link", name=TITLE).click()
    violations += wcag_violations(comms)
    review(comms, "Request changes", "Please add the trial's <b>name</b>.")

    # The author reads the comment, as text, on the article, edits it and submits again.
    page.goto(f"{live_server.url}/admin/news/article/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator(".review-thread")).to_contain_text("Please add the trial's <b>name</b>.")
    violations += wcag_violations(page)
    page.get_by_label("Summary:").fill("The BREATHE trial at a member trust.")
    page.get_by_role("button", name="Save and continue editing").first.click()
    # Saved before going on: the page being left has a Review link too, and following it
    # while the save is under way can leave the save unanswered.
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.get_by_role("link", name="Review", exact=True).click()
    # The review page, with its thread, fits a 320 px screen.
    page.set_viewport_size(NARROW)
    problems += page.evaluate(LAYOUT_PROBLEMS)
    page.set_viewport_size(DESKTOP)
    review(page, "Submit for review", "Added the name.")

    # Communications approve and publish it.
    comms.goto("/admin/news/article/?approval=submitted")
    comms.get_by_role("link", name=TITLE).click()
    comms.get_by_role("link", name="Review", exact=True).click()
    review(comms, "Approve", "Thank you.")
    comms.get_by_role("link", name="Open the article").click()
    comms.get_by_label("Status:").select_option("Published")
    comms.get_by_role("button", name="Save and continue editing").first.click()
    expect(comms.locator(".messagelist .success")).to_be_visible()

    # A visitor reads it.
    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.goto("/news/")
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    visitor.context.close()

    assert [v for v in violations if not is_known_admin_problem(v)] == []
    assert problems == []


def test_the_outbox_and_notification_settings_pass_axe_and_fit_320px(comms, comms_user):
    from notifications import notify

    notify("event:1", ["editor@example.org"], "notifications/email/submitted",
           {"item": TITLE, "actor": "Priya Shah", "url": "https://example.org/"})  # fmt: skip
    violations, problems = [], []
    comms.get_by_role("link", name="Email notifications", exact=True).click()
    expect(comms.get_by_label("Email me about my work and reviews")).to_be_checked()
    settings_page = comms.url
    violations += wcag_violations(comms)
    comms.set_viewport_size(NARROW)
    problems += comms.evaluate(LAYOUT_PROBLEMS)
    comms.set_viewport_size(DESKTOP)
    # The outbox is one of the admin's own tables, which scroll sideways on a phone.
    comms.goto("/admin/notifications/notification/")
    violations += wcag_violations(comms)
    comms.goto(settings_page)
    comms.get_by_label("Email me about my work and reviews").uncheck()
    comms.get_by_role("button", name="Save", exact=True).click()
    expect(comms.locator(".messagelist .success")).to_be_visible()
    comms_user.notification_preference.refresh_from_db()
    assert not comms_user.notification_preference.email
    assert [v for v in violations if not is_known_admin_problem(v)] == []
    assert problems == []
