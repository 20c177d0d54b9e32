"""The footer promises "This site sets no cookies for visitors": this keeps it true.

An anonymous visitor crawls the demo site by following its links, visits one page of every
kind, and sends the contact form with mistakes, with each refusal and to its confirmation;
no response may set a cookie.
"""

import os
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from . import pages
from .browser.pages import public_pages

pytestmark = pytest.mark.django_db

# Enough to reach every kind of page from the home page and its menus, and still quick.
CRAWL_LIMIT = 150
NOT_FOR_VISITORS = ("/admin/", "/media/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.links.append(href)


def links(response, base):
    parser = _Links()
    parser.feed(response.content.decode(errors="replace"))
    found = []
    for href in parser.links:
        address = urlsplit(urljoin(base, href))
        if address.scheme in ("http", "https") and address.netloc == "testserver":
            found.append(address.path + (f"?{address.query}" if address.query else ""))
    return found


def cookies_set(response):
    return [header for header, _ in response.items() if header.lower() == "set-cookie"] + list(
        response.cookies
    )


@pytest.fixture
def demo_site(settings):
    settings.CONTACT_MIN_FILL_SECONDS = 0
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def test_no_public_page_sets_a_cookie(demo_site):
    visitor = Client()
    seen, queue, setting = set(), ["/", *public_pages().values()], {}
    while queue and len(seen) < CRAWL_LIMIT:
        address = queue.pop(0)
        if address in seen or address.startswith(NOT_FOR_VISITORS):
            continue
        seen.add(address)
        response = visitor.get(address)
        if cookies := cookies_set(response):
            setting[address] = cookies
        if response.get("Content-Type", "").startswith("text/html"):
            queue += links(response, "http://testserver" + address)
    assert setting == {}
    assert len(seen) > 50  # it really crawled
    for must in ["/contact/", "/press/", "/privacy/", "/accessibility/", "/news/", "/search/"]:
        assert any(address.startswith(must) for address in seen), must
    assert visitor.cookies == {}


def test_sending_the_contact_form_sets_no_cookie_whatever_happens(demo_site, settings):
    settings.CONTACT_RATE_LIMIT = 1
    visitor = Client()
    typed = {"topic": "press", "name": "A reporter", "email": "reporter@example.com",
             "message": "May I interview your director?"}  # fmt: skip
    form = pages.form(visitor.get("/contact/?topic=press"), field="message")
    responses = [
        form.submit(visitor, message=""),  # a mistake
        form.submit(visitor, website="http://spam.example", **typed),  # the honeypot
        form.submit(visitor, started="forged", **typed),  # a forged timestamp
        sent := form.submit(visitor, **typed),
        visitor.get(sent["Location"]),  # the confirmation
        form.submit(visitor, **typed),  # over the rate limit
    ]
    assert [response.status_code for response in responses] == [200, 200, 200, 302, 200, 200]
    assert [cookies_set(response) for response in responses] == [[]] * len(responses)
    assert visitor.cookies == {}
