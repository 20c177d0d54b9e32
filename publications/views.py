from functools import partial

from django.conf import settings
from django.http import HttpResponse
from django.utils.functional import SimpleLazyObject
from django.views.generic import ListView

from core import previews
from core.addresses import site_url
from core.previews import PublishedDetailView
from documents.models import Document
from members.models import Organisation
from pagecache.paginator import ContentPaginator
from pagecache.totals import cached_for_rows
from people.models import Person
from strategy.models import Priority, ResearchTheme

from . import citations
from .forms import PublicationFilterForm
from .models import Author, Publication, ShareLink

# What the index shows and is filtered by, kept with their rows (publications.apps): an
# article's edit leaves it as it was.
SHOWN = (Publication, ResearchTheme)
# What a publication's page shows, kept with their rows.
PAGE_SHOWS = (Publication, Author, Document, Organisation, ResearchTheme, Priority, Person)


def kept_authors(publication):
    """Its authors in order, kept with the publication for visitors."""
    return list(Author.objects.filter(publication=publication).in_order())


class PublicationListView(ListView):
    """`/publications/`: live publications, newest first, filtered by type, theme and year."""

    template_name = "publications/publication_list.html"
    context_object_name = "publications"
    paginator_class = ContentPaginator
    query_parameters = (*PublicationFilterForm.base_fields, "page")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        choices = cached_for_rows(
            SHOWN, "publication-filter-choices", PublicationFilterForm.choices_in_use
        )
        self.filter_form = PublicationFilterForm(request.GET, choices)

    def publications(self):
        return Publication.objects.live().about(**self.filter_form.filters()).for_listing()

    def get_queryset(self):
        return SimpleLazyObject(self.publications)

    def get_paginate_by(self, queryset):
        return settings.NEWS_PAGE_SIZE

    def get_paginator(self, queryset, per_page, **kwargs):
        # Given what makes the list, so a kept page costs no query (see ContentPaginator).
        count_key = f"publications?{self.filter_form.filters_key()}"
        keep = partial(cached_for_rows, SHOWN)
        return super().get_paginator(
            self.publications, per_page, count_key=count_key, keep=keep, **kwargs
        )

    def get_context_data(self, **kwargs):
        form = self.filter_form
        # Kept with the rows the choices are kept with, so an article's edit leaves it.
        fields = partial(
            cached_for_rows, SHOWN, f"publication-filter-fields:{form.filters_key()}", form.render
        )
        return super().get_context_data(
            filter_form=form, filter_fields=form.render if form.errors else fields, **kwargs
        )


class PublicationView(PublishedDetailView):
    model = Publication
    context_object_name = "publication"
    prefetch = ("organisations", "themes", "priorities")

    def get_queryset(self):
        return super().get_queryset().select_related("pdf")

    def kept_object(self, find):
        def find_with_authors():
            publication = find()
            publication.author_list = kept_authors(publication)
            return publication

        return cached_for_rows(PAGE_SHOWS, f"publication:{self.kwargs['slug']}", find_with_authors)

    def get_object(self, queryset=None):
        publication = super().get_object(queryset)
        if not hasattr(publication, "author_list"):  # staff, who may see it as it is now
            publication.author_list = kept_authors(publication)
        return publication


class PublicationDetailView(PublicationView):
    template_name = "publications/publication_detail.html"


class CitationView(PublicationView):
    """The publication's reference as a file for reference managers (BibTeX or RIS)."""

    content_types = {"bib": "application/x-bibtex", "ris": "application/x-research-info-systems"}

    def render_to_response(self, context, **response_kwargs):
        publication = self.object
        kind = self.kwargs["format"]
        content_type = self.content_types[kind]
        if kind == "bib":
            text = citations.bibtex(publication, publication.author_list)
        else:
            page = site_url(self.request) + publication.get_absolute_url()
            text = citations.ris(publication, publication.author_list, page)
        response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{publication.slug}.{kind}"'
        return previews.never_cache_unless_live(response, publication)


class SharedPreviewView(previews.SharedPreviewView):
    """One publication as a reviewer without an account sees it, through a preview link."""

    template_name = "publications/publication_detail.html"
    context_object_name = "publication"
    share_link_model = ShareLink

    def get_object(self, queryset=None):
        publication = super().get_object(queryset)
        publication.author_list = kept_authors(publication)
        return publication
