"""Read-only REST endpoints for clauses, categories and the license catalog."""

from rest_framework import generics

from .filters import ClauseFilter, KnownLicenseFilter
from .selectors import category_list, clause_list, known_license_list
from .serializers import (
    CategoryOutputSerializer,
    ClauseDetailOutputSerializer,
    ClauseOutputSerializer,
    KnownLicenseOutputSerializer,
)


class ClauseListApi(generics.ListAPIView):
    """The clause library; filter by category, domain, flavor, artifact, status."""

    serializer_class = ClauseOutputSerializer
    filterset_class = ClauseFilter

    def get_queryset(self):
        return clause_list()


class ClauseDetailApi(generics.RetrieveAPIView):
    """One clause with every version it has had."""

    serializer_class = ClauseDetailOutputSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return clause_list().prefetch_related("versions__category")


class CategoryListApi(generics.ListAPIView):
    """The restriction-category vocabulary."""

    serializer_class = CategoryOutputSerializer
    pagination_class = None

    def get_queryset(self):
        return category_list()


class KnownLicenseListApi(generics.ListAPIView):
    """Known licenses; filter by family, propagates, category, on_hub_list."""

    serializer_class = KnownLicenseOutputSerializer
    filterset_class = KnownLicenseFilter

    def get_queryset(self):
        return known_license_list()


class KnownLicenseDetailApi(generics.RetrieveAPIView):
    serializer_class = KnownLicenseOutputSerializer
    lookup_field = "key"
    lookup_value_regex = r"[a-z0-9][a-z0-9.+_-]*"

    def get_queryset(self):
        return known_license_list()
