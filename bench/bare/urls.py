from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse("Hello")


urlpatterns = [path("", hello), path("health/", hello)]
