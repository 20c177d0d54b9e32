"""The public site's look in a real browser: what the home page costs to load, the web font,
and the news filters' disclosure on phones and wide screens."""

import re

from playwright.sync_api import expect

from .conftest import DESKTOP
from .test_screenshots import EVERYTHING_LOADED

PHONE = {"width": 390, "height": 844}
BUDGET = 200_000  # bytes: HTML, CSS, fonts, scripts and every picture, at 1x


def test_the_home_page_loads_in_under_200_kb_from_the_site_alone(page, live_server, demo_site):
    sizes = {}

    def finished(request):
        body = request.sizes()["responseBodySize"]
        sizes[request.url] = (request.resource_type, body)

    page.on("requestfinished", finished)
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    page.evaluate(EVERYTHING_LOADED)  # the pictures further down too, as if scrolled through
    page.wait_for_load_state("networkidle")

    by_type = {}
    for kind, size in sizes.values():
        by_type[kind] = by_type.get(kind, 0) + size
    total = sum(by_type.values())
    print(f"\nHome page at 1x: {total:,} bytes in {len(sizes)} requests: {by_type}")
    elsewhere = [url for url in sizes if not url.startswith(live_server.url)]
    assert elsewhere == [], "every request stays on the site"
    assert by_type.get("font", 0) > 0, "the web font is fetched"
    assert total < BUDGET
    assert page.evaluate("document.fonts.check('1em \"Atkinson Hyperlegible Next\"')")


def test_on_a_phone_the_filters_wait_behind_a_disclosure(page, live_server, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/news/")
    organisation = page.get_by_label("Organisation")
    expect(organisation).to_be_hidden()
    # The first article is on the first screen, not below the filters.
    first_card = page.locator(".card").first
    assert first_card.bounding_box()["y"] < PHONE["height"]

    page.locator("summary", has_text="Filter news").click()
    expect(organisation).to_be_visible()
    organisation.select_option(index=1)
    chosen = organisation.evaluate("select => select.selectedOptions[0].text")
    page.get_by_role("button", name="Show articles").click()
    # The filter in use shows as a chip above the results, and removing it shows all again.
    chip = page.get_by_role("link", name=f"Remove the organisation filter: {chosen}")
    expect(chip).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=re.compile(f"about {chosen}"))).to_be_visible()
    chip.click()
    expect(page).to_have_url(re.compile(r"/news/\?$"))
    expect(page.get_by_role("link", name=re.compile("^Remove the"))).to_have_count(0)


def test_on_a_wide_screen_the_filters_are_open_beside_the_news(page, live_server, demo_site):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/news/")
    expect(page.get_by_label("Organisation")).to_be_visible()
    expect(page.get_by_role("heading", name="Filter news")).to_be_visible()
