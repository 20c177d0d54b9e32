import json
import xml.etree.ElementTree as ET
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import Article

from .factories import (
    ArticleFactory,
    EventFactory,
    OpportunityFactory,
    OrganisationFactory,
    PageFactory,
    PersonFactory,
    PriorityFactory,
    PublicationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def news():
    roh = OrganisationFactory(name="Royal Orthopaedic Hospital", short_name="ROH", slug="roh")
    theme = ThemeFactory(slug="trials")
    priority = PriorityFactory(slug="cancer")
    about_roh = ArticleFactory(title="ROH joins", slug="roh-joins", organisations=[roh],
                               themes=[theme], priorities=[priority], tags=["Membership"],
                               with_image=True)  # fmt: skip
    ArticleFactory(title="Other news", slug="other", tags=["Industry"],
                   publish_at=timezone.now() - timedelta(days=9))  # fmt: skip
    ArticleFactory(title="Draft about ROH", organisations=[roh], status=Article.Status.DRAFT)
    ArticleFactory(title="Soon about ROH", organisations=[roh],
                   publish_at=timezone.now() + timedelta(days=1))  # fmt: skip
    return {"roh": roh, "theme": theme, "priority": priority, "article": about_roh}


def rss_titles(response):
    channel = ET.fromstring(response.content).find("channel")
    return [item.findtext("title") for item in channel.findall("item")]


def test_rss_lists_only_live_news_with_valid_items(client, news):
    response = client.get(reverse("news:feed"))

    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    items = root.find("channel").findall("item")
    assert [item.findtext("title") for item in items] == ["ROH joins", "Other news"]
    first = items[0]
    assert first.findtext("link") == "http://testserver/news/roh-joins/"
    assert first.findtext("description") == news["article"].summary
    assert first.findtext("pubDate")
    assert [c.text for c in first.findall("category")] == ["Membership"]


def test_atom_is_valid_and_lists_only_live_news(client, news):
    root = ET.fromstring(client.get(reverse("news:feed-atom")).content)

    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id")
    assert root.findtext(f"{ATOM}updated")
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["ROH joins", "Other news"]
    for entry in entries:
        assert entry.findtext(f"{ATOM}id")
        assert entry.findtext(f"{ATOM}updated")


@pytest.mark.parametrize(
    ("kind", "slug"),
    [("member", "roh"), ("theme", "trials"), ("priority", "cancer"), ("tag", "membership")],
)
def test_feeds_about_one_thing(client, news, kind, slug):
    rss = client.get(reverse("news:subject-feed", args=[kind, slug]))
    atom = ET.fromstring(client.get(reverse("news:subject-feed-atom", args=[kind, slug])).content)
    feed = json.loads(client.get(reverse("news:subject-feed-json", args=[kind, slug])).content)

    assert rss_titles(rss) == ["ROH joins"]
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == ["ROH joins"]
    assert [item["title"] for item in feed["items"]] == ["ROH joins"]


def test_feed_of_an_unknown_thing_is_not_found(client, news):
    assert client.get("/news/feed/member/nobody/").status_code == 404
    assert client.get("/news/feed/planet/roh/").status_code == 404


def test_json_feed_follows_version_1_1_and_any_site_may_read_it(client, news):
    response = client.get(reverse("news:subject-feed-json", args=["member", "roh"]))

    assert response["Content-Type"].startswith("application/feed+json")
    assert response["Access-Control-Allow-Origin"] == "*"
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Birmingham Health Partners news about ROH"
    assert feed["home_page_url"] == "http://testserver/members/roh/"
    assert feed["feed_url"] == "http://testserver/news/feed/member/roh/json/"
    (item,) = feed["items"]
    assert item["id"] == item["url"] == "http://testserver/news/roh-joins/"
    assert item["content_text"] == news["article"].summary
    assert item["authors"] == [{"name": "Louise Stanley"}]
    assert item["image"].startswith("http://testserver/media/")
    assert timezone.datetime.fromisoformat(item["date_published"])


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.meta, self.json_ld = [], {}, []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        if tag == "meta":
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        self._in_json_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))
            self._in_json_ld = False


def head(response):
    parser = Head()
    parser.feed(response.content.decode())
    return parser


def test_every_page_advertises_the_news_feeds(client, news):
    page = head(client.get(reverse("home")))
    alternates = {link["type"]: link["href"] for link in page.links if link["rel"] == "alternate"}
    assert alternates == {
        "application/rss+xml": "/news/feed/",
        "application/atom+xml": "/news/feed/atom/",
        "application/feed+json": "/news/feed/json/",
    }


