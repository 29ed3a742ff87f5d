"""Public read-only API for the analytics figures (mounted at /api/analytics/)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .analytics import (
    Filters,
    adherence_report,
    adoption_figures,
    clause_figures,
    convergence_figures,
    drift_figures,
    headline_from_rollups,
    transition_figures,
)
from .importers.records import RELATIONS


class FiltersInputSerializer(serializers.Serializer):
    date_from = serializers.RegexField(
        r"^\d{4}-(0[1-9]|1[0-2])$", required=False, help_text="YYYY-MM, inclusive"
    )
    date_to = serializers.RegexField(
        r"^\d{4}-(0[1-9]|1[0-2])$", required=False, help_text="YYYY-MM, inclusive"
    )
    pipeline_tag = serializers.CharField(required=False, max_length=64)
    family = serializers.CharField(
        required=False, max_length=30, help_text="License family (parent's for drift)"
    )
    relation = serializers.ChoiceField(choices=RELATIONS, required=False)

    def filters(self) -> Filters:
        fields = Filters.__dataclass_fields__
        return Filters(**{k: v for k, v in self.validated_data.items() if k in fields})


class ClauseFiltersInputSerializer(FiltersInputSerializer):
    source = serializers.ChoiceField(
        choices=["hub", "authored"],
        required=False,
        default="hub",
        help_text="Which licenses the co-occurrence matrix counts.",
    )


class TableOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(
        child=serializers.ListField(child=serializers.JSONField()),
        help_text="One list per row, in the order of `columns`.",
    )


class FigureOutputSerializer(serializers.Serializer):
    summary = serializers.DictField(child=serializers.JSONField())
    tables = TableOutputSerializer(many=True)


class RelationCountsSerializer(serializers.Serializer):
    finetune = serializers.IntegerField()
    adapter = serializers.IntegerField()
    quantized = serializers.IntegerField()
    merge = serializers.IntegerField()


class HeadlineOutputSerializer(serializers.Serializer):
    models = serializers.IntegerField()
    by_license = serializers.DictField(
        child=serializers.IntegerField(), help_text="Declared tag → models; `none`."
    )
    rail_share = serializers.FloatField()
    derivatives = serializers.IntegerField()
    by_relation = RelationCountsSerializer(
        help_text="Derivatives having each relation (once per relation)."
    )
    restricted_parent_children = serializers.IntegerField()
    dropped_restrictions = serializers.IntegerField()
    undeclared_children_of_restricted = serializers.IntegerField()


class DroppedOutputSerializer(serializers.Serializer):
    repo_id = serializers.CharField()
    license = serializers.CharField()
    path = serializers.ListField(child=serializers.CharField())


class KindCountsSerializer(serializers.Serializer):
    restricted = serializers.IntegerField()
    permissive = serializers.IntegerField()
    unknown = serializers.IntegerField()
    undeclared = serializers.IntegerField()


class AdherenceOutputSerializer(serializers.Serializer):
    repo_id = serializers.CharField()
    imported = serializers.BooleanField()
    license = serializers.CharField(allow_null=True)
    family = serializers.CharField(allow_null=True)
    kind = serializers.CharField(allow_null=True)
    descendants = serializers.IntegerField()
    descendants_by_kind = KindCountsSerializer()
    dropped_total = serializers.IntegerField()
    dropped = DroppedOutputSerializer(many=True)


class _FigureApi(APIView):
    """Shared: validate the filters, read the figure, serialize it."""

    authentication_classes: list = []
    permission_classes: list = []
    input_serializer = FiltersInputSerializer

    def figure(self, filters: Filters, data: dict) -> dict:
        raise NotImplementedError

    def get(self, request):
        given = self.input_serializer(data=request.query_params)
        given.is_valid(raise_exception=True)
        figure = self.figure(given.filters(), given.validated_data)
        return Response(FigureOutputSerializer(figure).data)


def _figure_api(name: str, read, description: str, inputs=FiltersInputSerializer):
    @extend_schema(
        parameters=[inputs],
        responses=FigureOutputSerializer,
        description=description,
        operation_id=f"analytics_{name}",
    )
    def get(self, request):
        return _FigureApi.get(self, request)

    return type(
        f"{name.title()}Api",
        (_FigureApi,),
        {
            "figure": lambda self, filters, data: read(filters, data),
            "get": get,
            "input_serializer": inputs,
            "__doc__": description,
        },
    )


AdoptionApi = _figure_api(
    "adoption",
    lambda f, _: adoption_figures(filters=f),
    "Models per license, family, month, pipeline tag and author.",
)
DriftApi = _figure_api(
    "drift",
    lambda f, _: drift_figures(filters=f),
    "Children of propagating parents: kept, dropped, undeclared, unknown; "
    "per parent license family.",
)
TransitionsApi = _figure_api(
    "transitions",
    lambda f, _: transition_figures(filters=f),
    "Parent → child license transitions (lineage edges), by relation.",
)
ClausesApi = _figure_api(
    "clauses",
    lambda f, data: clause_figures(filters=f, source=data.get("source", "hub")),
    "Clause and category usage, co-occurrence and common configurations.",
    ClauseFiltersInputSerializer,
)
ConvergenceApi = _figure_api(
    "convergence",
    lambda f, _: convergence_figures(filters=f),
    "Per quarter: distinct configurations, entropy, mean pairwise Jaccard.",
)


class HeadlineApi(APIView):
    """The hub_report figures, from the rollups, with the filters applied."""

    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        parameters=[FiltersInputSerializer],
        responses=HeadlineOutputSerializer,
        operation_id="analytics_headline",
    )
    def get(self, request):
        given = FiltersInputSerializer(data=request.query_params)
        given.is_valid(raise_exception=True)
        figures = headline_from_rollups(given.filters())
        return Response(HeadlineOutputSerializer(figures).data)


class AdherenceApi(APIView):
    """A model's descendants that drop its restrictions, with lineage paths."""

    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        responses=AdherenceOutputSerializer, operation_id="analytics_adherence"
    )
    def get(self, request, repo_id: str):
        return Response(
            AdherenceOutputSerializer(adherence_report(repo_id=repo_id)).data
        )
