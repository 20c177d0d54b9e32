"""The site's URLs plus one view that fails, to exercise the 500 page."""

from django.urls import path

from bhp.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("A deliberate failure for the test of the 500 page")


# First: the site's own end with the page tree's catch-all, which would answer it.
urlpatterns = [path("broken/", broken), *site_urlpatterns]