def test_a_members_page_advertises_its_own_feeds(client, news):
    page = head(client.get(news["roh"].get_absolute_url()))
    hrefs = [link["href"] for link in page.links if link["rel"] == "alternate"]
    assert "/news/feed/member/roh/" in hrefs
    assert "/news/feed/member/roh/json/" in hrefs


def test_article_page_has_canonical_sharing_tags_and_json_ld(client, news, settings):
    article = news["article"]
    page = head(client.get(article.get_absolute_url() + "?utm_source=x"))

    (canonical,) = [link["href"] for link in page.links if link["rel"] == "canonical"]
    assert canonical == "http://testserver/news/roh-joins/"
    assert page.meta["description"] == article.summary
    assert page.meta["og:title"] == article.title
    assert page.meta["og:type"] == "article"
    assert page.meta["og:image"] == "http://testserver" + article.image.url
    assert page.meta["og:image:alt"] == article.image_alt
    assert page.meta["twitter:card"] == "summary_large_image"
    by_type = {data["@type"]: data for data in page.json_ld}
    news_article = by_type["NewsArticle"]
    assert news_article["@context"] == "https://schema.org"
    assert news_article["headline"] == article.title
    assert news_article["author"] == {"@type": "Person", "name": "Louise Stanley"}
    assert timezone.datetime.fromisoformat(news_article["datePublished"]) == article.publish_at
    assert news_article["image"] == ["http://testserver" + article.image.url]
    assert news_article["about"][0]["name"] == "Royal Orthopaedic Hospital"
    crumbs = by_type["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "News", article.title]
    assert crumbs[-1]["item"] == "http://testserver/news/roh-joins/"


# Each page about one thing keeps its sharing tags and structured data whole (a part kept
# under the content version, named by the page's address): a change shows at once.
@pytest.mark.parametrize(
    ("factory", "field"),
    [(ArticleFactory, "title"), (PublicationFactory, "title"), (EventFactory, "title"),
     (OpportunityFactory, "title"), (PageFactory, "title"), (OrganisationFactory, "name"),
     (PersonFactory, "name"), (ThemeFactory, "title")],
)  # fmt: skip
def test_a_pages_sharing_tags_show_its_change_at_once_and_each_hosts_address(
    client, factory, field, django_capture_on_commit_callbacks, settings
):
    settings.SITE_DOMAIN = ""  # each host's own address, as in development
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    item = factory()
    url = item.get_absolute_url()
    assert getattr(item, field) in head(client.get(url)).meta["og:title"]

    setattr(item, field, "Renamed for the test")
    with django_capture_on_commit_callbacks(execute=True):
        item.save()

    page = head(client.get(url))
    assert "Renamed for the test" in page.meta["og:title"]  # people's with their title
    assert page.meta["og:url"] == f"http://testserver{url}"
    if page.json_ld[:-1]:  # the item's own, before the breadcrumbs' (themes have none)
        assert "Renamed for the test" in json.dumps(page.json_ld[0])
    elsewhere = head(client.get(url, HTTP_HOST="localhost"))
    assert elsewhere.meta["og:url"] == f"http://localhost{url}"


def test_json_ld_cannot_be_broken_out_of(client):
    article = ArticleFactory(title="</script><script>alert(1)</script>", slug="x")

    response = client.get(article.get_absolute_url())

    assert "<script>alert(1)" not in response.content.decode()
    (news_article,) = [d for d in head(response).json_ld if d["@type"] == "NewsArticle"]
    assert news_article["headline"] == article.title


def test_home_and_member_pages_describe_organisations(client, news):
    (home,) = head(client.get(reverse("home"))).json_ld
    assert home["@type"] == "Organization"
    assert home["name"] == "Birmingham Health Partners"
    member = [d for d in head(client.get("/members/roh/")).json_ld if d["@type"] == "Organization"]
    assert member[0]["name"] == "Royal Orthopaedic Hospital"
    assert member[0]["alternateName"] == "ROH"


def test_sitemap_lists_live_articles_with_last_modified_and_every_public_object(client, news):
    root = ET.fromstring(client.get(reverse("sitemap")).content)

    entries = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in root}
    assert "http://testserver/news/roh-joins/" in entries
    assert entries["http://testserver/news/roh-joins/"]
    assert not any("draft" in loc or "soon" in loc for loc in entries)
    for path in ["/", "/news/", "/members/", "/strategy/", "/members/roh/",
                 "/themes/trials/", "/priorities/cancer/", "/people/", "/contact/", "/press/",
                 "/privacy/", "/accessibility/"]:  # fmt: skip
        assert f"http://testserver{path}" in entries


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    ("url", "expected"),
    # The sitemap's 12: the site; a count for each kind of page (articles, members, the page
    # tree, themes, priorities, people, opportunities, events, publications); the rows of the
    # kinds that have any (articles, members). A feed lists which articles, then makes each
    # entry from its article read again by id with its tags (news.kept), as cards are made.
    [("/news/feed/", 4), ("/news/feed/member/{member}/json/", 5), ("/sitemap.xml", 12)],
)
def test_feed_and_sitemap_query_counts_do_not_grow(client, count, url, expected):
    members = OrganisationFactory.create_batch(2)
    for _ in range(count):
        ArticleFactory(organisations=members, tags=["alpha", "beta"], with_image=True)
    client.get("/")  # the site record is cached after its first use

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url.format(member=members[0].slug)).status_code == 200
    assert len(queries) == expected


