from django.urls import path, register_converter
from django.urls.converters import SlugConverter

from . import views
from .feeds import AtomNewsFeed, JSONNewsFeed, NewsFeed


class UnicodeSlugConverter(SlugConverter):
    """Tag slugs keep accents and other scripts ("café"), as django-taggit makes them."""

    regex = r"[-\w]+"


class FeedSubjectConverter(SlugConverter):
    """What a feed can be about: the news index filters of the same names."""

    regex = "member|theme|priority|tag"


register_converter(UnicodeSlugConverter, "tag")
register_converter(FeedSubjectConverter, "subject")

app_name = "news"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article-list"),
    path("tags/<tag:slug>/", views.TagArticleListView.as_view(), name="tag-detail"),
    path("feed/", NewsFeed(), name="feed"),
    path("feed/atom/", AtomNewsFeed(), name="feed-atom"),
    path("feed/json/", JSONNewsFeed(), name="feed-json"),
    path("feed/<subject:kind>/<tag:slug>/", NewsFeed(), name="subject-feed"),
    path("feed/<subject:kind>/<tag:slug>/atom/", AtomNewsFeed(), name="subject-feed-atom"),
    path("feed/<subject:kind>/<tag:slug>/json/", JSONNewsFeed(), name="subject-feed-json"),
    path("preview/<str:token>/", views.SharedPreviewView.as_view(), name="shared-preview"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
