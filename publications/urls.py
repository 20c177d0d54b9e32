from django.urls import path, re_path

from . import views
from .feeds import AtomPublicationFeed, PublicationFeed

app_name = "publications"

urlpatterns = [
    path("", views.PublicationListView.as_view(), name="publication-list"),
    path("feed/", PublicationFeed(), name="feed"),
    path("feed/atom/", AtomPublicationFeed(), name="feed-atom"),
    path("preview/<str:token>/", views.SharedPreviewView.as_view(), name="shared-preview"),
    path("<slug:slug>/", views.PublicationDetailView.as_view(), name="publication-detail"),
    # Only the two formats: any other ending is not an address of the site.
    re_path(
        r"^(?P<slug>[-a-zA-Z0-9_]+)/cite\.(?P<format>bib|ris)$",
        views.CitationView.as_view(),
        name="citation",
    ),
]
