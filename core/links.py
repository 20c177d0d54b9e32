"""Broken links: links inside rich-text bodies to addresses of this site that lead nowhere.

Every model with a `core.fields.RichTextField` and registered in the admin takes part, found
by introspection, so core names no app. An address is checked by sending it through the
site itself, in this process, as a visitor with no session: whatever answers it (a page, the
page tree's catch-all, a redirect kept for an old address) answers as it would a visitor,
so an address the catch-all route matches is only good if a page is really there.

Nothing is kept between reports: each one checks every distinct address afresh, at most
`MAX_ADDRESSES` of them, following at most `MAX_HOPS` redirects each.
"""

from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import unquote, urljoin, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse

from .fields import RichTextField

MAX_ADDRESSES = 300  # distinct addresses checked in one report
MAX_HOPS = 5  # redirects followed from one address
MAX_LENGTH = 2000  # longer addresses are listed as broken without being requested
SHOWN_LENGTH = 120  # how much of an address the report shows


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href.strip())


def hrefs(html):
    """The addresses the links in `html` lead to, in order."""
    parser = _Links()
    parser.feed(html or "")
    parser.close()
    return parser.hrefs


def own_hosts():
    """The host names this site answers to, lower case, without ports or brackets (the
    form `urlsplit(...).hostname` gives); wildcard entries name no one host."""
    names = [settings.SITE_DOMAIN, *settings.ALLOWED_HOSTS]
    return {
        urlsplit(f"//{name}").hostname for name in names if name and not name.startswith((".", "*"))
    }


def site_address(href, base="/"):
    """The path and query string on this site that `href` (in a page at `base`) leads to,
    or None when it leads elsewhere: another site, `//host` addresses, `mailto:`,
    `javascript:` and every other scheme, or only a place on the same page."""
    try:
        parts = urlsplit(href)
        host = parts.hostname
    except ValueError:  # e.g. an unclosed [ in the host
        return None
    if parts.scheme.lower() not in ("", "http", "https"):
        return None
    if parts.netloc and (host or "") not in own_hosts():
        return None
    if not parts.netloc and (parts.scheme or not (parts.path or parts.query)):
        return None  # "http:foo" or "#section"
    joined = urlsplit(urljoin(base, parts.path)) if not parts.netloc else parts
    path = joined.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


@dataclass(frozen=True)
class Result:
    ok: bool
    reason: str = ""


@cache
def _handler():
    handler = BaseHandler()
    handler.load_middleware()
    return handler


def _request(address):
    path, _, query = address.partition("?")
    path = unquote(path, errors="strict")
    if any(ord(character) < 32 for character in path):
        raise ValueError("Address has control characters")
    host = settings.SITE_DOMAIN or min(own_hosts(), default="localhost")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path.encode().decode("latin-1"),
        "QUERY_STRING": query,
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        # Whether or not the site sits behind a TLS proxy, this is an HTTPS visit.
        "HTTP_X_FORWARDED_PROTO": "https",
        "wsgi.url_scheme": "https",
        "wsgi.input": BytesIO(),
        "wsgi.errors": BytesIO(),
    }
    response = _handler().get_response(WSGIRequest(environ))
    # A file's response holds it open; closing the response itself would also end this
    # request's database work (`request_finished`), so only the file is closed.
    file = getattr(response, "file_to_stream", None)
    if file is not None:
        file.close()
    return response


def _describe(status):
    return {
        403: "Visitors may not see it (403)",
        404: "Not found (404)",
        410: "Gone (410)",
        500: "The site fails there (500)",
        503: "Unavailable (503)",
    }.get(status, f"Answers {status}")


def check(address):
    """Whether a visitor following `address` (a path and query on this site) reaches a
    page, following redirects within the site."""
    if len(address) > MAX_LENGTH:
        return Result(False, f"Address longer than {MAX_LENGTH} characters")
    seen = []
    first = address
    for _ in range(MAX_HOPS + 1):
        if address in seen:
            return Result(False, "Redirects in a loop")
        seen.append(address)
        try:
            response = _request(address)
        except UnicodeDecodeError:
            return Result(False, "Address is not valid UTF-8")
        except ValueError as error:
            return Result(False, str(error))
        if response.status_code == 200:
            return Result(True)
        if response.status_code not in (301, 302, 303, 307, 308):
            problem = _describe(response.status_code)
            if address != first:
                shown = address if len(address) <= SHOWN_LENGTH else address[:SHOWN_LENGTH] + "…"
                problem = f"Redirects to {shown}: {problem[0].lower()}{problem[1:]}"
            return Result(False, problem)
        address = site_address(response["Location"], base=address)
        if address is None:
            return Result(True)  # to another site, which is not ours to check
    return Result(False, f"More than {MAX_HOPS} redirects")


@dataclass
class BrokenItem:
    item: object
    kind: str
    url: str
    links: list = field(default_factory=list)  # (address shown, reason)


def linking_admins(request, site=admin.site):
    """The admins of models with rich text whose items this person may change."""
    return [
        site.get_model_admin(model)
        for model in apps.get_models()
        if site.is_registered(model)
        and rich_text_fields(model)
        and site.get_model_admin(model).has_change_permission(request)
    ]


def rich_text_fields(model):
    return [f.name for f in model._meta.get_fields() if isinstance(f, RichTextField)]


def broken_links(request, model_admins):
    """Every item with a broken link to this site, in these admins' lists for this person
    (as `core.reviews.items_to_review`): one query per kind of content, then one visit per
    distinct address (up to `MAX_ADDRESSES`).
    Returns (items, whether some addresses were left unchecked)."""
    found = []  # (item, kind, url, [(href, address)])
    for model_admin in model_admins:
        model = model_admin.model
        names = rich_text_fields(model)
        linking = Q()
        for name in names:
            linking |= Q(**{f"{name}__contains": "href"})
        opts = model._meta
        for item in model_admin.get_queryset(request).filter(linking).order_by("pk"):
            base = item.get_absolute_url() if hasattr(item, "get_absolute_url") else "/"
            links = [
                (href, site_address(href, base))
                for name in names
                for href in hrefs(getattr(item, name))
            ]
            links = [(href, address) for href, address in links if address is not None]
            if links:
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
                found.append((item, str(opts.verbose_name).capitalize(), url, links))
    results = {}
    unchecked = False
    items = []
    for item, kind, url, links in found:
        broken = BrokenItem(item, kind, url)
        for href, address in links:
            if address not in results:
                if len(results) >= MAX_ADDRESSES:
                    unchecked = True
                    continue
                results[address] = check(address)
            if not results[address].ok:
                shown = href if len(href) <= SHOWN_LENGTH else href[: SHOWN_LENGTH - 1] + "…"
                broken.links.append((shown, results[address].reason))
        if broken.links:
            items.append(broken)
    return items, unchecked


def broken_links_report(request):
    """The admin page listing links to this site that lead nowhere, by item."""
    model_admins = linking_admins(request)
    if not model_admins:
        raise PermissionDenied
    items, unchecked = broken_links(request, model_admins)
    return TemplateResponse(
        request,
        "admin/broken_links.html",
        {
            **admin.site.each_context(request),
            "title": "Broken links",
            "items": items,
            "unchecked": unchecked,
            "max_addresses": MAX_ADDRESSES,
        },
    )
