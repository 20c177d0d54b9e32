"""Opportunities in a real browser: staff's list and form pass axe; a visitor narrows the
list to one kind and reaches a fellowship's application link. Each opportunities page is in
`pages.public_pages()`, so test_accessibility checks it at desktop and phone widths, 320 px
and 200 % text."""

from .conftest import sign_in
from .test_accessibility import (
    is_known_admin_problem,
    wcag_violations,
)


def test_the_admin_opportunity_list_and_form_pass_axe(page, live_server, demo_site, comms_user):
    sign_in(page, live_server, comms_user)
    page.goto(f"{live_server.url}/admin/opportunities/opportunity/")
    page.get_by_text("Closing soon").first.wait_for()
    violations = wcag_violations(page)
    page.locator("#result_list tbody a").first.click()
    page.get_by_role("heading", name="Dates (UK time)").wait_for()
    violations += wcag_violations(page)
    assert [v for v in violations if not is_known_admin_problem(v)] == []


def test_a_visitor_narrows_the_list_to_fellowships_and_finds_how_to_apply(
    page, live_server, demo_site
):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="All open opportunities").click()
    page.get_by_role("navigation", name="Kinds of opportunity").get_by_role(
        "link", name="Fellowship"
    ).click()
    assert page.get_by_role("heading", level=2, name="1 open opportunity (fellowship)").is_visible()
    page.get_by_role("link", name="BHP Starter Fellowship").click()
    assert page.get_by_text("Closing soon").first.is_visible()
    apply = page.get_by_role("link", name="Apply for BHP Starter Fellowship")
    assert apply.get_attribute("href") == "https://apply.example.org/bhp-starter-fellowship"
