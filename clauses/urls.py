"""API routes of the clause library (mounted under /api/)."""

from django.urls import path, re_path

from . import api

app_name = "clauses"

urlpatterns = [
    path("clauses/", api.ClauseListApi.as_view(), name="clause-list"),
    path("clauses/<slug:slug>/", api.ClauseDetailApi.as_view(), name="clause-detail"),
    path("categories/", api.CategoryListApi.as_view(), name="category-list"),
    path(
        "known-licenses/", api.KnownLicenseListApi.as_view(), name="known-license-list"
    ),
    re_path(
        r"^known-licenses/(?P<key>[a-z0-9][a-z0-9.+_-]*)/$",
        api.KnownLicenseDetailApi.as_view(),
        name="known-license-detail",
    ),
]
