from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from . import views
from .readability import readability_panel
from .reviews import review_report

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/", include("news.urls")),
    path("members/", include("members.urls")),
    path("documents/", include("documents.urls")),
    path("", include("strategy.urls")),
    # Before the admin's own URLs, which would otherwise claim this address.
    path("admin/review/", admin.site.admin_view(review_report), name="review-report"),
    path("admin/readability/", admin.site.admin_view(readability_panel), name="readability"),
    path("admin/", admin.site.urls),
    path("health/", views.HealthView.as_view(), name="health"),
]

if not settings.AWS_STORAGE_BUCKET_NAME:
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", views.media, name="media")]
