"""The public site's look (issue 18): what a visitor sees on the home page, in articles and
news filters, and the assets that give the site its identity."""

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from PIL import Image

from demo import content as demo_content
from demo import images
from news.models import Article
from strategy.models import KeyStatistic, Priority

from . import test_public_pages
from .factories import KeyStatisticFactory, PriorityFactory

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "static"
site = test_public_pages.site  # the small partnership, a fixture


class _Page(HTMLParser):
    """The links on a page (address and the text a screen reader announces), and the text of
    each element with an id or aria-labelledby, so tests can read one region of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.regions = {}
        self._open = []  # (tag, region name or None, link index or None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        region = attrs.get("aria-labelledby") or attrs.get("aria-label") or attrs.get("id")
        link = None
        if tag == "a":
            self.links.append([attrs.get("href"), ""])
            link = len(self.links) - 1
        if tag in {"img", "input", "meta", "link", "br", "source", "hr"}:
            return
        self._open.append((tag, region, link))
        if region:
            self.regions.setdefault(region, "")

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _, region, link in self._open:
            if region:
                self.regions[region] += data
            if link is not None:
                self.links[link][1] += data


def read(response):
    assert response.status_code == 200
    page = _Page()
    page.feed(response.content.decode())
    return page


def words(text):
    return " ".join(text.split())


def links_in(page, region):
    """(address, name) of the links whose text lies in `region`."""
    text = words(page.regions[region])
    return [(href, words(name)) for href, name in page.links if words(name) and words(name) in text]


# The home page


def test_home_page_leads_with_the_featured_story_then_the_latest(site, client):
    page = read(client.get("/"))
    assert "Agreement with ABHI" in page.regions["lead-heading"]
    assert "Aston joins the partnership" not in page.regions["lead-heading"]
    assert "Aston joins the partnership" in page.regions["latest-heading"]
    assert "Agreement with ABHI" not in page.regions["latest-heading"]


def test_without_featured_news_the_newest_article_leads_and_is_not_listed_twice(site, client):
    Article.objects.update(featured=False)
    newest = Article.objects.live().first()
    page = read(client.get("/"))
    assert newest.title in page.regions["lead-heading"]
    assert newest.title not in page.regions["latest-heading"]


def test_home_page_without_news_says_so_and_has_no_lead_story(client):
    page = read(client.get("/"))
    assert "lead-heading" not in page.regions
    assert "There is no news yet." in page.regions["latest-heading"]


def test_home_page_shows_each_prioritys_first_figure_linked_to_the_priority(site, client):
    KeyStatisticFactory(priority=site["priority"], label="Second figure", value="42", order=1)
    PriorityFactory(title="Priority without figures", slug="no-figures")
    page = read(client.get("/"))
    figures = words(page.regions["figures-heading"])
    assert "7.9 deaths per 1,000 live births Infant mortality rate" in figures
    assert "Second figure" not in figures  # one figure per priority
    assert "Priority without figures" not in figures
    assert ("/priorities/maternal-health/", "Maternal health: our research priority") in (
        links_in(page, "figures-heading")
    )
    assert "Priority without figures" in page.regions["priorities-heading"]


def test_a_changed_figure_shows_on_the_home_page_at_once(site, client):
    client.get("/")  # kept in the page cache
    statistic = KeyStatistic.objects.get()
    statistic.value = "6.1"
    statistic.save()
    assert "6.1 deaths" in words(read(client.get("/")).regions["figures-heading"])


def test_cards_name_organisations_in_full_not_by_acronym(site, client):
    content = client.get("/news/").content.decode()
    card = content[content.index("Aston joins the partnership") :]
    card = card[: card.index("</article>")]
    assert "University Hospitals Birmingham" in card
    assert not re.search(r">\s*UHB\s*<", card)


# Articles


def test_article_aside_links_organisations_and_offers_share_links(site, client):
    page = read(client.get("/news/aston-joins/"))
    aside = links_in(page, "About this article")
    assert ("/members/aston/", "Aston University") in aside
    assert ("/members/uhb/", "University Hospitals Birmingham") in aside
    address = "http%3A//testserver/news/aston-joins/"
    shares = [href for href, _ in links_in(page, "share-heading")]
    assert any(href.startswith("mailto:") and address in href for href in shares)
    assert any("linkedin.com" in href and address in href for href in shares)
    assert "testserver/news/aston-joins/" in page.regions["share-heading"]


def test_a_draft_seen_by_staff_offers_no_share_links(site, comms_client):
    page = read(comms_client.get("/news/secret-draft/"))
    assert "share-heading" not in page.regions
    assert "About this article" in page.regions


# News filters


def test_news_filters_sit_in_a_closed_disclosure_until_something_is_wrong(site, client):
    content = client.get("/news/").content.decode()
    assert re.search(r'<details class="filters__disclosure">\s*<summary[^>]*>Filter news', content)

    content = client.get("/news/?member=no-such-member").content.decode()
    assert '<details class="filters__disclosure" open>' in content
    assert "Some filters were left out" in content


def test_filters_in_use_are_described_and_each_can_be_removed(site, client):
    year = timezone.localtime(site["live"].publish_at).year
    page = read(client.get(f"/news/?member=uhb&year={year}&page=1"))
    assert words(page.regions["results-heading"]) == (
        f"Showing 1 article about University Hospitals Birmingham in {year}"
    )
    chips = links_in(page, "Filters in use")
    assert chips == [
        (
            f"?year={year}",
            "Remove the organisation filter: University Hospitals Birmingham · remove",
        ),
        ("?member=uhb", f"Remove the year filter: {year} · remove"),
        ("?", "Clear all filters"),
    ]
    # Following a chip keeps the other filter.
    page = read(client.get(f"/news/{chips[0][0]}"))
    assert words(page.regions["results-heading"]) == f"Showing 2 articles in {year}"
    assert len(links_in(page, "Filters in use")) == 1  # no "clear all" for one filter


def test_several_subjects_read_as_a_list(site, client):
    page = read(client.get("/news/?member=aston&theme=clinical-trials&priority=maternal-health"))
    assert words(page.regions["results-heading"]) == (
        "Showing 1 article about Aston University, Clinical trials and Maternal health"
    )


def test_filters_left_out_get_no_chip(site, client):
    page = read(client.get("/news/?member=no-such-member&year=1999"))
    assert "Filters in use" not in page.regions
    assert words(page.regions["results-heading"]) == "Showing 2 articles"


def test_search_results_chips_keep_the_search_words(site, client):
    page = read(client.get("/search/?q=Aston&member=uhb"))
    assert links_in(page, "Filters in use") == [
        ("?q=Aston", "Remove the organisation filter: University Hospitals Birmingham · remove")
    ]


# Identity: fonts, marks, style sheet


def test_the_style_sheet_is_small_and_plain_and_fetches_nothing_from_elsewhere():
    css = (STATIC / "css" / "site.css").read_text()
    assert len(css.encode()) < 40_000
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)
    assert "font-display: swap" in css


def test_the_typeface_is_served_from_the_site_with_its_licence(client):
    fonts = STATIC / "fonts"
    for name in ["atkinson-hyperlegible-next-latin", "atkinson-hyperlegible-next-latin-italic"]:
        data = (fonts / f"{name}.woff2").read_bytes()
        assert data[:4] == b"wOF2"
        assert len(data) < 40_000
    assert "SIL OPEN FONT LICENSE" in (fonts / "OFL.txt").read_text().upper()
    content = client.get("/").content.decode()
    assert re.search(r'<link rel="preload" href="[^"]+\.woff2" as="font"', content)


def test_the_header_shows_the_wordmark_named_for_the_partnership(client):
    content = client.get("/").content.decode()
    assert re.search(
        r'<img src="[^"]*bhp-wordmark[^"]*\.svg" alt="Birmingham Health Partners"', content
    )
    for name in ["bhp-wordmark.svg", "bhp-mark.svg", "favicon.svg"]:
        svg = (STATIC / "img" / name).read_text()
        assert re.search(r"<title[^>]*>Birmingham Health Partners</title>", svg)
        assert "<text" not in svg  # drawn, so it looks the same without the font


# Demo pictures


@pytest.mark.parametrize("scene", images.SCENES)
def test_each_demo_scene_is_a_photo_sized_jpeg_the_same_every_time(scene):
    first = images.scene_picture(scene, "#5c2d91", 3).read()
    assert Image.open(io.BytesIO(first)).size == (800, 450)
    assert Image.open(io.BytesIO(first)).format == "JPEG"
    assert images.scene_picture(scene, "#5c2d91", 3).read() == first
    assert images.scene_picture(scene, "#5c2d91", 4).read() != first
    assert "purple" in images.scene_alt(scene, "#5c2d91")


def test_demo_logos_are_distinct_marks_described_by_their_shape():
    shapes = {images.logo("#1d4f91", seed)[1] for seed in range(len(images.LOGO_SHAPES))}
    assert len(shapes) == len(images.LOGO_SHAPES)
    mark, _ = images.logo("#1d4f91", 0)
    assert Image.open(io.BytesIO(mark.read())).size == (240, 240)


@pytest.mark.parametrize(
    ("colour", "name"),
    [("#1d4f91", "blue"), ("#5c2d91", "purple"), ("#0b2545", "deep blue"), ("#777777", "grey")],
)
def test_colours_are_named_plainly_for_alt_text(colour, name):
    assert images.colour_name(colour) == name


def test_every_demo_article_names_a_scene():
    assert {data["image_scene"] for data in demo_content.ARTICLES} <= set(images.SCENES)


def test_priorities_with_figures_still_answer_the_review_questions(site):
    # The priorities' own QuerySet extends the reviewed one that the staff dashboard asks.
    assert list(Priority.objects.with_headline_figure().review_needed()) is not None
    assert Priority.objects.with_headline_figure().get().figure_value == "7.9"
