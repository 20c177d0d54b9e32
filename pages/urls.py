from django.urls import path, register_converter

from . import views


class PagePathConverter:
    """Slugs joined by slashes: anything else (dots, NUL bytes, spaces) is no page's
    address, and is refused before the database is asked."""

    regex = r"[-a-zA-Z0-9_]+(?:/[-a-zA-Z0-9_]+)*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PagePathConverter, "page_path")

app_name = "pages"

# Mounted last in the site's URLs: every address nothing else answers is looked up here.
urlpatterns = [
    path("page-preview/<str:token>/", views.SharedPreviewView.as_view(), name="shared-preview"),
    path("<page_path:path>/", views.PageView.as_view(), name="page"),
]
