"""The admin as communications staff use it: lists that fit the screen, an error summary that
takes them to each field, and the dashboard."""

from playwright.sync_api import expect

from .conftest import DESKTOP, sign_in

# How far the page, or the list's own scrolling box, would have to scroll sideways.
SIDEWAYS = """() => Math.max(...[document.documentElement, ...document.querySelectorAll(".results")]
    .map((box) => box.scrollWidth - box.clientWidth))"""


def test_the_article_and_organisation_lists_fit_1280px_without_sideways_scrolling(
    page, live_server, demo_site, admin_user_in_group, screenshot
):
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, admin_user_in_group)
    overflow = {}
    for name in ["news/article", "members/organisation"]:
        page.goto(f"{live_server.url}/admin/{name}/")
        overflow[name] = page.evaluate(SIDEWAYS)
        screenshot(page, f"admin-{name.replace('/', '-')}-list-1280")
    assert overflow == {"news/article": 0, "members/organisation": 0}
