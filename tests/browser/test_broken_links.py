"""The broken-links report as staff use it: found from the admin home, each broken link
listed with its item, accessible and readable at 320 px."""

from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from playwright.sync_api import expect

from news.models import Article
from tests.factories import ArticleFactory, PageFactory

from .conftest import DESKTOP, sign_in
from .test_accessibility import LAYOUT_PROBLEMS, NARROW, wcag_violations


def test_staff_find_and_follow_a_broken_link_from_the_admin_home(page, live_server, comms_user):
    PageFactory(title="Evaluation centre", slug="evaluation-centre")
    Redirect.objects.create(
        site=Site.objects.get_current(), old_path="/old-centre/", new_path="/evaluation-centre/"
    )
    long = "/" + "very-long-address-" * 40 + "/"
    article = ArticleFactory(
        title="Centre opens",
        body=(
            '<p><a href="/evaluation-centre/">good</a> <a href="/old-centre/">moved</a> '
            '<a href="/evaluation-center/">typo</a></p>'
        ),
    )
    Article.objects.filter(pk=article.pk).update(
        body=article.body + f'<p><a href="{long}">long</a></p>'
    )
    sign_in(page, live_server, comms_user)
    page.get_by_role("link", name="Broken links").click()
    expect(page.get_by_role("heading", name="Broken links")).to_be_visible()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("/evaluation-center/")
    expect(rows.nth(0)).to_contain_text("Not found (404)")
    expect(page.locator("#result_list")).not_to_contain_text("/old-centre/")

    violations, problems = [], []
    for viewport in (DESKTOP, NARROW):
        page.set_viewport_size(viewport)
        violations += wcag_violations(page)
        problems += page.evaluate(LAYOUT_PROBLEMS)
    assert violations == []
    assert problems == []

    page.get_by_role("link", name="Centre opens").click()
    expect(page.get_by_label("Title:")).to_have_value("Centre opens")
