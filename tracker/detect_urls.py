"""Routes of license and clause detection (mounted under /api/)."""

from django.urls import path

from . import detect_api

app_name = "detect"

urlpatterns = [
    path("detect/", detect_api.DetectApi.as_view(), name="detect"),
]
