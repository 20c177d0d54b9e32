"""Preview links for reviewers, made and copied in the article form as staff do it."""

from urllib.parse import urlsplit

from playwright.sync_api import expect

from news.models import Article, ShareLink
from tests.factories import ArticleFactory

from .conftest import sign_in
from .test_accessibility import is_known_admin_problem, wcag_violations


def test_a_preview_link_with_its_suggested_expiry_is_made_shown_in_full_and_copied(
    page, browser, live_server, comms_user
):
    draft = ArticleFactory(status=Article.Status.DRAFT, title="Embargoed results")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    sign_in(page, live_server, comms_user)
    page.goto(f"{live_server.url}/admin/news/article/{draft.pk}/change/")

    # Keep the expiry it suggests (a week from now) and save.
    page.get_by_role("button", name="Add another preview link for a reviewer").click()
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")

    link = ShareLink.objects.get(article=draft)
    address = page.locator(".field-link a")
    shown = address.inner_text()
    assert urlsplit(shown).scheme in ("http", "https")
    assert urlsplit(shown).netloc
    assert urlsplit(shown).path == link.get_absolute_url()

    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == shown
    assert [v for v in wcag_violations(page) if not is_known_admin_problem(v)] == []

    # The reviewer, with no account, opens what was copied.
    reviewer = browser.new_context(base_url=live_server.url).new_page()
    response = reviewer.goto(urlsplit(shown).path)
    assert response.status == 200
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Embargoed results")
    reviewer.context.close()


def test_a_preview_link_lasting_more_than_30_days_is_refused_with_a_message(
    page, live_server, comms_user
):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    sign_in(page, live_server, comms_user)
    page.goto(f"{live_server.url}/admin/news/article/{draft.pk}/change/")
    page.get_by_role("button", name="Add another preview link for a reviewer").click()
    page.locator(".dynamic-share_links .vDateField").last.fill("01/01/2099")
    page.get_by_role("button", name="Save and continue editing").first.click()

    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".dynamic-share_links .errorlist")).to_contain_text(
        "A preview link can last at most 30 days"
    )
    assert not ShareLink.objects.exists()
