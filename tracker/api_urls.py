"""API routes of the Hub tracker (mounted under /api/)."""

from django.urls import path

from . import api

app_name = "tracker_api"

urlpatterns = [
    path(
        "hub-models/<path:repo_id>/lineage/",
        api.LineageApi.as_view(),
        name="model-lineage",
    ),
    path(
        "hub-models/<path:repo_id>/license/",
        api.ModelLicenseApi.as_view(),
        name="model-license",
    ),
    path("hub-models/<path:repo_id>/", api.HubModelDetailApi.as_view(), name="model"),
    path("import-runs/", api.ImportRunListApi.as_view(), name="run-list"),
    path("import-runs/<int:pk>/", api.ImportRunDetailApi.as_view(), name="run-detail"),
    path(
        "import-runs/<int:pk>/issues/",
        api.ImportRunIssuesApi.as_view(),
        name="run-issues",
    ),
]
