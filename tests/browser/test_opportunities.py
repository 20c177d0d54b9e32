"""Opportunities in a real browser: every page type passes axe at desktop and phone widths
and fits 320 px and 200 % text; staff's list and form pass axe; a visitor narrows the list
to one kind and reaches a fellowship's application link."""

from django.urls import reverse

from opportunities.models import Opportunity

from .conftest import DESKTOP, PHONE, sign_in
from .test_accessibility import (
    LAYOUT_CONDITIONS,
    LAYOUT_PROBLEMS,
    is_known_admin_problem,
    wcag_violations,
)


def opportunity_pages():
    """{page type: address} for each kind of opportunities page, from the demo content."""
    listing = reverse("opportunities:list")
    return {
        "opportunities": listing,
        "opportunities-kind": f"{listing}?kind=fellowship",
        "opportunities-closed": reverse("opportunities:closed"),
        "opportunity": Opportunity.objects.open().get(kind="fellowship").get_absolute_url(),
        "opportunity-closed": Opportunity.objects.closed().first().get_absolute_url(),
    }


def test_opportunity_pages_pass_axe_and_fit_narrow_screens(
    page, live_server, demo_site, screenshot
):
    violations, problems = [], []
    for kind, path in opportunity_pages().items():
        for size, viewport in [("desktop", DESKTOP), ("phone", PHONE)]:
            page.set_viewport_size(viewport)
            page.goto(live_server.url + path)
            violations += wcag_violations(page)
            screenshot(page, f"{kind}-{size}")
        for condition, viewport, text_size in LAYOUT_CONDITIONS:
            page.set_viewport_size(viewport)
            page.goto(live_server.url + path)
            page.evaluate("size => { document.documentElement.style.fontSize = size; }", text_size)
            problems += [f"{kind} {condition}: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
    assert violations == []
    assert problems == []


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
