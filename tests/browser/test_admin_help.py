"""The admin as communications staff use it: lists that fit the screen, an error summary that
takes them to each field, and the dashboard."""

from playwright.sync_api import expect

from news.models import Article
from tests.factories import ArticleFactory

from .conftest import DESKTOP, sign_in
from .test_accessibility import is_known_admin_problem, wcag_violations

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


def test_the_error_summary_takes_the_focus_and_its_links_go_to_each_field(
    page, live_server, comms_user
):
    article = ArticleFactory(
        status=Article.Status.DRAFT,
        with_image=True,
        image_alt="",
        body='<p>Read the report: <a href="https://example.org/report">click here</a>.</p>',
    )
    sign_in(page, live_server, comms_user)
    page.goto(f"{live_server.url}/admin/news/article/{article.pk}/change/")
    page.get_by_label("Status:").select_option("published")
    page.get_by_role("button", name="Save", exact=True).first.click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    assert [v for v in wcag_violations(page) if not is_known_admin_problem(v)] == []

    summary.get_by_role("link", name="Image alt text").click()
    alt_text = page.get_by_label("Image alt text:")
    expect(alt_text).to_be_focused()
    expect(alt_text).to_be_in_viewport()

    # The rich-text editor hides the box Django names: the link goes to the editor itself.
    page.evaluate("window.scrollTo(0, 0)")
    summary.get_by_role("link", name="Body").click()
    editor = page.get_by_role("textbox", name="Body")
    expect(editor).to_be_focused()
    expect(editor).to_be_in_viewport()
