"""Accessibility in a real browser: axe-core rules, narrow screens, large text; screenshots."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import DESKTOP, PHONE, sign_in
from .pages import public_pages

# Every axe rule for WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
LAYOUT_PROBLEMS = (Path(__file__).parent / "layout_problems.js").read_text()

axe = Axe()


def wcag_violations(page):
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_A_AA}})
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]


def test_every_public_page_passes_axe_and_is_photographed(page, live_server, demo_site, screenshot):
    violations = []
    for kind, path in public_pages().items():
        for size, viewport in [("desktop", DESKTOP), ("phone", PHONE)]:
            page.set_viewport_size(viewport)
            page.goto(live_server.url + path)
            violations += wcag_violations(page)
            screenshot(page, f"{kind}-{size}")
    assert violations == []


@pytest.mark.parametrize(
    ("condition", "viewport", "text_size"),
    [("at 320px wide", {"width": 320, "height": 640}, "100%"), ("with 200% text", DESKTOP, "200%")],
)
def test_nothing_is_cut_off_or_overlaps(
    page, live_server, demo_site, condition, viewport, text_size
):
    page.set_viewport_size(viewport)
    problems = []
    for kind, path in public_pages().items():
        page.goto(live_server.url + path)
        # Text-only zoom, as a browser's "text size" setting does: the CSS sizes text in rem.
        page.evaluate("size => { document.documentElement.style.fontSize = size; }", text_size)
        problems += [f"{kind} {condition}: {problem}" for problem in page.evaluate(LAYOUT_PROBLEMS)]
    assert problems == []


def test_the_admin_article_list_and_form_pass_axe(page, live_server, demo_site, comms_user):
    sign_in(page, live_server, comms_user)
    page.goto(f"{live_server.url}/admin/news/article/")
    violations = wcag_violations(page)
    page.get_by_role("link", name="Add article").click()
    violations += wcag_violations(page)
    page.goto(f"{live_server.url}/admin/news/article/")
    page.locator("#result_list tbody a").first.click()
    violations += wcag_violations(page)
    assert violations == []
