"""Pages of the license composer (mounted at /licenses/)."""

from django.urls import path

from . import views

app_name = "licenses"

urlpatterns = [
    path("", views.license_index, name="index"),
    path("new/", views.wizard_start, name="wizard-start"),
    path("new/preview/", views.wizard_preview, name="wizard-preview"),
    path("new/<slug:step>/", views.wizard_step, name="wizard-step"),
    path("<slug:slug>/", views.version_detail, name="latest"),
    path("<slug:slug>/edit/", views.license_edit, name="edit"),
    path("<slug:slug>/v<int:number>/", views.version_detail, name="version"),
    path(
        "<slug:slug>/v<int:number>/download/<str:fmt>/",
        views.version_file,
        name="download",
    ),
    path("<slug:slug>/v<int:number>/badge.svg", views.version_badge, name="badge"),
    path("<slug:slug>/v<int:number>/qr.svg", views.version_qr, name="qr"),
    path("<slug:slug>/diff/", views.version_compare_pick, name="compare"),
    path(
        "<slug:slug>/diff/<int:old>...<int:new>/",
        views.version_compare,
        name="diff",
    ),
]
