"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from clauses import views as clause_views

api_patterns = [
    path("", include("clauses.urls")),
    path("", include("licenses.api_urls")),
    path("", include("tracker.api_urls")),
    path("", include("tracker.detect_urls")),
    path("", include("tracker.analytics_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

urlpatterns = [
    path("", clause_views.home, name="home"),
    path("library/", clause_views.library, name="library"),
    path("licenses/", include("licenses.urls")),
    path("tracker/", include("tracker.urls")),
    path("api/", include(api_patterns)),
    path("admin/", admin.site.urls),
]
