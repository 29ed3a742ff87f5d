"""What each figure returns: its filters, summary fields, tables and columns.

One declaration serves three readers: the figure functions build their tables
from it, the API derives its OpenAPI serializers from it, and the admin pages
take titles and help texts from it. Tests check that every figure returns
exactly what its spec says.
"""

from dataclasses import dataclass, field

DATE_FILTERS = ("date_from", "date_to")
# Which family list a figure's family filter draws on.
OWN, PARENT, BOTH = "family", "parent_family", "both"
ALL_FILTERS = (*DATE_FILTERS, "pipeline_tag", "family", "relation")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # str | int | float | share | float? | relations | kinds | counts
    help: str = ""


@dataclass(frozen=True)
class TableSpec:
    name: str
    title: str
    help: str = ""
    columns: tuple[Column, ...] = ()
    # A matrix: the first column names the rows; the others are labels
    # (licenses, categories, months) found in the data, each holding a count.
    matrix: str = ""  # what the row labels are; "" for a record table
    values: str = ""  # what a matrix cell counts


@dataclass(frozen=True)
class FigureSpec:
    name: str
    description: str
    filters: tuple[str, ...]
    summary: tuple[Column, ...]
    tables: tuple[TableSpec, ...]
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)
    family: str = OWN  # own or parent license family (see FAMILY_HELP)

    def table(self, name: str) -> TableSpec:
        return next(t for t in self.tables if t.name == name)


def _c(name: str, type_: str = "int", help_: str = "") -> Column:
    return Column(name, type_, help_)


SHARE = _c("share", "share", "Behavioral-use models over all models (0-1).")
MODELS_BEHAVIORAL = (
    _c("models"),
    _c("behavioral", help_="Models under a behavioral-use license."),
    SHARE,
)
KINDS = ("restricted", "permissive", "unknown", "undeclared")
KIND_COLUMNS = tuple(_c(k) for k in KINDS)
FAMILY_HELP = (
    "Adoption figures filter on a model's own license family; derivative, drift "
    "and transition figures on the parent's (base model's) license family."
)
DERIVATIVE_SUMMARY = (
    _c("derivatives", help_="Models with at least one parent, each counted once."),
    _c("by_relation", "relations", "Derivatives having each relation."),
    _c(
        "restricted_parent_children",
        help_="Derivatives with an imported parent whose license propagates.",
    ),
    _c(
        "children_of_restricted",
        "kinds",
        "Those derivatives by the kind of their own license.",
    ),
)

ADOPTION = FigureSpec(
    name="adoption",
    description="Models per license, family, month, pipeline tag and author.",
    filters=(*DATE_FILTERS, "pipeline_tag", "family"),
    summary=(
        _c("models"),
        _c("behavioral", help_="Models under a behavioral-use license."),
        _c("rail_share", "share", "Behavioral-use share of the models (0-1)."),
    ),
    tables=(
        TableSpec(
            "behavioral_by_month",
            "Models created per month, and how many under a behavioral-use license",
            "Undated models (and those the Hub dates only by its 2022-03 floor) "
            "are left out.",
            (_c("month", "str", "YYYY-MM of creation."), *MODELS_BEHAVIORAL),
        ),
        TableSpec(
            "top_licenses_over_time",
            "Top licenses over time (models created per month)",
            "The six licenses with the most models; the rest are summed as others.",
            matrix="month",
            values="models created that month under that license",
        ),
        TableSpec(
            "by_license",
            "Models per license",
            "The license each model resolves to (catalog key), its family and kind.",
            (
                _c("license", "str"),
                _c("family", "str"),
                _c("kind", "str", "restricted | permissive | unknown | undeclared"),
                _c("models"),
            ),
        ),
        TableSpec(
            "by_family",
            "Models per license family",
            "",
            (_c("family", "str"), *MODELS_BEHAVIORAL),
        ),
        TableSpec(
            "by_pipeline_tag",
            "Models per pipeline tag",
            "",
            (_c("pipeline_tag", "str", "(none) when untagged."), *MODELS_BEHAVIORAL),
        ),
        TableSpec(
            "by_author",
            "Models per author",
            "",
            (_c("author", "str"), *MODELS_BEHAVIORAL),
        ),
    ),
)

HEADLINE_DECLARED = TableSpec(
    "by_declared_license",
    "Models per declared license tag",
    "The license tag as the model card gives it; none when undeclared.",
    (_c("declared", "str"), _c("models")),
)

