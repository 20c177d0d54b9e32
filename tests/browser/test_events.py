"""Events pages in a real browser: axe-core's WCAG A and AA rules at desktop and phone
widths, and nothing cut off or overlapping at 320 px or with 200 % text."""

from .conftest import DESKTOP, PHONE, sign_in
from .pages import event_pages
from .test_accessibility import (
    LAYOUT_CONDITIONS,
    LAYOUT_PROBLEMS,
    is_known_admin_problem,
    wcag_violations,
)


def test_events_pages_pass_axe_and_fit_a_narrow_screen(page, live_server, demo_site):
    violations, problems = [], []
    for kind, path in event_pages().items():
        for viewport in (DESKTOP, PHONE):
            page.set_viewport_size(viewport)
            page.goto(live_server.url + path)
            violations += wcag_violations(page)
        for condition, viewport, text_size in LAYOUT_CONDITIONS:
            page.set_viewport_size(viewport)
            page.goto(live_server.url + path)
            page.evaluate("size => { document.documentElement.style.fontSize = size; }", text_size)
            problems += [f"{kind} {condition}: {found}" for found in page.evaluate(LAYOUT_PROBLEMS)]
    assert violations == []
    assert problems == []


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
