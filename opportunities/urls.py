from django.urls import path

from . import views
from .feeds import AtomOpportunityFeed, JSONOpportunityFeed, OpportunityFeed

app_name = "opportunities"

urlpatterns = [
    path("", views.OpportunityListView.as_view(), name="list"),
    path("closed/", views.ClosedOpportunityListView.as_view(), name="closed"),
    path("feed/", OpportunityFeed(), name="feed"),
    path("feed/atom/", AtomOpportunityFeed(), name="feed-atom"),
    path("feed/json/", JSONOpportunityFeed(), name="feed-json"),
    path("preview/<str:token>/", views.SharedPreviewView.as_view(), name="shared-preview"),
    path("<slug:slug>/", views.OpportunityDetailView.as_view(), name="detail"),
]