DRIFT = FigureSpec(
    name="drift",
    description=(
        "Children of parents whose license propagates its restrictions: kept, "
        "dropped, undeclared, unknown; per parent license family."
    ),
    filters=ALL_FILTERS,
    family=PARENT,
    summary=DERIVATIVE_SUMMARY,
    tables=(
        TableSpec(
            "children_of_restricted",
            "Children of parents whose license propagates (each counted once)",
            "permissive: the child's license is a known one without behavioral "
            "restrictions (it drops them); undeclared: no license; unknown: "
            "`other` or not recognised.",
            (_c("kind", "str"), _c("children")),
        ),
        TableSpec(
            "drift_by_family",
            "Children of propagating parents, per parent license family",
            "A child with propagating parents in several families counts once in "
            "each of their rows.",
            (_c("parent_family", "str"), _c("children"), *KIND_COLUMNS),
        ),
        TableSpec(
            "by_relation",
            "Derivatives per relation (once per relation they have)",
            "",
            (_c("relation", "str"), _c("derivatives")),
        ),
    ),
)

TRANSITIONS = FigureSpec(
    name="transitions",
    description="Parent → child license transitions (lineage edges), by relation.",
    filters=ALL_FILTERS,
    family=PARENT,
    summary=(_c("edges", help_="Lineage edges counted."),),
    tables=(
        TableSpec(
            "family_to_kind",
            "Edges: parent license family → child license kind",
            "",
            (_c("parent_family", "str"), *KIND_COLUMNS),
        ),
        TableSpec(
            "license_matrix",
            "Edges: parent license → child license",
            "Rows: the parent's license (not-imported when the parent is not in "
            "the data); columns: the child's.",
            matrix="parent_license",
            values="edges from a parent under the row license to a child under "
            "the column license",
        ),
        TableSpec(
            "transitions",
            "License transitions per relation (edges)",
            "",
            (
                _c("relation", "str"),
                _c("parent_license", "str"),
                _c("child_license", "str"),
                _c("edges"),
            ),
        ),
    ),
)

CONFIGURATION_COLUMNS = (
    _c("source", "str", "authored (composed here) or hub."),
    _c("items", "str", "The set, comma-separated; (none) for an empty set."),
    _c("licenses", help_="Licenses carrying exactly this set."),
)

CLAUSES = FigureSpec(
    name="clauses",
    description=(
        "Clause and category usage, co-occurrence matrices and the most common "
        "configurations, for licenses composed here and Hub license texts."
    ),
    filters=DATE_FILTERS,
    options={"level": ("category", "clause")},
    summary=(
        _c("authored_licenses", help_="Latest versions of licenses composed here."),
        _c("hub_models_with_matches", help_="Hub models with clause matches."),
        _c("level", "str", "What the co-occurrence matrices count."),
    ),
    tables=(
        TableSpec(
            "category_usage",
            "Categories: licenses carrying each",
            "",
            (_c("category", "str"), _c("authored"), _c("hub")),
        ),
        TableSpec(
            "clause_usage",
            "Clauses: licenses carrying each",
            "",
            (_c("clause", "str"), _c("authored"), _c("hub")),
        ),
        TableSpec(
            "cooccurrence_hub",
            "Co-occurrence in Hub license texts",
            "Cell: Hub models whose license carries both; diagonal: carrying one.",
            matrix="item",
            values="licenses carrying both items",
        ),
        TableSpec(
            "cooccurrence_authored",
            "Co-occurrence in licenses composed here",
            "Cell: licenses composed here carrying both; diagonal: carrying one.",
            matrix="item",
            values="licenses carrying both items",
        ),
        TableSpec(
            "category_configurations",
            "Most common category configurations",
            "",
            CONFIGURATION_COLUMNS,
        ),
        TableSpec(
            "clause_configurations",
            "Most common clause configurations",
            "",
            CONFIGURATION_COLUMNS,
        ),
    ),
)

CONVERGENCE = FigureSpec(
    name="convergence",
    description=(
        "Per quarter of creation: licenses, distinct configurations, entropy of "
        "the configuration distribution and mean pairwise Jaccard similarity."
    ),
    filters=DATE_FILTERS,
    summary=(_c("quarters", help_="Quarters with at least one license."),),
    tables=(
        TableSpec(
            "convergence",
            "Convergence per quarter",
            "Mean pairwise Jaccard needs two licenses in the quarter; it is empty "
            "otherwise.",
            (
                _c("source", "str"),
                _c("level", "str", "clause or category sets."),
                _c("quarter", "str", "YYYYQn of creation; undated last."),
                _c("licenses"),
                _c("distinct_configurations"),
                _c("entropy_bits", "float", "0 when every license is alike."),
                _c("mean_pairwise_jaccard", "float?", "1 when every license is alike."),
            ),
        ),
    ),
)

FIGURES = {f.name: f for f in (ADOPTION, CLAUSES, CONVERGENCE, TRANSITIONS, DRIFT)}
HEADLINE_FILTERS = ALL_FILTERS
