from html.parser import HTMLParser

import pytest
from django.contrib.redirects.models import Redirect

from members.mentions import MentionFinder
from news.models import Article

from . import pages
from .factories import ArticleFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    return {
        "uhb": OrganisationFactory(
            name="University Hospitals Birmingham NHS Foundation Trust", short_name="UHB",
            other_names="UHBFT",
        ),
        "roh": OrganisationFactory(
            name="The Royal Orthopaedic Hospital NHS Foundation Trust", short_name="ROH",
            other_names="",
        ),
        "bwc": OrganisationFactory(
            name="Birmingham Women's and Children's NHS Foundation Trust", short_name="BWC",
            other_names="Birmingham Women and Children's",
        ),
        "bath": OrganisationFactory(name="University of Bath", short_name="Bath",
                                    other_names="", is_member=False, joined_on=None),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("University Hospitals Birmingham opened a ward.", ["uhb"]),
        ("Staff at the ROH and UHB met.", ["roh", "uhb"]),
        ("The UHBFT board agreed.", ["uhb"]),
        ("Royal Orthopaedic Hospital surgeons", ["roh"]),
        ("Birmingham Women’s and Children’s Hospitals", ["bwc"]),  # curly apostrophes
        ("Birmingham  Women  and Children's", ["bwc"]),
        ("the university hospitals birmingham team", ["uhb"]),  # full names in any case
        ("PROHIBITED by the UHBX scheme; ROHs", []),  # never inside other words
        ("a hydrotherapy bath", []),  # one-word names keep their capitals
        ("researchers from Bath", ["bath"]),
        ("The ROH's team", ["roh"]),
    ],
)
def test_finds_organisations_by_any_name_as_whole_words(organisations, text, expected):
    found = MentionFinder(organisations.values()).find(text)
    assert found == [organisations[key] for key in expected]


class _Offered(HTMLParser):
    def __init__(self, name):
        super().__init__()
        self.name, self.values = name, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "checkbox" and attrs.get("name") == self.name:
            self.values.append(attrs["value"])


def offered(response, name):
    """The values of the boxes named `name` the page offers to tick, ticked or not."""
    parser = _Offered(name)
    parser.feed(response.content.decode())
    return parser.values


def test_admin_proposes_organisations_the_text_names_and_staff_accept_some(
    comms_client, organisations
):
    article = ArticleFactory(
        title="ROH and UHB sign agreement",
        body="<p>University of Bath researchers joined.</p>",
        status=Article.Status.DRAFT,
        organisations=[organisations["uhb"]],
    )
    url = f"/admin/news/article/{article.pk}/change/"
    by_pk = {str(o.pk): o.short_name for o in organisations.values()}

    page = comms_client.get(url)
    assert sorted(by_pk[pk] for pk in offered(page, "suggested_organisations")) == ["Bath", "ROH"]

    form = pages.form(page, field="title")
    # Accept ROH, reject Bath.
    response = form.submit(
        comms_client, button="_save", suggested_organisations=[organisations["roh"].pk]
    )

    assert response.status_code == 302, pages.errors(response)
    assert {o.short_name for o in article.organisations.all()} == {"UHB", "ROH"}
    again = comms_client.get(url)
    assert [by_pk[pk] for pk in offered(again, "suggested_organisations")] == ["Bath"]


def test_staff_can_manage_redirects_in_the_admin(comms_client):
    add = "/admin/redirects/redirect/add/"
    form = pages.form(comms_client.get(add), field="old_path")
    response = form.submit(
        comms_client, button="_save", old_path="/old-news-item/", new_path="/news/new-item/"
    )
    assert response.status_code == 302
    assert Redirect.objects.get().old_path == "/old-news-item/"

    followed = comms_client.get("/old-news-item/")
    assert followed.status_code == 301
    assert followed["Location"] == "/news/new-item/"

    form = pages.form(comms_client.get(add), field="old_path")
    again = form.submit(comms_client, button="_save", old_path="/old-news-item/", new_path="/news/")
    assert again.status_code == 200
    assert pages.errors(again)["__all__"] == [
        "Redirect with this Site and Redirect from already exists."
    ]
    assert pages.form(again, field="old_path").value("new_path") == "/news/"
    assert Redirect.objects.count() == 1
