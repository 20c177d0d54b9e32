from functools import partial

from django.conf import settings
from django.http import Http404
from django.views.generic import ListView

from core import previews
from core.previews import PublishedDetailView
from documents.models import Document
from members.models import Organisation
from pagecache.paginator import ContentPaginator
from pagecache.totals import cached_for_rows
from people.models import Person
from strategy.models import Priority, ResearchTheme

from .models import Opportunity, ShareLink

# What an opportunity's page shows, kept with their rows: an article's edit leaves it.
PAGE_SHOWS = (Opportunity, Document, Person, Organisation, ResearchTheme, Priority)


class OpportunityListView(ListView):
    """Open opportunities (and those opening later), closing soonest first; `?kind=`
    narrows them to one kind."""

    template_name = "opportunities/opportunity_list.html"
    context_object_name = "opportunities"
    paginator_class = ContentPaginator
    query_parameters = ("kind", "page")
    closed = False

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.kind = request.GET.get("kind", "")
        if self.kind and self.kind not in Opportunity.Kind.values:
            raise Http404("There is no such kind of opportunity.")

    def opportunities(self):
        live = Opportunity.objects.of_kind(self.kind).for_listing()
        return live.closed() if self.closed else live.not_closed()

    def get_queryset(self):
        return self.opportunities

    def get_paginate_by(self, queryset):
        return settings.NEWS_PAGE_SIZE

    def get_template_names(self):
        return [self.template_name]

    def get_paginator(self, queryset, per_page, **kwargs):
        # Given what makes the list, not the list: see ContentPaginator.
        key = f"opportunities:{'closed' if self.closed else 'open'}:{self.kind}"
        keep = partial(cached_for_rows, [Opportunity])  # not renewed by an article's edit
        return super().get_paginator(
            self.opportunities, per_page, count_key=key, keep=keep, **kwargs
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kinds=Opportunity.Kind.choices,
            kind=self.kind,
            kind_label=Opportunity.Kind(self.kind).label if self.kind else "",
            closed=self.closed,
            **kwargs,
        )


class ClosedOpportunityListView(OpportunityListView):
    """Opportunities that have closed, latest closed first."""

    closed = True


class OpportunityDetailView(PublishedDetailView):
    model = Opportunity
    context_object_name = "opportunity"
    prefetch = ("organisations", "themes", "priorities")

    def get_queryset(self):
        return super().get_queryset().select_related("apply_document", "contact_person")

    def kept_object(self, find):
        # A live opportunity, with everything it links to; its status is worked out from
        # the clock at each render, and what is kept expires when it changes.
        return cached_for_rows(PAGE_SHOWS, f"opportunity:{self.kwargs['slug']}", find)


class SharedPreviewView(previews.SharedPreviewView):
    """One opportunity as a reviewer without an account sees it, through a preview link."""

    template_name = "opportunities/opportunity_detail.html"
    context_object_name = "opportunity"
    share_link_model = ShareLink
