from django.urls import path, register_converter
from django.urls.converters import SlugConverter

from . import views


class UnicodeSlugConverter(SlugConverter):
    """Tag slugs keep accents and other scripts ("café"), as django-taggit makes them."""

    regex = r"[-\w]+"


register_converter(UnicodeSlugConverter, "tag")

app_name = "news"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article-list"),
    path("tags/<tag:slug>/", views.TagArticleListView.as_view(), name="tag-detail"),
    path("preview/<str:token>/", views.SharedPreviewView.as_view(), name="shared-preview"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
