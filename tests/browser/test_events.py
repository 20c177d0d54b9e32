"""Events in a real browser: a visitor adds one to their calendar, and staff's list and form
pass axe. Each events page is in `pages.public_pages()`, so test_accessibility checks it at
desktop and phone widths, 320 px and 200 % text."""

from .conftest import sign_in
from .test_accessibility import (
    is_known_admin_problem,
    wcag_violations,
)


def test_a_visitor_finds_an_event_and_adds_it_to_their_calendar(page, live_server, demo_site):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="All events").click()
    page.get_by_role("link", name="Running a clinical trial: a masterclass for nurses").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Running a clinical trial")
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to your calendar").click()
    assert download.value.suggested_filename == "clinical-trials-masterclass.ics"


def test_the_admin_event_list_and_form_pass_axe(page, live_server, demo_site, comms_user):
    sign_in(page, live_server, comms_user)
    page.goto(f"{live_server.url}/admin/events/event/")
    violations = wcag_violations(page)
    page.get_by_role("link", name="Add event").click()
    page.get_by_label("Title:").wait_for()
    violations += wcag_violations(page)
    page.goto(f"{live_server.url}/admin/events/event/")
    page.locator("#result_list tbody a").first.click()
    page.get_by_label("Title:").wait_for()
    violations += wcag_violations(page)
    assert [v for v in violations if not is_known_admin_problem(v)] == []
