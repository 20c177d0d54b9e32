"""Staff journeys, each from signing in to what a visitor then sees."""

import io
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from tests.factories import OrganisationFactory, ThemeFactory

from .conftest import sign_in


@pytest.fixture
def photo(tmp_path):
    """A real JPEG, as a camera would give."""
    path = tmp_path / "ward-opening.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), "#00594f").save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def visitor(browser, live_server):
    """A second browser with nobody signed in."""
    context = browser.new_context(base_url=live_server.url)
    yield context.new_page()
    context.close()


def choose_in_autocomplete(page, field, text):
    """Pick from one of the admin's search-as-you-type boxes (select2)."""
    page.locator(f".field-{field} .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).click()


def expect_loaded(image):
    """The picture is on screen and its file arrived (not a broken-image icon)."""
    expect(image).to_be_visible()
    # decode() waits for a picture still arriving, and fails for a broken one.
    assert image.evaluate("img => img.decode().then(() => img.naturalWidth > 0, () => false)")


def upload(page, field, path):
    page.get_by_role("group", name=field).locator("input[type=file]").set_input_files(path)


def set_time(page, field, when):
    """Fill one of the admin's date-and-time fields, e.g. `publish_at`."""
    local = timezone.localtime(when)
    row = page.locator(f".field-{field}")
    row.get_by_label("Date:").fill(local.strftime("%d/%m/%Y"))
    row.get_by_label("Time:").fill(local.strftime("%H:%M:%S"))


def save_and_continue(page):
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")


def test_communications_writes_previews_shares_schedules_and_publishes_an_article(
    page, visitor, live_server, comms_user, photo
):
    trust = OrganisationFactory(name="Example Children's Hospital", short_name="ECH")
    theme = ThemeFactory(title="Clinical trials", slug="clinical-trials")
    title = "Children's hospital opens a research ward"
    sign_in(page, live_server, comms_user)

    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("link", name="Add article").click()
    page.get_by_label("Title:").fill(title)
    page.get_by_label("Summary:").fill(
        "A new ward lets children take part in trials close to home."
    )
    body = page.locator(".field-body [contenteditable=true]")  # the rich-text editor
    body.click()
    body.press_sequentially("The ward has eight beds.")
    body.press("Enter")
    body.press_sequentially("It opens in the spring.")
    upload(page, "Main image:", photo)
    page.get_by_label("Image alt text:").fill("A bright hospital ward with eight beds")
    page.get_by_label("Tags:").fill("Children, Clinical trials")
    choose_in_autocomplete(page, "organisations", trust.name)
    choose_in_autocomplete(page, "themes", theme.title)

    # Save and preview: the draft as it will look, marked; visitors cannot find it.
    page.get_by_role("button", name="Save and preview").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("status")).to_contain_text("This article is a draft")
    expect_loaded(page.get_by_role("img", name="A bright hospital ward with eight beds"))
    address = page.url.removeprefix(live_server.url)
    assert address == "/news/childrens-hospital-opens-a-research-ward/"
    assert visitor.goto(address).status == 404

    # A share link lets a reviewer without an account read the draft.
    page.get_by_role("link", name="Edit the article").click()
    page.get_by_role("button", name="Add another preview link for a reviewer").click()
    in_three_days = timezone.localtime() + timedelta(days=3)
    expiry = page.locator(".dynamic-share_links .vDateField").last
    expiry.fill(in_three_days.strftime("%d/%m/%Y"))
    save_and_continue(page)
    # Shown in full on the site's public address; the test's server answers on another.
    shared = urlsplit(page.locator(".field-link a").first.get_attribute("href")).path
    reviewer = visitor.goto(shared)
    assert reviewer.status == 200
    assert "noindex" in reviewer.headers["x-robots-tag"]
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)

    # Scheduled for tomorrow: still hidden from visitors; staff are told when it goes live.
    page.get_by_label("Status:").select_option("Published")
    set_time(page, "publish_at", timezone.now() + timedelta(days=1))
    save_and_continue(page)
    page.get_by_role("link", name="Preview", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("scheduled")
    page.go_back()
    assert visitor.goto(address).status == 404
    visitor.goto("/news/")
    expect(visitor.get_by_text(title)).to_have_count(0)

    # Published now: every page that should list it does.
    set_time(page, "publish_at", timezone.now() - timedelta(minutes=1))
    save_and_continue(page)
    for listing in ["/", "/news/", trust.get_absolute_url(), theme.get_absolute_url()]:
        visitor.goto(listing)
        expect(visitor.get_by_role("link", name=title)).to_be_visible()
    visitor.get_by_role("link", name=title).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    expect(visitor.get_by_text("Not public yet")).to_have_count(0)
    expect(visitor.get_by_role("link", name="Children", exact=True)).to_be_visible()

    # A take-down time that has passed takes it off the site by itself.
    set_time(page, "unpublish_at", timezone.now() - timedelta(seconds=1))
    save_and_continue(page)
    assert visitor.goto(address).status == 404
    visitor.goto("/news/")
    expect(visitor.get_by_text(title)).to_have_count(0)


def test_an_administrator_adds_a_member_trust_with_its_logo(
    page, visitor, live_server, admin_user_in_group, photo
):
    sign_in(page, live_server, admin_user_in_group)
    page.get_by_role("link", name="Organisations", exact=True).click()
    page.get_by_role("link", name="Add organisation").click()
    page.get_by_label("Name:", exact=True).fill(
        "Birmingham Community Healthcare NHS Foundation Trust"
    )
    page.get_by_label("Short name:").fill("BCHC")
    page.get_by_label("Date joined:").fill("01/04/2024")
    page.get_by_label("Summary:").fill("Community health services across Birmingham.")
    page.get_by_label("Website:").fill("https://www.bhamcommunity.nhs.uk/")
    upload(page, "Logo:", photo)
    page.get_by_label("Logo alt text:").fill("BCHC logo")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")

    visitor.goto("/members/")
    name = "Birmingham Community Healthcare NHS Foundation Trust"
    card = (
        visitor.get_by_role("region", name="NHS trusts")
        .get_by_role("listitem")
        .filter(has_text=name)
    )
    expect_loaded(card.locator("img"))
    card.get_by_role("link", name=name).click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text(name)
    expect_loaded(visitor.get_by_role("img", name="BCHC logo"))


def test_communications_cannot_add_a_member(page, live_server, comms_user):
    sign_in(page, live_server, comms_user)
    page.get_by_role("link", name="Organisations", exact=True).click()
    expect(page.get_by_role("link", name="Add organisation")).to_have_count(0)
    response = page.goto(f"{live_server.url}/admin/members/organisation/add/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
    page.get_by_role("link", name="Back to the staff area").click()
    expect(page.get_by_role("heading", name="Manage the website")).to_be_visible()
