from datetime import timedelta
from functools import partial

from django import forms
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import ListView

from core import previews
from core.addresses import site_domain, site_url
from core.previews import PublishedDetailView
from members.models import Organisation
from pagecache.paginator import ContentPaginator
from pagecache.parts import cached_for_content
from pagecache.totals import cached_for_rows
from people.models import Person
from strategy.models import Priority, ResearchTheme

from . import calendar
from .models import Event, ShareLink

PAGE_SIZE = 12
# What an event's page shows, kept with their rows: an article's edit leaves it.
PAGE_SHOWS = (Event, Organisation, ResearchTheme, Priority, Person)
# What the index can be filtered by (its events are kept with their rows: events.apps).
SUBJECTS = (Organisation, ResearchTheme)
# A calendar feed carries what is to come and what has just been, not the whole archive.
FEED_PAST = timedelta(days=90)
FEED_LIMIT = 500


def _subjects():
    """The members and partners, and the themes, the events index can be filtered by, as
    (slug, name) pairs in one query each."""
    return {
        "member": list(Organisation.objects.order_by("name").values_list("slug", "name")),
        "theme": list(ResearchTheme.objects.values_list("slug", "title")),
    }


class EventFilterForm(forms.Form):
    member = forms.ChoiceField(label="Organisation", required=False)
    theme = forms.ChoiceField(label="Research theme", required=False)

    MODELS = {"member": Organisation, "theme": ResearchTheme}
    # The news filters' markup: each field with its label.
    template_name = "news/filter_fields.html"
    UNSUPPORTED = "There is no such choice, so this filter was left out."

    def __init__(self, data, choices):
        super().__init__(data)
        empty = {"member": "Any organisation", "theme": "Any theme"}
        for name, field in self.fields.items():
            field.choices = [("", empty[name]), *choices[name]]
            field.error_messages["invalid_choice"] = self.UNSUPPORTED

    def chosen(self):
        """{name: slug} of the valid filters chosen."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value and name not in self.errors
        }

    def filters(self):
        """The `EventQuerySet.about()` arguments for the filters chosen."""
        arguments = {"member": "organisation", "theme": "theme"}
        return {
            arguments[name]: get_object_or_404(self.MODELS[name], slug=slug)
            for name, slug in self.chosen().items()
        }

    def key(self):
        return "&".join(f"{name}={slug}" for name, slug in sorted(self.chosen().items()))


class EventListView(ListView):
    """Upcoming live events, soonest first, narrowed by the filters in the query string.

    Which events are on each page, and their cards, are kept with the rows of events and of
    what they are filtered by (`ContentPaginator`, `rows=` in the template); the content
    version, part of what they are kept under, also expires when an event finishes, so none
    lingers here once past.
    """

    template_name = "events/event_list.html"
    context_object_name = "events"
    paginator_class = ContentPaginator
    paginate_by = PAGE_SIZE
    query_parameters = ("member", "theme", "page")
    past = False

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        choices = cached_for_rows(SUBJECTS, "event-filter-choices", _subjects)
        self.filter_form = EventFilterForm(request.GET, choices)

    def events(self):
        live = Event.objects.live().about(**self.kept_filters()).for_listing()
        return live.past() if self.past else live.upcoming()

    def kept_filters(self):
        return cached_for_rows(
            SUBJECTS, f"event-filters:{self.filter_form.key()}", self.filter_form.filters
        )

    def get_queryset(self):
        return SimpleLazyObject(self.events)

    def get_template_names(self):
        return [self.template_name]

    def filter_fields(self):
        """The filters' markup, kept with the rows they offer, as their choices are: 50
        members' options took most of a kept page's time to render. Fields with errors show
        them, so are rendered afresh."""
        form = self.filter_form
        if form.errors:
            return form.render()
        return cached_for_rows(SUBJECTS, f"event-filter-fields:{form.key()}", form.render)

    def get_paginator(self, queryset, per_page, **kwargs):
        key = f"events:{'past' if self.past else 'upcoming'}?{self.filter_form.key()}"
        # Kept with the events' rows and their subjects', not under the content version: an
        # article's edit leaves the list as it was.
        keep = partial(cached_for_rows, [Event, *SUBJECTS])
        return super().get_paginator(self.events, per_page, count_key=key, keep=keep, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.filter_form,
            filter_fields=self.filter_fields,
            past=self.past,
            **kwargs,
        )


class PastEventListView(EventListView):
    past = True


def _listed_people():
    return Prefetch("people", queryset=Person.objects.listed())


class EventDetailView(PublishedDetailView):
    model = Event
    context_object_name = "event"
    prefetch = ("organisations", "themes", "priorities")

    def get_queryset(self):
        return super().get_queryset().select_related("organiser").prefetch_related(_listed_people())

    def kept_object(self, find):
        return cached_for_rows(PAGE_SHOWS, f"event:{self.kwargs['slug']}", find)


class SharedPreviewView(previews.SharedPreviewView):
    template_name = "events/event_detail.html"
    context_object_name = "event"
    share_link_model = ShareLink


def _calendar_response(content, filename=None):
    response = HttpResponse(content, content_type=calendar.CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=filename
        )
    return response


class EventCalendarView(View):
    """One live event as an .ics file, to add to a calendar."""

    query_parameters = ()

    def get(self, request, slug):
        def make():
            event = get_object_or_404(Event.objects.live(), slug=slug)
            return calendar.calendar([event], event.title, site_url(request), site_domain(request))

        content = cached_for_content(f"event-ics:{site_url(request)}:{slug}", make)
        return _calendar_response(content, f"{slug}.ics")


class CalendarFeedView(View):
    """A calendar to subscribe to: the partnership's events, or one member's or theme's.
    It carries the events to come and those of the last few months."""

    query_parameters = ()
    SUBJECTS = {"member": (Organisation, "organisation"), "theme": (ResearchTheme, "theme")}

    def get(self, request, kind=None, slug=None):
        def make():
            about, name = {}, "Birmingham Health Partners events"
            if kind:
                model, argument = self.SUBJECTS[kind]
                subject = model.objects.filter(slug=slug).first()
                if subject is None:
                    return None
                about = {argument: subject}
                name = f"{name}: {subject}"
            since = timezone.now() - FEED_PAST
            events = (
                Event.objects.live()
                .about(**about)
                .filter(finishes_at__gt=since)
                .for_listing()
                .order_by("starts_at", "pk")[:FEED_LIMIT]
            )
            return calendar.calendar(events, name, site_url(request), site_domain(request))

        content = cached_for_content(f"events-calendar:{site_url(request)}:{kind}:{slug}", make)
        if content is None:
            raise Http404("There is no such member or theme.")
        return _calendar_response(content)
