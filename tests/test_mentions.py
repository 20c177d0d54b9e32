import pytest
from django.contrib.redirects.models import Redirect

from members.mentions import MentionFinder
from news.models import Article

from .factories import ArticleFactory, OrganisationFactory
from .test_admin import article_form

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

    form = comms_client.get(url).context["adminform"].form
    suggested = list(form.fields["suggested_organisations"].queryset)
    assert sorted(o.short_name for o in suggested) == ["Bath", "ROH"]

    data = article_form(
        title=article.title, slug=article.slug, body=article.body,
        organisations=[organisations["uhb"].pk],
        suggested_organisations=[organisations["roh"].pk],  # accept ROH, reject Bath
    )  # fmt: skip
    response = comms_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert {o.short_name for o in article.organisations.all()} == {"UHB", "ROH"}
    again = comms_client.get(url).context["adminform"].form
    assert [o.short_name for o in again.fields["suggested_organisations"].queryset] == ["Bath"]


def test_staff_can_manage_redirects_in_the_admin(comms_client):
    response = comms_client.post(
        "/admin/redirects/redirect/add/",
        {"old_path": "/old-news-item/", "new_path": "/news/new-item/"},
    )
    assert response.status_code == 302
    assert Redirect.objects.get().old_path == "/old-news-item/"

    followed = comms_client.get("/old-news-item/")
    assert followed.status_code == 301
    assert followed["Location"] == "/news/new-item/"

    again = comms_client.post(
        "/admin/redirects/redirect/add/", {"old_path": "/old-news-item/", "new_path": "/news/"}
    )
    assert again.status_code == 200
    assert again.context["adminform"].form.errors
    assert Redirect.objects.count() == 1
