"""Finding things with the site search, with and without its script."""

import re

from playwright.sync_api import expect


def test_search_from_the_header_then_results_follow_the_typing(page, live_server, demo_site):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Search the site").fill("orthopaedic")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=orthopaedic$"))
    expect(page.get_by_role("heading", name="Members and partners")).to_be_visible()
    expect(page.locator("#search-results mark").first).to_have_text(re.compile("orthopaedic", re.I))

    # The script is deferred: typing before it has run would change nothing.
    page.wait_for_load_state("domcontentloaded")
    box = page.locator("#id_q")
    box.fill("maternal")  # no submit: the script fetches the results as the words change

    expect(page).to_have_url(re.compile(r"q=maternal$"))
    expect(page.get_by_role("heading", name="Health research priorities")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("found for “maternal”")
    expect(box).to_be_focused()


def test_search_works_without_scripts(browser, live_server, demo_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/search/")
    page.locator("#id_q").fill("trial -cancer")
    page.get_by_role("button", name="Search").last.click()

    expect(page).to_have_url(re.compile(r"q=trial\+-cancer"))
    expect(page.locator("#results-heading")).to_contain_text("found")
    context.close()
