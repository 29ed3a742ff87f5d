"""API routes of the license composer (mounted under /api/)."""

from django.urls import path

from . import api

app_name = "licenses_api"

urlpatterns = [
    path("licenses/", api.LicenseCreateApi.as_view(), name="license-create"),
    path(
        "licenses/<slug:slug>/",
        api.LicenseVersionDetailApi.as_view(),
        name="license-detail",
    ),
    path(
        "licenses/<slug:slug>/versions/",
        api.LicenseVersionCreateApi.as_view(),
        name="version-create",
    ),
    path(
        "licenses/<slug:slug>/versions/<int:number>/",
        api.LicenseVersionDetailApi.as_view(),
        name="version-detail",
    ),
    path(
        "licenses/<slug:slug>/versions/<int:number>/download/",
        api.LicenseVersionDownloadApi.as_view(),
        name="version-download",
    ),
]
