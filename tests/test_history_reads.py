"""History that reads: the compare page shows what changed in words, and a restore says so."""

import pytest
from django.contrib.messages import get_messages
from reversion.models import Version

from core.diffs import rendered_paragraphs, word_difference
from news.models import Article

from . import pages
from .admin_forms import article_form

pytestmark = pytest.mark.django_db

ADD = "/admin/news/article/add/"


def add_and_edit(client, first, then):
    form = pages.form(client.get(ADD), field="title")
    typical = {name: value for name, value in article_form().items() if name in form.names}
    assert form.submit(client, **{**typical, **first}).status_code == 302
    article = Article.objects.get()
    form = pages.form(client.get(f"/admin/news/article/{article.pk}/change/"), field="title")
    assert form.submit(client, **then).status_code == 302
    return article, list(Version.objects.get_for_object(article))  # newest first


def compare(client, article, versions):
    return client.get(
        f"/admin/news/article/{article.pk}/history/compare/",
        {"version_id1": versions[1].pk, "version_id2": versions[0].pk},
    ).content.decode()


def test_the_body_is_compared_word_by_word_as_it_reads_not_as_html(comms_client):
    article, versions = add_and_edit(
        comms_client,
        {"body": "<p>The new trust joins <strong>this spring</strong>.</p><p>More soon.</p>"},
        {"body": "<p>The new trust joins <strong>this summer</strong>.</p><p>More soon.</p>"},
    )
    page = compare(comms_client, article, versions)

    assert (
        '<p>The new trust joins this <del><span class="visually-hidden">removed: </span>spring.'
        '</del> <ins><span class="visually-hidden">added: </span>summer.</ins></p>\n'
        "<p>More soon.</p>"
    ) in page
    assert "&lt;strong&gt;" not in page
    body = page.split("<h3>Body</h3>")[1].split("<h3>")[0]
    assert "<pre" not in body


def test_a_title_is_shown_whole_before_and_after(comms_client):
    article, versions = add_and_edit(comms_client, {"title": "First title"}, {"title": "Better"})
    page = compare(comms_client, article, versions)
    assert '<span class="history-label">Was:</span> <del>' in page
    assert "First title</del>" in page
    assert "Better</ins>" in page


def test_rich_text_reads_as_paragraphs_of_text():
    html = "<h2>Why it matters</h2><p>Fish &amp; chips<br>for all</p><ul><li>One</li></ul>"
    assert rendered_paragraphs(html) == ["Why it matters", "Fish & chips", "for all", "One"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (["Same words"], ["Same words"], "<p>Same words</p>"),
        ([], ["All new"], '<p><ins><span class="visually-hidden">added: </span>All new</ins></p>'),
        (
            ["One paragraph", "gone"],
            ["One paragraph"],
            '<p>One paragraph <del><span class="visually-hidden">removed: </span>gone</del></p>',
        ),
        (["a <b>"], ["a <c>"], "&lt;c&gt;"),  # text is escaped, never markup
    ],
)
def test_word_differences(old, new, expected):
    assert expected in word_difference(old, new)


def test_restoring_says_restored_not_changed(comms_client):
    article, versions = add_and_edit(comms_client, {"title": "First title"}, {"title": "Second"})
    restore_url = f"/admin/news/article/{article.pk}/history/{versions[1].pk}/"
    response = pages.form(comms_client.get(restore_url), field="title").submit(comms_client)

    assert response.status_code == 302
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("The article “First title” was restored as it was on ")
    assert "changed" not in message
    page = comms_client.get(response.url).content.decode()
    assert "was restored as it was on" in page


def test_script_in_a_compared_title_or_text_is_shown_as_text(admin_client):
    hostile = '<script>alert("x")</script>'
    article, versions = add_and_edit(
        admin_client,
        {"title": "Plain", "summary": "Plain summary"},
        {"title": f"Plain {hostile}", "summary": f"Plain summary {hostile}"},
    )
    page = compare(admin_client, article, versions)
    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(" in page
