"""Admin forms that help: a summary of every error at the top, linked to its field, and one
way of writing dates and times."""

from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from news.models import Article

from . import pages
from .admin_forms import article_form, png
from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/news/article/add/"


class _Summary(HTMLParser):
    """The error summary's heading and its lines: (text, link or None)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the summary's <div>
        self.heading = None
        self.in_heading = False
        self.lines = []
        self.line = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += tag == "div"
            if tag == "h2":
                self.heading, self.in_heading = "", True
            elif tag == "li":
                self.line = ["", None]
            elif tag == "a" and self.line is not None:
                self.line[1] = attrs.get("href")
        elif tag == "div" and "error-summary" in (attrs.get("class") or "").split():
            self.depth = 1

    def handle_data(self, data):
        if self.depth and self.line is not None:
            self.line[0] += data
        elif self.depth and self.in_heading:
            self.heading += data

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "h2" and self.in_heading:
            self.heading, self.in_heading = " ".join(self.heading.split()), False
        elif tag == "li" and self.line is not None:
            self.lines.append((" ".join(self.line[0].split()), self.line[1]))
            self.line = None
        elif tag == "div":
            self.depth -= 1


def summary(response):
    parser = _Summary()
    parser.feed(response.content.decode())
    return parser


def add(client, **values):
    form = pages.form(client.get(ADD), field="title")
    typical = {name: value for name, value in article_form().items() if name in form.names}
    return form.submit(client, **{**typical, **values})


def test_the_summary_links_each_error_to_its_field_above_the_form(comms_client):
    response = add(comms_client, status="published", summary="", image=png(), image_alt="")

    found = summary(response)
    assert found.heading == "Nothing has been saved yet: fix these 2 problems, then save again"
    assert found.lines == [
        ("Summary: Write a summary: listings and search results show it.", "#id_summary"),
        (
            "Image alt text: Describe the image for people who cannot see it, or tick “the "
            "image is decorative”.",
            "#id_image_alt",
        ),
    ]
    page = response.content.decode()
    # Above the first field, where it is seen without scrolling; the field's own message stays.
    assert page.index('class="error-summary"') < page.index('id="id_title"')
    assert pages.errors(response)["image_alt"]
    assert 'id="id_image_alt"' in page
    assert not Article.objects.exists()


def test_one_problem_is_named_as_one(comms_client):
    response = add(comms_client, publish_at_0="31/02/2025")
    found = summary(response)
    assert found.heading == "Nothing has been saved yet: fix this problem, then save again"
    [(text, link)] = found.lines
    assert text.startswith("Publish date and time: ")
    assert link == "#id_publish_at_0"  # the date box of the date and time pair


def test_errors_in_a_row_of_an_inline_table_are_linked_to_that_row(comms_client):
    article = ArticleFactory(status=Article.Status.DRAFT)
    form = pages.form(comms_client.get(f"/admin/news/article/{article.pk}/change/"), field="title")
    row = form.add_row("share_links")
    past = timezone.localtime() - timedelta(days=1)
    response = form.submit(
        comms_client,
        **{f"{row}-expires_at_0": past.strftime("%d/%m/%Y"), f"{row}-expires_at_1": "09:00"},
    )

    [(text, link)] = summary(response).lines
    assert text.startswith("Preview links for reviewers (tick “Delete” to revoke one), row 1: ")
    assert link == f"#id_{row}-expires_at_0"
    assert not article.share_links.exists()


def test_a_form_without_errors_has_no_summary(comms_client):
    assert summary(comms_client.get(ADD)).lines == []
    response = add(comms_client)
    assert response.status_code == 302
    assert 'class="error-summary"' not in comms_client.get(response.url).content.decode()


def test_the_summary_is_focused_by_a_script_of_the_site_not_an_inline_one(comms_client):
    page = add(comms_client, status="published", summary="").content.decode()
    assert '<script src="/static/js/error-summary.js" defer></script>' in page
    assert '<div class="error-summary" tabindex="-1"' in page
    assert "<script>" not in page


# One way of writing dates and times


def test_dates_are_typed_day_first_and_times_without_seconds(comms_client):
    when = timezone.make_aware(datetime(2026, 12, 6, 14, 30))
    article = ArticleFactory(publish_at=when, review_by=when.date())
    form = pages.form(comms_client.get(f"/admin/news/article/{article.pk}/change/"), field="title")
    assert form.value("publish_at_0") == "06/12/2026"
    assert form.value("publish_at_1") == "14:30"
    assert form.value("review_by") == "06/12/2026"


def test_lists_show_dates_and_times_one_way(comms_client):
    ArticleFactory(publish_at=timezone.make_aware(datetime(2026, 12, 6, 14, 30)))
    page = comms_client.get("/admin/news/article/").content.decode()
    assert "6 Dec 2026, 14:30" in page
    assert "p.m." not in page


def test_a_date_typed_day_first_is_understood(comms_client):
    response = add(comms_client, publish_at_0="06/12/2026", publish_at_1="14:30")
    assert response.status_code == 302, pages.errors(response)
    saved = timezone.localtime(Article.objects.get().publish_at)
    assert (saved.day, saved.month, saved.hour, saved.minute) == (6, 12, 14, 30)
    assert str(saved.tzinfo) == "Europe/London"
