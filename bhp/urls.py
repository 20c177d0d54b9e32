from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from core.links import broken_links_report
from core.readability import readability_panel
from core.reviews import review_report

from . import views
from .sitemaps import sitemap
from .two_factor import two_factor

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/", include("news.urls")),
    path("members/", include("members.urls")),
    path("documents/", include("documents.urls")),
    path("", include("strategy.urls")),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
    # Before the admin's own URLs, which would otherwise claim this address.
    path("admin/review/", admin.site.admin_view(review_report), name="review-report"),
    path("admin/broken-links/", admin.site.admin_view(broken_links_report), name="broken-links"),
    path("admin/readability/", admin.site.admin_view(readability_panel), name="readability"),
    path("admin/two-factor/", admin.site.admin_view(two_factor), name="two-factor"),
    path("search/", include("search.urls")),
    path("people/", include("people.urls")),
    path("opportunities/", include("opportunities.urls")),
    path("events/", include("events.urls")),
    path("publications/", include("publications.urls")),
    path("", include("contact.urls")),
    path("sign-off/", include("signoff.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("admin/", admin.site.urls),
    path("health/", views.HealthView.as_view(), name="health"),
]

# Also answers a database outage, wherever in the request it shows, with the 503 page.
handler500 = "bhp.views.server_error"

if not settings.AWS_STORAGE_BUCKET_NAME:
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", views.media, name="media")]

# Last of all: every address nothing above answers may be a page of the page tree.
urlpatterns += [path("", include("pages.urls"))]
