from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("strategy/", views.StrategyView.as_view(), name="strategy"),
    path("themes/<slug:slug>/", views.ResearchThemeDetailView.as_view(), name="theme-detail"),
    path("priorities/<slug:slug>/", views.PriorityDetailView.as_view(), name="priority-detail"),
]
