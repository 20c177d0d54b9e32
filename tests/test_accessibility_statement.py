import pytest
from django.urls import reverse

from pagecache.versions import content_version

pytestmark = pytest.mark.django_db


def test_the_statement_says_what_was_tested_and_how_to_report_a_problem(
    client, django_assert_num_queries
):
    content_version()  # the page cache's version costs one query per content change
    with django_assert_num_queries(1):  # the main navigation's pages, then kept
        response = client.get("/accessibility/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "<h1>Accessibility statement</h1>" in text
    for promise in ["WCAG", "2.2", "axe-core", "keyboard", "320 pixels", "Tell us about a problem"]:
        assert promise in text


def test_every_page_links_to_the_statement_from_its_footer(client):
    footer = client.get(reverse("home")).content.decode().split('class="site-footer"')[1]
    assert 'href="/accessibility/"' in footer
