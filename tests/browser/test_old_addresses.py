"""A visitor with an old WordPress address: the browser follows the redirect to the page
the new site has for it, and that page (the news of one month, which the old site's
month archives lead to) passes axe and fits a 320 px screen."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from wordpress.models import ImportedItem

from .conftest import DESKTOP
from .test_accessibility import LAYOUT_PROBLEMS, NARROW, wcag_violations

pytestmark = pytest.mark.browser

EXPORT = Path(__file__).parent.parent / "fixtures" / "wordpress" / "export.xml"


def test_an_old_month_archive_and_post_lead_to_accessible_pages(page, live_server, demo_site):
    report = io.StringIO()
    call_command("import_wordpress", str(EXPORT), stdout=report)
    assert "address taken: post 8077" in report.getvalue()
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/2022/02/")
    assert page.url == f"{live_server.url}/news/?year=2022&month=2"
    assert "in February 2022" in page.locator("#results-heading").inner_text()
    assert page.get_by_label("Month").input_value() == "2"
    assert wcag_violations(page) == []
    page.set_viewport_size(NARROW)
    assert page.evaluate(LAYOUT_PROBLEMS) == []

    page.goto(f"{live_server.url}/?p=8077")
    # The demo content has this story already: the import put it beside it, and said so.
    assert page.url == live_server.url + ImportedItem.objects.target(kind="post", key="8077")
    assert page.locator("h1").inner_text() == "Aston University joins Birmingham Health Partners"
    caption = page.locator("figcaption").inner_text()
    assert caption == "Aston University's campus in the city centre"
    assert wcag_violations(page) == []
