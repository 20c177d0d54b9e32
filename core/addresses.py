"""The site's own addresses in full, for what is read away from the site: canonical and
sharing addresses, structured data, feeds, the sitemap and robots.txt.

Every one of them starts with `site_url(request)`.
"""

import copy

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap


def site_domain(request):
    """The host (and port) the site's addresses name.

    `SITE_DOMAIN` when it is set, so that every copy the site answers to (www. and the
    bare name) points search engines at one address. Unset (the default in development),
    the host this request came to, so a site run on any port links to itself;
    `ALLOWED_HOSTS` has vetted it, and the page cache keeps each host's pages apart.
    """
    return settings.SITE_DOMAIN or request.get_host()


def site_url(request):
    """The site's address for this request, such as "https://www.example.org"."""
    return f"{request.scheme}://{site_domain(request)}"


class Sitemap(DjangoSitemap):
    """A sitemap whose addresses start with `site_url`.

    Django's sitemap view names the sites framework's record, which knows one host;
    the site's sitemap view gives each request its own copy via `for_request`.
    """

    domain = None

    def for_request(self, request):
        bound = copy.copy(self)
        bound.domain = site_domain(request)
        return bound

    def get_domain(self, site=None):
        return self.domain


class LiveSitemap(Sitemap):
    """Live items of a `core.publishing` model, with the time each last changed; `fields`
    are what its address is made from."""

    model = None
    fields = ("slug",)

    def items(self):
        live = self.model._default_manager.live()
        return live.only(*self.fields, "publish_at", "updated_at").order_by("pk")

    def lastmod(self, item):
        return max(item.updated_at, item.publish_at)
