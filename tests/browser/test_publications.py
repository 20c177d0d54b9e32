"""Publications in a real browser: the filters and the contents list's links, and the
admin's publication form. Each publications page is in `pages.public_pages()`, so
test_accessibility checks it with axe, at 320 px and with 200 % text."""

import pytest

from .conftest import DESKTOP, sign_in
from .test_accessibility import (
    is_known_admin_problem,
    wcag_violations,
)

pytestmark = pytest.mark.browser


def test_a_visitor_filters_publications_and_follows_the_contents(page, live_server, demo_site):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/publications/")
    page.get_by_label("Type").select_option(label="Evaluation")
    page.get_by_role("button", name="Show publications").click()
    page.get_by_role("heading", name="Showing 1 publication of type Evaluation").wait_for()
    page.goto(f"{live_server.url}/publications/report-of-activity-2020-to-2022/")
    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="Key figures").click()
    assert page.url.endswith("#section-key-figures")
    table = page.get_by_role("table", name="Research with our partners in the five years to 2022")
    assert table.get_by_role("rowheader", name="Studies", exact=True).is_visible()


def test_the_admin_publication_list_and_form_pass_axe(page, live_server, demo_site, comms_user):
    sign_in(page, live_server, comms_user)
    page.goto(f"{live_server.url}/admin/publications/publication/")
    violations = wcag_violations(page)
    page.locator("#result_list tbody a").first.click()
    page.get_by_role("heading", name="Authors, in the order the publication names them").wait_for()
    violations += wcag_violations(page)
    assert [v for v in violations if not is_known_admin_problem(v)] == []
