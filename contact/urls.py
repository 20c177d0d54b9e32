from django.urls import path

from . import views

app_name = "contact"

urlpatterns = [
    path("contact/", views.EnquiryView.as_view(), name="enquiry"),
    path("contact/sent/<str:token>/", views.SentView.as_view(), name="sent"),
    path("press/", views.PressView.as_view(), name="press"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
]
