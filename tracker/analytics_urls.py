"""API routes of the analytics figures (mounted under /api/)."""

from django.urls import path

from . import analytics_api as api

app_name = "analytics"

urlpatterns = [
    path("analytics/headline/", api.HeadlineApi.as_view(), name="headline"),
    path("analytics/filters/", api.FilterValuesApi.as_view(), name="filters"),
    path("analytics/adoption/", api.AdoptionApi.as_view(), name="adoption"),
    path("analytics/clauses/", api.ClausesApi.as_view(), name="clauses"),
    path("analytics/convergence/", api.ConvergenceApi.as_view(), name="convergence"),
    path("analytics/drift/", api.DriftApi.as_view(), name="drift"),
    path("analytics/transitions/", api.TransitionsApi.as_view(), name="transitions"),
    path(
        "analytics/adherence/<path:repo_id>/",
        api.AdherenceApi.as_view(),
        name="adherence",
    ),
]
