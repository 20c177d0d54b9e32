"""Visitor journeys through the public site, with a mouse and with the keyboard alone."""

import itertools
import re

import pytest
from django.db.models import Count
from playwright.sync_api import expect

from members.models import Organisation
from news.models import Article

# Everything a keyboard can reach, in the order the document has it.
FOCUSABLE = """() => [...document.querySelectorAll(
    'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')]
  .filter(el => !el.disabled && el.getClientRects().length
                && getComputedStyle(el).visibility !== 'hidden')
  .map(el => el.outerHTML.slice(0, 120))"""

# One Tab stop: the focused element, whether it is in view, and how it and the element
# focused before it look now. Comparing the two looks shows whether focus is visible.
TAB_STOP = """() => {
  const look = (el) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
            s.color, s.borderColor].join(' ');
  };
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const before = window.previousFocus;
  window.previousFocus = el;
  return {
    element: el.outerHTML.slice(0, 120),
    // A pixel's grace: the browser scrolls a field at the fold just into view, to a fraction.
    in_view: box.top >= 0 && box.bottom <= window.innerHeight + 1 && box.width > 0,
    look: look(el),
    previous_now: before ? look(before) : null,
  };
}"""


def test_from_home_to_an_article_through_its_member_and_theme_and_back(
    page, live_server, demo_site
):
    article = next(
        a
        for a in Article.objects.live()
        if a.organisations.filter(is_member=True).exists() and a.themes.exists()
    )
    member = article.organisations.filter(is_member=True).first()
    theme = article.themes.first()
    page.goto(live_server.url)
    page.get_by_role("link", name=article.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)

    page.get_by_role("link", name=member.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(member.name)
    expect(page.get_by_role("link", name=article.title)).to_be_visible()
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)

    # A theme and a topic can share a name; the theme's link is the one to its page.
    page.locator(f'a[href="{theme.get_absolute_url()}"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text(theme.title)
    expect(page.get_by_role("link", name=article.title)).to_be_visible()
    page.go_back()
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="News").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("News")


def test_search_from_the_header_finds_an_article(page, live_server, demo_site):
    article = Article.objects.live().first()
    page.goto(live_server.url + "/members/")
    search = page.get_by_role("searchbox", name="Search the site")
    search.fill(article.title)
    search.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_role("heading", name="News:")).to_contain_text("found")
    page.get_by_role("link", name=article.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)


def test_news_filtered_by_member_and_year_and_paged_through(page, live_server, demo_site, settings):
    settings.NEWS_PAGE_SIZE = 2
    live = Article.objects.live()
    # The member and year with the most news, so the filtered list has several pages.
    busiest = (
        live.values("organisations", "publish_at__year")
        .annotate(n=Count("pk"))
        .filter(organisations__is_member=True)
        .order_by("-n")
        .first()
    )
    member = Organisation.objects.get(pk=busiest["organisations"])
    year = busiest["publish_at__year"]
    expected = list(live.about(organisation=member, year=year).values_list("title", flat=True))
    assert len(expected) > 2, "the demo content should give this filter more than one page"

    page.goto(f"{live_server.url}/news/")
    page.get_by_label("Organisation").select_option(label=member.name)
    page.get_by_label("Year").select_option(str(year))
    page.get_by_role("button", name="Show articles").click()
    expect(page).to_have_url(re.compile(rf"member={member.slug}.*year={year}|year={year}.*member="))
    expect(page.get_by_role("heading", name=f"{len(expected)} articles")).to_be_visible()

    seen = []
    for number in itertools.count(2):
        seen += page.locator(".card__title a").all_inner_texts()
        next_page = page.get_by_role("link", name="Next page")
        if not next_page.count():
            break
        next_page.click()
        expect(page).to_have_url(re.compile(rf"page={number}"))  # the new page, not the old
    assert seen == expected
    expect(page.get_by_text(f"Page {len(seen) // 2 + len(seen) % 2} of")).to_be_visible()


@pytest.mark.parametrize("path", ["/", "/news/"])
def test_keyboard_alone_follows_the_page_with_visible_focus(page, live_server, demo_site, path):
    page.emulate_media(reduced_motion="reduce")  # focus styles are compared without fades
    page.goto(live_server.url + path)
    expected = page.evaluate(FOCUSABLE)
    stops = []
    for _ in expected:
        page.keyboard.press("Tab")
        stops.append(page.evaluate(TAB_STOP))

    assert [stop["element"] for stop in stops] == expected, "Tab follows the document order"
    hidden = [stop["element"] for stop in stops if not stop["in_view"]]
    assert hidden == [], "every focused element is scrolled into view"
    # Each element looked different while it had focus from how it looks once focus moved on.
    pairs = itertools.pairwise(stops)
    unmarked = [a["element"] for a, b in pairs if a["look"] == b["previous_now"]]
    assert unmarked == [], "focus is visible on every element"


def test_a_keyboard_user_skips_the_menu_filters_the_news_and_opens_an_article(
    page, live_server, demo_site
):
    member = Organisation.objects.filter(articles__in=Article.objects.live()).distinct().first()
    page.goto(f"{live_server.url}/news/")
    # The first Tab shows the skip link; it jumps past the menu into the main content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport(ratio=1)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    # Tab to the organisation filter, as a person would, rather than jumping to it.
    while not page.evaluate("document.activeElement.id === 'id_member'"):
        page.keyboard.press("Tab")
    page.keyboard.type(member.name[:6])  # a closed select jumps to what is typed
    while not page.evaluate("document.activeElement.type === 'submit'"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"member={member.slug}"))
    while not page.evaluate("document.activeElement.closest('.card__title') !== null"):
        page.keyboard.press("Tab")
    title = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
