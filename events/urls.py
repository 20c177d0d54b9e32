from django.urls import path, register_converter
from django.urls.converters import SlugConverter

from . import views


class CalendarSubjectConverter(SlugConverter):
    """What a calendar feed can be about: the events index filters of the same names."""

    regex = "member|theme"


register_converter(CalendarSubjectConverter, "calendar_subject")

app_name = "events"

urlpatterns = [
    path("", views.EventListView.as_view(), name="event-list"),
    path("past/", views.PastEventListView.as_view(), name="past-list"),
    path("calendar.ics", views.CalendarFeedView.as_view(), name="calendar"),
    path(
        "calendar/<calendar_subject:kind>/<slug:slug>.ics",
        views.CalendarFeedView.as_view(),
        name="subject-calendar",
    ),
    path("preview/<str:token>/", views.SharedPreviewView.as_view(), name="shared-preview"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("<slug:slug>/event.ics", views.EventCalendarView.as_view(), name="event-ics"),
]
