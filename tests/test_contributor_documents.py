"""Contributors (who may publish nothing) choose an article's downloads among the documents
visitors may download already and those the article has: a document attached only to
someone else's draft may be under embargo, so its title is not shown to them and a POST
naming it is refused. Communications, who publish, choose among every document."""

import pytest

from news.models import Article, ShareLink

from . import pages
from .admin_forms import article_form
from .factories import ArticleFactory, DocumentFactory, PublicationFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/news/article/add/"
EMBARGOED = "Merger business case (embargoed)"


def change_url(article):
    return f"/admin/news/article/{article.pk}/change/"


@pytest.fixture
def documents(contributor):
    """Someone else's draft with an embargoed report, a live article's and a live
    publication's documents (public), one attached to nothing, and the contributor's draft
    with a document Communications attached to it (private until it is published)."""
    embargoed = DocumentFactory(title=EMBARGOED)
    ArticleFactory(status=Article.Status.DRAFT).documents.set([embargoed])
    public = DocumentFactory(title="Annual report 2024")
    ArticleFactory().documents.set([public])
    pdf = DocumentFactory(title="Report of activity 2023")
    PublicationFactory(pdf=pdf)
    unattached = DocumentFactory(title="Draft budget, not yet used")
    own = DocumentFactory(title="Clinic opening leaflet")
    draft = ArticleFactory(status=Article.Status.DRAFT, created_by=contributor)
    draft.documents.set([own])
    return {
        "embargoed": embargoed,
        "public": public,
        "pdf": pdf,
        "unattached": unattached,
        "own": own,
        "draft": draft,
    }


def offered(response):
    """The documents the page's Downloads box offers, by title."""
    return {label for _, label in pages.options(response, "documents")}


def test_a_contributor_is_offered_public_documents_and_the_articles_own_only(
    contributor_client, comms_client, documents
):
    draft = documents["draft"]
    response = contributor_client.get(change_url(draft))
    assert response.status_code == 200
    assert offered(response) == {
        "Annual report 2024",
        "Report of activity 2023",
        "Clinic opening leaflet",
    }
    assert EMBARGOED not in response.content.decode()
    assert "Draft budget, not yet used" not in response.content.decode()
    form = pages.form(response, field="title")
    assert [value for name, value in form.fields if name == "documents"] == [
        str(documents["own"].pk)
    ]

    # Communications, who publish, choose among every document.
    response = comms_client.get(change_url(draft))
    assert offered(response) == {
        EMBARGOED,
        "Annual report 2024",
        "Report of activity 2023",
        "Draft budget, not yet used",
        "Clinic opening leaflet",
    }


def test_a_contributor_writing_a_new_article_is_offered_public_documents_only(
    contributor_client, documents
):
    response = contributor_client.get(ADD)
    assert offered(response) == {"Annual report 2024", "Report of activity 2023"}
    assert EMBARGOED not in response.content.decode()


def test_a_preview_link_offers_a_contributor_none_of_the_previewed_drafts_documents(
    contributor_client, documents
):
    """A reviewer's link lets its holder read a draft, not publish its report elsewhere."""
    embargoed_draft = documents["embargoed"].articles.get()
    link = ShareLink.objects.create(article=embargoed_draft)
    response = contributor_client.get(f"{change_url(documents['draft'])}?preview={link.token}")
    assert EMBARGOED not in offered(response)
    assert EMBARGOED not in response.content.decode()


def test_a_forged_post_naming_an_embargoed_document_is_refused_and_nothing_is_lost(
    contributor_client, documents
):
    draft, own, embargoed = documents["draft"], documents["own"], documents["embargoed"]
    title = draft.title
    form = pages.form(contributor_client.get(change_url(draft)), field="title")
    # The embargoed document was not offered: its id is added by hand.
    forged = [str(own.pk), str(embargoed.pk)]
    response = form.submit(contributor_client, "_continue", title="Renamed", documents=forged)

    assert response.status_code == 200  # the form again, not a redirect
    assert pages.errors(response)["documents"] == [
        f"Select a valid choice. {embargoed.pk} is not one of the available choices."
    ]
    assert EMBARGOED not in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == title
    assert list(draft.documents.all()) == [own]

    # Saving the form as rendered keeps the article's own (still private) document.
    form.submit(contributor_client, "_continue", title="Renamed")
    draft.refresh_from_db()
    assert draft.title == "Renamed"
    assert list(draft.documents.all()) == [own]


def test_a_forged_post_cannot_attach_an_embargoed_document_to_a_new_article(
    contributor_client, documents
):
    form = pages.form(contributor_client.get(ADD), field="title")
    typical = {name: value for name, value in article_form().items() if name in form.names}
    data = form.data("_continue", **typical)
    response = contributor_client.post(
        form.action, {**data, "documents": [str(documents["embargoed"].pk)]}
    )
    assert response.status_code == 200
    assert "documents" in pages.errors(response)
    assert not Article.objects.filter(slug=typical["slug"]).exists()