@pytest.mark.parametrize(("page", "canonical"), [("2", "/news/?page=2"), ("1", "/news/"),
                                                 ("²", "/news/"), ("x", "/news/")])  # fmt: skip
def test_canonical_address_keeps_only_a_real_page_number(client, news, page, canonical):
    response = client.get("/news/", {"page": page, "member": "roh"})  # 404 past the last page

    links = [link["href"] for link in head(response).links if link["rel"] == "canonical"]
    assert links == [f"http://testserver{canonical}"]


def test_a_tag_only_drafts_carry_has_no_public_feed(client):
    ArticleFactory(status=Article.Status.DRAFT, tags=["embargoed-topic"])
    assert client.get("/news/feed/tag/embargoed-topic/").status_code == 404


@pytest.mark.parametrize(
    ("stored_at", "shared_as"),
    [
        ("/media/news/a.jpg", "https://bhp.example/media/news/a.jpg"),
        ("https://bucket.example/news/a.jpg", "https://bucket.example/news/a.jpg"),
    ],
)
def test_shared_image_addresses_are_whole_wherever_uploads_are_stored(stored_at, shared_as):
    from core.structured_data import absolute

    assert absolute("https://bhp.example", stored_at) == shared_as


class Markup(HTMLParser):
    """What an HTML fragment shows: its text, and any elements it would make."""

    def __init__(self, fragment):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], ""
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


HOSTILE_SUMMARY = "Results <script>alert(1)</script> & <b>bold</b> &lt;i&gt; claims"


def shown(text, content_type):
    """What a feed reader shows for `text` declared as `content_type`, and its elements."""
    if content_type == "text":
        return text, []
    markup = Markup(text)
    return markup.text, markup.tags


def test_rss_shows_a_summary_with_markup_in_it_as_the_literal_text(client):
    ArticleFactory(summary=HOSTILE_SUMMARY)
    channel = ET.fromstring(client.get(reverse("news:feed")).content).find("channel")

    description = channel.find("item").findtext("description")  # RSS: always HTML
    assert shown(description, "html") == (HOSTILE_SUMMARY, [])


def test_atom_shows_a_summary_with_markup_in_it_as_the_literal_text(client):
    ArticleFactory(summary=HOSTILE_SUMMARY)
    entry = ET.fromstring(client.get(reverse("news:feed-atom")).content).find(f"{ATOM}entry")

    summary = entry.find(f"{ATOM}summary")
    assert shown(summary.text, summary.get("type", "text")) == (HOSTILE_SUMMARY, [])


def test_json_feed_gives_a_summary_with_markup_in_it_as_plain_text(client):
    ArticleFactory(summary=HOSTILE_SUMMARY)
    (item,) = json.loads(client.get(reverse("news:feed-json")).content)["items"]

    assert item["summary"] == item["content_text"] == HOSTILE_SUMMARY
    assert "content_html" not in item


def test_a_feeds_own_description_naming_a_member_with_markup_shows_it_literally(client):
    member = OrganisationFactory(name="<script>alert(1)</script> Trust", short_name="", slug="odd")
    ArticleFactory(organisations=[member])
    rss = ET.fromstring(client.get("/news/feed/member/odd/").content).find("channel")
    atom = ET.fromstring(client.get("/news/feed/member/odd/atom/").content)

    text, tags = shown(rss.findtext("description"), "html")
    assert (tags, "<script>alert(1)</script> Trust" in text) == ([], True)
    subtitle = atom.find(f"{ATOM}subtitle")
    text, tags = shown(subtitle.text, subtitle.get("type", "text"))
    assert (tags, "<script>alert(1)</script> Trust" in text) == ([], True)
