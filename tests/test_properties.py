"""Property-based tests: the HTML sanitiser and the news filters, on inputs nobody wrote."""

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.sanitise import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES, clean_html
from members.models import Organisation
from news.forms import NewsFilterForm
from news.models import Article
from strategy.models import ResearchTheme

from .factories import ArticleFactory, OrganisationFactory, ThemeFactory

TAGS = ["p", "a", "script", "style", "img", "svg", "math", "iframe", "h1", "h2", "em", "ul",
        "li", "table", "form", "object", "noscript", "template", "textarea", "title"]  # fmt: skip
ATTRIBUTES = ["href", "src", "onclick", "onerror", "style", "class", "id", "title", "xlink:href"]
VALUES = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x", "https://nhs.uk",
          "#top", "mailto:a@b.c", "&#106;avascript:x", "x\" onclick=\"alert(1)"]  # fmt: skip


@st.composite
def html(draw):
    """Tag soup: allowed and forbidden tags, hostile attributes, stray brackets and text."""
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(st.sampled_from(TAGS))
        attributes = draw(st.lists(st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(VALUES)),
                                   max_size=3))  # fmt: skip
        text = draw(st.text(max_size=20))
        opening = "".join(f' {name}="{value}"' for name, value in attributes)
        closing = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}", "<"]))
        parts.append(f"<{tag}{opening}>{text}{closing}")
    return "".join(parts)


class Markup(HTMLParser):
    """The elements and attributes a browser would build from some HTML."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.attributes = set(), set()
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update((tag, name, value or "") for name, value in attrs)


@given(st.one_of(html(), st.text()))
@example('<a href="https://nhs.uk">x</a>')
@example("<scr<script>ipt>alert(1)</script>")
@example("<a><p></p><table><a></a>")  # was cleaned into a link inside a link
@settings(max_examples=300, deadline=None)
def test_sanitising_twice_changes_nothing_and_leaves_nothing_to_run(markup):
    once = clean_html(markup)
    assert clean_html(once) == once
    built = Markup(once)
    assert built.tags <= ALLOWED_TAGS
    for tag, name, value in built.attributes:
        assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"] | {"rel"}
        if name == "href":
            scheme = value.split(":", 1)[0].lower() if ":" in value else None
            assert scheme in ALLOWED_URL_SCHEMES | {None}, value


@pytest.fixture
def news(db):
    member = OrganisationFactory(slug="uhb")
    theme = ThemeFactory(slug="trials")
    ArticleFactory(organisations=[member], themes=[theme], tags=["Research"])
    return Article.objects.live()


FILTERS = ["tag", "member", "theme", "priority", "year", "page", "q"]
KNOWN = ["uhb", "trials", "research", "2025", "1", ""]


@given(
    st.lists(
        st.tuples(
            st.one_of(st.sampled_from(FILTERS), st.text(max_size=5)),
            st.one_of(st.sampled_from(KNOWN), st.text(), st.text(min_size=300, max_size=2_000)),
        ),
        max_size=6,
    )
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_query_string_gives_filters_that_name_real_things(news, client, pairs):
    query = QueryDict(mutable=True)
    for key, value in pairs:
        query.appendlist(key, value)
    form = NewsFilterForm(query)
    filters = form.filters()

    organisation = filters["organisation"]
    assert organisation is None or (
        Organisation.objects.get(pk=organisation).slug == query.get("member")
    )
    theme = filters["theme"]
    assert theme is None or ResearchTheme.objects.get(pk=theme).slug == query.get("theme")
    assert filters["year"] is None or str(filters["year"]) == query.get("year").strip()
    # The page itself: never a server error, whatever was asked.
    response = client.get("/news/?" + urlencode(pairs))
    assert response.status_code in {200, 404}
