"""The header's main navigation: top-level pages flagged for it, among the site's sections."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from .models import Page

# (label, URL name, menu order) of the site's own sections, placed among the pages offered
# by their menu order (a page's is 100 unless staff change it). `MAIN_NAVIGATION_SECTIONS`
# in the settings replaces this list.
SECTIONS = [
    ("News", "news:article-list", 200),
    ("People", "people:index", 300),
    ("Research", "strategy:strategy", 400),
    ("Contact", "contact:enquiry", 900),
]


def navigation_links(with_pages=True):
    """[(label, address, URL namespace or "")] in menu order. A section whose URL name
    the site does not have (an app not installed) is left out rather than breaking every
    page."""
    entries = []
    for label, name, order in getattr(settings, "MAIN_NAVIGATION_SECTIONS", SECTIONS):
        try:
            entries.append((order, label, reverse(name), name.partition(":")[0]))
        except NoReverseMatch:
            continue
    offered = Page.objects.main_navigation() if with_pages else Page.objects.none()
    for page in offered.only("title", "menu_title", "path", "menu_order"):
        entries.append((page.menu_order, page.label, page.get_absolute_url(), ""))
    entries.sort(key=lambda entry: entry[0])  # stable: pages and sections keep their order
    return [entry[1:] for entry in entries]


def current_marks(links, path, namespace):
    """Each (label, address) with its aria-current value for a visitor at `path` (whose
    view is in URL `namespace`): "page" at its own address, "true" anywhere else in its
    section (below it, or in its app), else None."""
    marked = []
    for label, url, section in links:
        within = path.startswith(url) or (section and section == namespace)
        marked.append((label, url, "page" if path == url else "true" if within else None))
    return marked
