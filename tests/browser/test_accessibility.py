"""Accessibility in a real browser: axe-core rules, narrow screens, large text; screenshots."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from .conftest import DESKTOP, PHONE, sign_in
from .pages import public_pages

# Every axe rule for WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
LAYOUT_PROBLEMS = (Path(__file__).parent / "layout_problems.js").read_text()
NARROW = {"width": 320, "height": 640}

axe = Axe()


def wcag_violations(page):
    """One line per element that breaks a WCAG A or AA rule: page, rule, impact, where."""
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_A_AA}})
    return [
        f"{page.url.split('/', 3)[-1]}: {v['id']} ({v['impact']}): {v['help']} at {node['target']}"
        for v in results.response["violations"]
        for node in v["nodes"]
    ]


# What axe finds in parts of the admin that come with Django or a library rather than from
# us. Each stays listed in the accessibility statement until it is fixed upstream; anything
# else in the admin fails the test.
KNOWN_ADMIN_PROBLEMS = {
    ("label", "#id_image"): "Django labels a file field that has a file with a legend only",
    ("label", "#id_photo"): "the same, for a person's photo",
    ("label", "select2"): "the admin's autocomplete search box has no label of its own",
    ("list", "select2"): "the admin's autocomplete puts its search box inside a list",
    ("aria-prohibited-attr", "help-tooltip"): "Django's two-list chooser labels a plain span",
    ("select-name", "_from"): "Django's two-list chooser leaves its list of choices unnamed",
}


def is_known_admin_problem(violation):
    return any(
        f": {rule} (" in violation and where in violation for rule, where in KNOWN_ADMIN_PROBLEMS
    )


def test_every_public_page_passes_axe_and_is_photographed(page, live_server, demo_site, screenshot):
    violations = []
    for kind, path in public_pages().items():
        for size, viewport in [("desktop", DESKTOP), ("phone", PHONE)]:
            page.set_viewport_size(viewport)
            page.goto(live_server.url + path)
            violations += wcag_violations(page)
            screenshot(page, f"{kind}-{size}")
    assert violations == []


# (what is checked, window size, text size).
LAYOUT_CONDITIONS = [
    ("at 320px wide", {"width": 320, "height": 640}, "100%"),
    ("with 200% text", DESKTOP, "200%"),
]


def test_nothing_is_cut_off_or_overlaps_at_320px_or_with_200_percent_text(
    page, live_server, demo_site
):
    problems = []
    for condition, viewport, text_size in LAYOUT_CONDITIONS:
        page.set_viewport_size(viewport)
        for kind, path in public_pages().items():
            page.goto(live_server.url + path)
            # Text-only zoom, as a browser's "text size" setting does: the CSS sizes text in rem.
            page.evaluate("size => { document.documentElement.style.fontSize = size; }", text_size)
            found = page.evaluate(LAYOUT_PROBLEMS)
            problems += [f"{kind} {condition}: {problem}" for problem in found]
    assert problems == []


def open_article_form(page, link):
    link.click()
    # Django's script builds the downloads' two-list chooser once the page has loaded. Before
    # that, the plain list is named only by its fieldset's legend, which axe does not accept,
    # so a check that ran first failed now and then.
    page.locator("div.selector").wait_for()


def test_the_admin_article_list_and_form_pass_axe(page, live_server, demo_site, comms_user):
    sign_in(page, live_server, comms_user)
    page.goto(f"{live_server.url}/admin/news/article/")
    violations = wcag_violations(page)
    open_article_form(page, page.get_by_role("link", name="Add article"))
    violations += wcag_violations(page)
    page.goto(f"{live_server.url}/admin/news/article/")
    open_article_form(page, page.locator("#result_list tbody a").first)
    violations += wcag_violations(page)
    assert [v for v in violations if not is_known_admin_problem(v)] == []


def test_the_admin_people_list_and_form_pass_axe(page, live_server, demo_site, comms_user):
    sign_in(page, live_server, comms_user)
    page.goto(f"{live_server.url}/admin/people/person/")
    violations = wcag_violations(page)
    page.locator("#result_list tbody a").first.click()
    page.get_by_role(
        "heading", name="Roles (a role with an end date shows as past the day after it)"
    ).wait_for()
    violations += wcag_violations(page)
    assert [v for v in violations if not is_known_admin_problem(v)] == []


def test_the_admin_dashboard_passes_axe_and_fits_320px(
    page, live_server, demo_site, comms_user, screenshot
):
    sign_in(page, live_server, comms_user)
    violations, problems = [], []
    for size, viewport in [
        ("desktop", DESKTOP),
        ("phone", PHONE),
        ("320", {"width": 320, "height": 640}),
    ]:
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}/admin/")
        violations += wcag_violations(page)
        problems += [f"{size}: {problem}" for problem in page.evaluate(LAYOUT_PROBLEMS)]
        screenshot(page, f"admin-dashboard-{size}")
    assert violations == []
    assert problems == []


def test_the_contact_forms_errors_and_confirmation_pass_axe_and_fit_320px(
    page, live_server, demo_site, settings, screenshot
):
    """Pages reached only by sending the form: its errors, and the confirmation."""
    settings.CONTACT_MIN_FILL_SECONDS = 0
    problems = []

    def check(kind):
        for size, viewport in [("desktop", DESKTOP), ("phone", PHONE), ("narrow", NARROW)]:
            page.set_viewport_size(viewport)
            problems.extend(wcag_violations(page))
            problems.extend(f"{kind} {size}: {p}" for p in page.evaluate(LAYOUT_PROBLEMS))
            screenshot(page, f"{kind}-{size}")

    page.goto(f"{live_server.url}/contact/")
    page.get_by_role("button", name="Send message").click()
    assert page.get_by_role("alert").is_visible()
    check("contact-errors")
    # The summary's links take the visitor to each field to fix.
    page.get_by_role("link", name="Enter your name.").click()
    assert page.evaluate("document.activeElement.id") == "id_name"

    page.get_by_role("radio", name="Press and media").check()
    page.get_by_label("Your name").fill("A reporter")
    page.get_by_label("Your email address").fill("reporter@example.com")
    page.get_by_label("Your message").fill("May I interview your executive director?")
    page.get_by_role("button", name="Send message").click()
    page.get_by_role("heading", name="Thank you: your message has been sent").wait_for()
    check("contact-sent")
    assert problems == []
