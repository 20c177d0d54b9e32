from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/", include("news.urls")),
    path("members/", include("members.urls")),
    path("", include("strategy.urls")),
    path("admin/", admin.site.urls),
    path("health/", views.HealthView.as_view(), name="health"),
]

if not settings.AWS_STORAGE_BUCKET_NAME:
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", views.media, name="media")]
