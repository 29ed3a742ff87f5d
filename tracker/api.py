"""Read-only REST endpoints of the tracker: models, lineage, import runs."""

from django.http import Http404
from rest_framework import generics
from rest_framework.permissions import IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView

from .lineage import descendants, family_size, lineage
from .models import ImportRun, PutAsideRow
from .selectors import (
    model_clause_matches,
    model_configuration_matches,
    model_get,
    model_is_known_parent,
    model_license_get,
    run_issues,
)
from .serializers import (
    HubModelOutputSerializer,
    ImportRunOutputSerializer,
    LineageOutputSerializer,
    ModelLicenseMatchOutputSerializer,
    PutAsideRowOutputSerializer,
)

DESCENDANTS_SHOWN = 1000


class HubModelDetailApi(APIView):
    """One imported model with its declared license and parent edges."""

    serializer_class = HubModelOutputSerializer

    def get(self, request, repo_id: str):
        model = model_get(repo_id=repo_id)
        if model is None:
            raise Http404
        return Response(HubModelOutputSerializer(model).data)


class ModelLicenseApi(APIView):
    """A model's resolved license, the clauses found in its text, and the licenses
    composed here that it adopted or resembles; 404 until it has been matched."""

    serializer_class = ModelLicenseMatchOutputSerializer

    def get(self, request, repo_id: str):
        model = model_get(repo_id=repo_id)
        resolution = model_license_get(model=model) if model else None
        if resolution is None:
            raise Http404
        data = {
            "repo_id": model.repo_id,
            "resolution": resolution,
            "clause_matches": model_clause_matches(model=model),
            "configuration_matches": model_configuration_matches(model=model),
        }
        return Response(ModelLicenseMatchOutputSerializer(data).data)


class LineageApi(APIView):
    """Ancestors, roots, depth, family size and (nearest 1000) descendants."""

    serializer_class = LineageOutputSerializer

    def get(self, request, repo_id: str):
        imported = model_get(repo_id=repo_id) is not None
        if not imported and not model_is_known_parent(repo_id=repo_id):
            raise Http404
        info = lineage(repo_id=repo_id)
        data = {
            "repo_id": repo_id,
            "imported": imported,
            "roots": info.roots,
            "depth": info.depth,
            "has_cycle": info.has_cycle,
            "family_size": family_size(repo_id=repo_id),
            "ancestors": info.ancestors,
            "descendants": descendants(repo_id=repo_id, limit=DESCENDANTS_SHOWN),
        }
        return Response(LineageOutputSerializer(data).data)


class ImportRunListApi(generics.ListAPIView):
    """Import runs, newest first, with their counts (staff only: they name
    server paths and quote raw input rows)."""

    permission_classes = [IsAdminUser]
    serializer_class = ImportRunOutputSerializer
    queryset = ImportRun.objects.order_by("-started_at", "-pk")


class ImportRunDetailApi(generics.RetrieveAPIView):
    permission_classes = [IsAdminUser]
    serializer_class = ImportRunOutputSerializer
    queryset = ImportRun.objects.all()


class ImportRunIssuesApi(generics.ListAPIView):
    """A run's put-aside rows: source position, reason, excerpt; ?reason= filters."""

    permission_classes = [IsAdminUser]
    serializer_class = PutAsideRowOutputSerializer
    queryset = PutAsideRow.objects.none()  # for the schema; see get_queryset

    def get_queryset(self):
        return run_issues(
            run_id=self.kwargs["pk"], reason=self.request.query_params.get("reason")
        )
