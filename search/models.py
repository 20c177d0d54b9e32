from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """An object's words, weighted and stemmed once when it is saved, so that searching and
    ranking never re-read every matching object's text (PostgreSQL only).

    Kept here rather than on the object's own model so the search index is this app's own
    business: search.signals keeps each current, and migrations index them with GIN. The
    primary key is a one-to-one link to the object, named `search_document` from its side.
    """

    vector = SearchVectorField(null=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"Search document for {self._meta.pk.related_model._meta.verbose_name} {self.pk}"


def document_of(model):
    """The primary key of a search document: its object, one document each."""
    return models.OneToOneField(
        model, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )


class ArticleSearchDocument(SearchDocument):
    article = document_of("news.Article")

    class Meta:
        verbose_name = "article search document"


class PageSearchDocument(SearchDocument):
    """Pages, people, members and strategy are few beside articles, but a search asks about
    every group: computing each object's vector for every search cost more than the rest of
    the page (a page's body is long), and compiling the expression that computes it most of
    what is left."""

    page = document_of("pages.Page")


class PersonSearchDocument(SearchDocument):
    person = document_of("people.Person")


class OrganisationSearchDocument(SearchDocument):
    organisation = document_of("members.Organisation")


class ResearchThemeSearchDocument(SearchDocument):
    theme = document_of("strategy.ResearchTheme")


class PrioritySearchDocument(SearchDocument):
    priority = document_of("strategy.Priority")


class EventSearchDocument(SearchDocument):
    event = document_of("events.Event")


class OpportunitySearchDocument(SearchDocument):
    opportunity = document_of("opportunities.Opportunity")


class PublicationSearchDocument(SearchDocument):
    publication = document_of("publications.Publication")
