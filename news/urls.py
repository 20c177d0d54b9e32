from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article-list"),
    path("tags/<slug:slug>/", views.TagArticleListView.as_view(), name="tag-detail"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
