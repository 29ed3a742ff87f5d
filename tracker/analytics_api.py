"""Public read-only API for the analytics figures (mounted at /api/analytics/).

Each figure endpoint accepts only the filters it applies; an unknown
parameter or value is a 400 that says what is accepted. Its input and output
serializers are derived from tracker.analytics.specs, so the OpenAPI schema
names every table and column the endpoint returns.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .analytics import (
    FIGURES,
    Filters,
    Table,
    adherence_read,
    figure_read,
    headline_from_rollups,
    state,
)
from .analytics.filters import MONTH_RE, family_values
from .analytics.specs import (
    ALL_FILTERS,
    BOTH,
    DERIVATIVE_SUMMARY,
    FAMILY_HELP,
    OWN,
    PARENT,
    Column,
    FigureSpec,
    TableSpec,
)
from .importers.records import RELATIONS

DEFAULT_LIMIT = 50
# Query parameters DRF itself reads (renderer choice).
RESERVED = {"format"}


def _camel(name: str) -> str:
    return "".join(part.title() for part in name.split("_"))


# --- input ----------------------------------------------------------------------


class RelationCountsSerializer(serializers.Serializer):
    finetune = serializers.IntegerField()
    adapter = serializers.IntegerField()
    quantized = serializers.IntegerField()
    merge = serializers.IntegerField()


class KindCountsSerializer(serializers.Serializer):
    restricted = serializers.IntegerField()
    permissive = serializers.IntegerField()
    unknown = serializers.IntegerField()
    undeclared = serializers.IntegerField()


class _FiltersBase(serializers.Serializer):
    """Validates against the values of the last rollups refresh (context)."""

    family_list = OWN

    def _choices(self) -> dict:
        return self.context.get("choices") or {}

    def _one_of(self, name: str, value: str, allowed: list[str]) -> str:
        if value not in allowed:
            shown = ", ".join(allowed[:30]) + (" …" if len(allowed) > 30 else "")
            raise serializers.ValidationError(
                f"Unknown {name} {value!r}; known: {shown or 'none yet'} "
                "(all of them: /api/analytics/filters/)."
            )
        return value

    def validate_pipeline_tag(self, value: str) -> str:
        return self._one_of(
            "pipeline tag", value, list(self._choices().get("pipeline_tag", []))
        )

    def validate_family(self, value: str) -> str:
        allowed = family_values(self._choices(), self.family_list)
        return self._one_of("family", value, allowed)

    def validate(self, data):
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise serializers.ValidationError({"date_to": "Ends before date_from."})
        return data

    def filters(self) -> Filters:
        fields = Filters.__dataclass_fields__
        return Filters(**{k: v for k, v in self.validated_data.items() if k in fields})


FAMILY_FIELD_HELP = {
    OWN: "The model's own license family.",
    PARENT: "The parent's (base model's) license family.",
    BOTH: FAMILY_HELP,
}


def _filter_fields(filters: tuple[str, ...], family: str) -> dict:
    month = {"regex": MONTH_RE.pattern, "required": False}
    made = {
        "date_from": serializers.RegexField(
            help_text="YYYY-MM of creation, inclusive.", **month
        ),
        "date_to": serializers.RegexField(help_text="YYYY-MM, inclusive.", **month),
        "pipeline_tag": serializers.CharField(
            required=False,
            help_text="The model's (the child's) pipeline tag; "
            "values: /api/analytics/filters/.",
        ),
        "family": serializers.CharField(
            required=False,
            help_text=f"{FAMILY_FIELD_HELP[family]} Values: /api/analytics/filters/.",
        ),
        "relation": serializers.ChoiceField(
            choices=RELATIONS,
            required=False,
            help_text="Derivatives (or edges) with this relation to a parent.",
        ),
    }
    return {name: made[name] for name in filters}


def input_serializer(
    name: str, filters: tuple[str, ...], family: str, extra: dict | None = None
):
    attrs = {**_filter_fields(filters, family), **(extra or {})}
    attrs["family_list"] = family
    return type(f"{_camel(name)}FiltersSerializer", (_FiltersBase,), attrs)


def _figure_input(spec: FigureSpec):
    extra = {
        "limit": serializers.IntegerField(
            required=False,
            default=DEFAULT_LIMIT,
            min_value=0,
            max_value=100_000,
            help_text="Rows per long table (and labels per matrix axis); 0: all.",
        )
    }
    for option, values in spec.options.items():
        extra[option] = serializers.ChoiceField(
            choices=values, required=False, default=values[0]
        )
    return input_serializer(spec.name, spec.filters, spec.family, extra)


# --- output ---------------------------------------------------------------------

FIELD_TYPES = {
    "str": lambda h: serializers.CharField(help_text=h),
    "int": lambda h: serializers.IntegerField(help_text=h),
    "float": lambda h: serializers.FloatField(help_text=h),
    "share": lambda h: serializers.FloatField(help_text=h),
    "float?": lambda h: serializers.FloatField(allow_null=True, help_text=h),
    "relations": lambda h: RelationCountsSerializer(help_text=h),
    "kinds": lambda h: KindCountsSerializer(help_text=h),
}


def _field(column: Column):
    return FIELD_TYPES[column.type](column.help or None)


def _table_serializer(prefix: str, spec: TableSpec):
    common = {
        "title": serializers.CharField(),
        "help": serializers.CharField(allow_blank=True),
        "total_rows": serializers.IntegerField(
            allow_null=True, help_text="Rows before the limit; null when not counted."
        ),
        "truncated": serializers.BooleanField(help_text="The limit cut the table."),
    }
    name = f"{prefix}{_camel(spec.name)}"
    if spec.matrix:
        row = type(
            f"{name}MatrixRowSerializer",
            (serializers.Serializer,),
            {
                "label": serializers.CharField(help_text=f"The {spec.matrix}."),
                "values": serializers.ListField(
                    child=serializers.IntegerField(),
                    help_text=f"One per column label: {spec.values}.",
                ),
            },
        )
        attrs = {
            **common,
            "row_label": serializers.CharField(help_text="What the rows are."),
            "columns": serializers.ListField(
                child=serializers.CharField(), help_text="The column labels."
            ),
            "total_columns": serializers.IntegerField(allow_null=True),
            "rows": row(many=True),
        }
        return type(f"{name}MatrixSerializer", (serializers.Serializer,), attrs)
    row = type(
        f"{name}RowSerializer",
        (serializers.Serializer,),
        {c.name: _field(c) for c in spec.columns},
    )
    attrs = {
        **common,
        "columns": serializers.ListField(child=serializers.CharField()),
        "rows": row(many=True),
    }
    return type(f"{name}TableSerializer", (serializers.Serializer,), attrs)


def output_serializer(spec: FigureSpec):
    prefix = _camel(spec.name)
    summary = type(
        f"{prefix}SummarySerializer",
        (serializers.Serializer,),
        {c.name: _field(c) for c in spec.summary},
    )
    tables = type(
        f"{prefix}TablesSerializer",
        (serializers.Serializer,),
        {t.name: _table_serializer(prefix, t)(help_text=t.title) for t in spec.tables},
    )
    return type(
        f"{prefix}OutputSerializer",
        (serializers.Serializer,),
        {"summary": summary(), "tables": tables()},
    )


def table_payload(table: Table) -> dict:
    """A table as the API returns it: records as objects, matrices by row."""
    payload = {
        "title": table.title,
        "help": table.help,
        "total_rows": table.total_rows,
        "truncated": table.truncated,
    }
    if table.matrix:
        return {
            **payload,
            "row_label": table.matrix,
            "columns": table.columns[1:],
            "total_columns": table.total_columns,
            "rows": [{"label": r[0], "values": r[1:]} for r in table.rows],
        }
    return {**payload, "columns": table.columns, "rows": table.as_dicts()}


# --- views ----------------------------------------------------------------------


class _AnalyticsApi(APIView):
    authentication_classes: list = []
    permission_classes: list = []
    input_serializer: type[serializers.Serializer]

    def validated(self, request, current) -> serializers.Serializer:
        given = self.input_serializer(
            data=request.query_params,
            context={"choices": current.choices if current else {}},
        )
        accepted = set(given.fields)
        unknown = sorted(set(request.query_params) - accepted - RESERVED)
        given.is_valid(raise_exception=False)
        errors = dict(given.errors) if given.errors else {}
        for name in unknown:
            errors[name] = [
                "Unknown parameter; this endpoint accepts: "
                + (", ".join(sorted(accepted)) or "none")
                + "."
            ]
        if errors:
            raise serializers.ValidationError(errors)
        return given


def figure_api(spec: FigureSpec) -> type[APIView]:
    inputs, outputs = _figure_input(spec), output_serializer(spec)

    @extend_schema(
        parameters=[inputs],
        responses=outputs,
        description=spec.description,
        operation_id=f"analytics_{spec.name}",
    )
    def get(self, request):
        current = state()
        given = self.validated(request, current)
        data = given.validated_data
        limit = data.get("limit", DEFAULT_LIMIT) or None
        options = {k: data[k] for k in spec.options if k in data}
        figure = figure_read(
            spec.name,
            filters=given.filters(),
            limit=limit,
            options=options,
            current=current,
        )
        body = {
            "summary": figure["summary"],
            "tables": {t.name: table_payload(t) for t in figure["tables"]},
        }
        # `outputs` documents this shape (tests hold the two together); running
        # hundreds of rows through nested serializers would triple the time.
        return Response(body)

    return type(
        f"{_camel(spec.name)}Api",
        (_AnalyticsApi,),
        {"get": get, "input_serializer": inputs, "__doc__": spec.description},
    )


AdoptionApi = figure_api(FIGURES["adoption"])
ClausesApi = figure_api(FIGURES["clauses"])
ConvergenceApi = figure_api(FIGURES["convergence"])
DriftApi = figure_api(FIGURES["drift"])
TransitionsApi = figure_api(FIGURES["transitions"])

HeadlineFiltersSerializer = input_serializer("headline", ALL_FILTERS, BOTH)


class HeadlineOutputSerializer(serializers.Serializer):
    models = serializers.IntegerField()
    by_license = serializers.DictField(
        child=serializers.IntegerField(), help_text="Declared tag → models; `none`."
    )
    rail_share = serializers.FloatField()
    derivatives = serializers.IntegerField(help_text=DERIVATIVE_SUMMARY[0].help)
    by_relation = RelationCountsSerializer(
        help_text="Derivatives having each relation (once per relation)."
    )
    restricted_parent_children = serializers.IntegerField()
    dropped_restrictions = serializers.IntegerField()
    undeclared_children_of_restricted = serializers.IntegerField()


class HeadlineApi(_AnalyticsApi):
    """The hub_report figures, from the rollups, with the filters applied."""

    input_serializer = HeadlineFiltersSerializer

    @extend_schema(
        parameters=[HeadlineFiltersSerializer],
        responses=HeadlineOutputSerializer,
        operation_id="analytics_headline",
        description=(
            "The hub_report figures. "
            + FAMILY_HELP
            + " The relation filter narrows the derivative figures only."
        ),
    )
    def get(self, request):
        current = state()
        given = self.validated(request, current)
        figures = headline_from_rollups(given.filters())
        return Response(HeadlineOutputSerializer(figures).data)


class FilterValuesSerializer(serializers.Serializer):
    pipeline_tag = serializers.ListField(child=serializers.CharField())
    family = serializers.ListField(
        child=serializers.CharField(), help_text="Models' own license families."
    )
    parent_family = serializers.ListField(
        child=serializers.CharField(),
        help_text="Parents' license families (drift, transitions).",
    )
    relation = serializers.ListField(child=serializers.CharField())
    months = serializers.ListField(
        child=serializers.CharField(), help_text="First and last month with models."
    )


class FilterValuesApi(_AnalyticsApi):
    """The values the filters accept, from the last rollups refresh."""

    input_serializer = input_serializer("filter_values", (), OWN)

    @extend_schema(responses=FilterValuesSerializer, operation_id="analytics_filters")
    def get(self, request):
        current = state()
        self.validated(request, current)
        choices = current.choices if current else {}
        body = {
            "pipeline_tag": choices.get("pipeline_tag", []),
            "family": choices.get("family", []),
            "parent_family": choices.get("parent_family", []),
            "relation": list(RELATIONS),
            "months": choices.get("months", []),
        }
        return Response(FilterValuesSerializer(body).data)


class DroppedOutputSerializer(serializers.Serializer):
    repo_id = serializers.CharField()
    license = serializers.CharField()
    path = serializers.ListField(child=serializers.CharField())


class AdherenceOutputSerializer(serializers.Serializer):
    repo_id = serializers.CharField()
    imported = serializers.BooleanField()
    license = serializers.CharField(allow_null=True)
    family = serializers.CharField(allow_null=True)
    kind = serializers.CharField(allow_null=True)
    restrictions = serializers.BooleanField(
        help_text="The model's license carries behavioral-use restrictions; "
        "only then can descendants drop them."
    )
    propagates = serializers.BooleanField(
        help_text="Its license requires derivatives to keep the restrictions."
    )
    descendants = serializers.IntegerField()
    descendants_by_kind = KindCountsSerializer()
    dropped_total = serializers.IntegerField()
    dropped = DroppedOutputSerializer(many=True)


class AdherenceApi(_AnalyticsApi):
    """A model's descendants that drop its restrictions, with lineage paths."""

    input_serializer = input_serializer("adherence", (), OWN)

    @extend_schema(
        responses=AdherenceOutputSerializer, operation_id="analytics_adherence"
    )
    def get(self, request, repo_id: str):
        self.validated(request, None)
        report = adherence_read(repo_id=repo_id, limit=500, current=state())
        return Response(AdherenceOutputSerializer(report).data)
