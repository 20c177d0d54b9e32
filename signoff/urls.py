from django.urls import path

from . import views

app_name = "signoff"

urlpatterns = [
    path("<str:token>/", views.AnswerView.as_view(), name="answer"),
]
