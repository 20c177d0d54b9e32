"""The main navigation and the page tree, by keyboard alone on a 320 px wide phone."""

from playwright.sync_api import expect

NARROW = {"width": 320, "height": 640}


def test_the_main_navigation_works_by_keyboard_at_320px(page, live_server, demo_site):
    page.set_viewport_size(NARROW)
    page.goto(live_server.url + "/news/")
    nav = page.get_by_role("navigation", name="Main")
    links = nav.get_by_role("link")
    expect(links.first).to_have_text("About")
    # Every link is on screen, within the 320 px: nothing hidden off to the side.
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box is not None
        assert 0 <= box["x"] <= box["x"] + box["width"] <= NARROW["width"]
    expect(nav.get_by_role("link", name="News")).to_have_attribute("aria-current", "page")

    # Tab from the top of the page to "About", then follow it with Enter.
    about = nav.get_by_role("link", name="About")
    for _ in range(10):
        page.keyboard.press("Tab")
        if about.evaluate("el => el === document.activeElement"):
            break
    expect(about).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/about/")
    expect(page.get_by_role("heading", level=1)).to_have_text("About Birmingham Health Partners")
    expect(nav.get_by_role("link", name="About")).to_have_attribute("aria-current", "page")

    # The section lists its pages; one is reached and opened by keyboard too.
    centre = page.get_by_role("link", name="Rapid Evaluation Centre")
    centre.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/about/evaluation-centre/")
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumbs.get_by_role("link")).to_have_text(["Home", "About"])
    expect(nav.get_by_role("link", name="About")).to_have_attribute("aria-current", "true")
