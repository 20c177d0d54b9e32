"""The site's own addresses in full: canonical links, sharing tags, structured data, feeds,
the sitemap, robots.txt and the admin's "View on site".

With `SITE_DOMAIN` set they all name it, whichever host a request came to. Without it (the
default in development) they name the host and port the site was reached on, so a site
run on another port links to itself, and the page cache never gives one host's addresses
to another.
"""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from .factories import ArticleFactory, OrganisationFactory, ThemeFactory
from .test_feeds_and_seo import ATOM, SITEMAP, head
from .test_production import _manage

pytestmark = pytest.mark.django_db

# Any address naming a host the site might answer to, in any page or feed.
OWN_ADDRESS = re.compile(
    r"https?://(?:testserver|localhost|127\.0\.0\.1|www\.example\.org)[^\s\"'<>]*"
)


@pytest.fixture
def content():
    member = OrganisationFactory(slug="roh")
    theme = ThemeFactory(slug="trials")
    article = ArticleFactory(
        slug="roh-joins", organisations=[member], themes=[theme], tags=["Trials"], with_image=True
    )
    return {"member": member, "theme": theme, "article": article}


@pytest.fixture
def development(settings):
    """No SITE_DOMAIN, as in development, and the site reached on two hosts."""
    settings.SITE_DOMAIN = ""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "127.0.0.1"]


def _addresses(client, host, content):
    """{what: address} for every kind of full address the site writes, asked of `host`."""
    get = lambda path: client.get(path, HTTP_HOST=host)  # noqa: E731
    article = content["article"]
    page = head(get(article.get_absolute_url()))
    found = {
        "canonical": next(link["href"] for link in page.links if link["rel"] == "canonical"),
        "og:url": page.meta["og:url"],
        "og:image": page.meta["og:image"],
    }
    news_article = next(d for d in page.json_ld if d["@type"] == "NewsArticle")
    found["json-ld url"] = news_article["url"]
    found["json-ld image"] = news_article["image"][0]
    found["json-ld publisher"] = news_article["publisher"]["url"]
    member = head(get(content["member"].get_absolute_url()))
    found["member json-ld"] = next(d for d in member.json_ld if d["@type"] == "Organization")["url"]

    rss = ET.fromstring(get(reverse("news:feed")).content).find("channel")
    found["rss link"] = rss.findtext("link")
    found["rss item"] = rss.find("item").findtext("link")
    atom = ET.fromstring(get(reverse("news:feed-atom")).content)
    found["atom link"] = atom.find(f"{ATOM}link").get("href")
    found["atom entry"] = atom.find(f"{ATOM}entry").find(f"{ATOM}link").get("href")
    member_feed = reverse("news:subject-feed-json", args=["member", "roh"])
    json_feed = json.loads(get(member_feed).content)
    found["json feed"] = json_feed["feed_url"]
    found["json feed home"] = json_feed["home_page_url"]
    found["json feed item"] = json_feed["items"][0]["url"]
    found["json feed image"] = json_feed["items"][0]["image"]

    sitemap = ET.fromstring(get(reverse("sitemap")).content)
    for loc in sitemap.iter(f"{SITEMAP}loc"):
        found[f"sitemap {loc.text}"] = loc.text
    robots = get("/robots.txt").content.decode()
    found["robots.txt"] = re.search(r"Sitemap: (\S+)", robots).group(1)
    # Nothing else in any of them names a host of the site's either.
    for response in [get(article.get_absolute_url()), get("/"), get(reverse("news:feed"))]:
        for address in OWN_ADDRESS.findall(response.content.decode()):
            found[f"elsewhere {address}"] = address
    return found


def test_without_site_domain_every_address_names_the_host_the_site_was_reached_on(
    client, development, content
):
    addresses = _addresses(client, "localhost:8123", content)

    wrong = {what: a for what, a in addresses.items() if not a.startswith("http://localhost:8123/")}
    assert not wrong
    assert addresses["canonical"] == "http://localhost:8123/news/roh-joins/"
    assert addresses["og:url"] == "http://localhost:8123/news/roh-joins/"
    assert addresses["sitemap http://localhost:8123/members/roh/"]
    assert len([what for what in addresses if what.startswith("sitemap ")]) >= 5


def test_a_cached_page_never_gives_one_hosts_addresses_to_another(client, development, content):
    first = _addresses(client, "localhost:8123", content)
    second = _addresses(client, "127.0.0.1:8124", content)  # now from the page cache

    assert not [a for a in second.values() if not a.startswith("http://127.0.0.1:8124/")]
    assert len(second) == len(first)


def test_with_site_domain_every_address_names_it_whatever_the_host(client, settings, content):
    settings.SITE_DOMAIN = "www.example.org"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]

    addresses = _addresses(client, "localhost:8123", content)

    wrong = {
        what: a for what, a in addresses.items() if not a.startswith("http://www.example.org/")
    }
    assert not wrong


def test_view_on_site_in_the_admin_opens_the_page_on_the_host_in_use(
    admin_client, development, content
):
    member = content["member"]
    change = reverse("admin:members_organisation_change", args=[member.pk])
    page = admin_client.get(change, HTTP_HOST="localhost:8123")
    link = re.search(r'<a href="([^"]+)" class="viewsitelink"', page.content.decode()).group(1)

    response = admin_client.get(link, HTTP_HOST="localhost:8123")
    if response.status_code == 302:  # Django's own "View on site" redirects
        link = response["Location"]
        assert link.startswith(("/", "http://localhost:8123/")), link
        response = admin_client.get(link, HTTP_HOST="localhost:8123")
    assert response.status_code == 200
    assert response.wsgi_request.path == member.get_absolute_url()


def test_development_names_no_fixed_host_unless_told():
    shown = "from django.conf import settings; print(repr(settings.SITE_DOMAIN))"
    result = _manage("shell", "-c", shown, DEBUG="true", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "''"
