"""Pages of the Hub tracker (mounted under /tracker/)."""

from django.urls import path

from . import views

app_name = "tracker"

urlpatterns = [
    path("", views.index, name="index"),
    path("models/<path:repo_id>/", views.model_detail, name="model"),
]
