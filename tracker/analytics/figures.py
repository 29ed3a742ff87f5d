"""Figures read from the rollup cubes, with the page and API filters applied.

Every function returns plain data: a summary dict and `Table`s, which the
admin pages draw and offer as CSV, and the API returns as JSON. Filters:
date range (month of creation; undated models drop out once a range is
given), pipeline tag, license family (the model's own, or the parent's for
drift and transitions) and relation (derivatives having that relation).
Transitions and clause figures ignore the pipeline tag; clause figures use
the date range by quarter.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import Q, QuerySet, Sum

from ..models import (
    AdoptionCell,
    Analytics,
    AuthorCell,
    ConfigurationCell,
    DerivativeCell,
    FamilyDriftCell,
    TransitionCell,
)
from .filters import Filters
from .sql import KINDS, RELATION_BITS

TOP = 20


@dataclass
class Table:
    name: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)

    def as_dicts(self) -> list[dict]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _share(part: int, whole: int) -> float:
    return round(part / whole, 6) if whole else 0.0


def _masks_with(relation: str) -> list[int]:
    bit = RELATION_BITS[relation]
    return [m for m in range(1 << len(RELATION_BITS)) if m & bit]


def _filtered(
    qs: QuerySet, f: Filters, *, family_field: str = "family", tag: bool = True
) -> QuerySet:
    if f.dated:
        qs = qs.exclude(month="")
    if f.date_from:
        qs = qs.filter(month__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(month__lte=f.date_to)
    if tag and f.pipeline_tag:
        qs = qs.filter(pipeline_tag=f.pipeline_tag)
    if f.family and family_field:
        qs = qs.filter(**{family_field: f.family})
    if f.relation:
        if qs.model is TransitionCell:
            qs = qs.filter(relation=f.relation)
        elif qs.model in (DerivativeCell, FamilyDriftCell):
            qs = qs.filter(relations__in=_masks_with(f.relation))
    return qs


def _sum(qs: QuerySet, *by: str, total: str = "total") -> list[dict]:
    return list(qs.values(*by).annotate(n=Sum(total)).order_by(*by))


# --- headline -------------------------------------------------------------------


def headline_from_rollups(filters: Filters | None = None) -> dict:
    """The hub_report figures, summed over the cubes (same numbers, filterable)."""
    f = filters or Filters()
    adoption = _filtered(AdoptionCell.objects.all(), f)
    by_license: Counter = Counter()
    models = behavioral = 0
    for row in _sum(adoption, "declared", "kind"):
        by_license[row["declared"]] += row["n"]
        models += row["n"]
        behavioral += row["n"] if row["kind"] == "restricted" else 0
    derived = derivative_summary(f)
    return {
        "models": models,
        "by_license": dict(sorted(by_license.items(), key=lambda i: (-i[1], i[0]))),
        "rail_share": _share(behavioral, models),
        "derivatives": derived["derivatives"],
        "by_relation": derived["by_relation"],
        "restricted_parent_children": derived["restricted_parent_children"],
        "dropped_restrictions": derived["children_of_restricted"]["permissive"],
        "undeclared_children_of_restricted": derived["children_of_restricted"][
            "undeclared"
        ],
    }


def derivative_summary(f: Filters) -> dict:
    rows = _sum(
        _filtered(DerivativeCell.objects.all(), f), "relations", "restricted", "kind"
    )
    by_relation = dict.fromkeys(RELATION_BITS, 0)
    kinds = dict.fromkeys(KINDS, 0)
    derivatives = restricted = 0
    for row in rows:
        derivatives += row["n"]
        for relation, bit in RELATION_BITS.items():
            if row["relations"] & bit:
                by_relation[relation] += row["n"]
        if row["restricted"]:
            restricted += row["n"]
            kinds[row["kind"]] += row["n"]
    return {
        "derivatives": derivatives,
        "by_relation": by_relation,
        "restricted_parent_children": restricted,
        "children_of_restricted": kinds,
    }


def state() -> Analytics | None:
    return Analytics.objects.first()


# --- adoption -------------------------------------------------------------------


def adoption_figures(*, filters: Filters) -> dict:
    """Models per license, family, month, pipeline tag and author."""
    cells = _filtered(AdoptionCell.objects.all(), filters)
    by_key = _sum(cells, "key", "family", "kind")
    by_key.sort(key=lambda r: (-r["n"], r["key"]))
    families: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in by_key:
        families[row["family"]][0] += row["n"]
        families[row["family"]][1] += row["n"] if row["kind"] == "restricted" else 0
    models = sum(v[0] for v in families.values())
    behavioral = sum(v[1] for v in families.values())

    months: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    tops = [r["key"] for r in by_key[:6]]
    over_time: dict[str, Counter] = defaultdict(Counter)
    for row in _sum(cells.exclude(month=""), "month", "key", "kind"):
        months[row["month"]][0] += row["n"]
        months[row["month"]][1] += row["n"] if row["kind"] == "restricted" else 0
        over_time[row["month"]][row["key"] if row["key"] in tops else "others"] += row[
            "n"
        ]
    tags: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in _sum(cells, "pipeline_tag", "kind"):
        tags[row["pipeline_tag"] or "(none)"][0] += row["n"]
        if row["kind"] == "restricted":
            tags[row["pipeline_tag"] or "(none)"][1] += row["n"]
    tag_rows = sorted(tags.items(), key=lambda i: (-i[1][0], i[0]))[:TOP]
    return {
        "summary": {
            "models": models,
            "behavioral": behavioral,
            "rail_share": _share(behavioral, models),
        },
        "tables": [
            Table(
                "behavioral_by_month",
                "Behavioral-use share by month of creation",
                ["month", "models", "behavioral", "share"],
                [[m, t, b, _share(b, t)] for m, (t, b) in sorted(months.items())],
            ),
            Table(
                "top_licenses_over_time",
                "Top licenses over time (models created per month)",
                ["month", *tops, "others"],
                [
                    [m, *(c[k] for k in tops), c["others"]]
                    for m, c in sorted(over_time.items())
                ],
            ),
            Table(
                "by_license",
                "Models per license",
                ["license", "family", "kind", "models"],
                [[r["key"], r["family"], r["kind"], r["n"]] for r in by_key],
            ),
            Table(
                "by_family",
                "Models per license family",
                ["family", "models", "behavioral", "share"],
                [
                    [k, t, b, _share(b, t)]
                    for k, (t, b) in sorted(families.items(), key=lambda i: -i[1][0])
                ],
            ),
            Table(
                "by_pipeline_tag",
                f"Top {TOP} pipeline tags",
                ["pipeline_tag", "models", "behavioral", "share"],
                [[k, t, b, _share(b, t)] for k, (t, b) in tag_rows],
            ),
            Table(
                "by_author",
                f"Top {TOP} authors (all dates and tags)",
                ["author", "models", "behavioral", "share"],
                [
                    [a.author, a.total, a.behavioral, _share(a.behavioral, a.total)]
                    for a in AuthorCell.objects.all()[:TOP]
                ],
            ),
        ],
    }


# --- drift ----------------------------------------------------------------------


def drift_figures(*, filters: Filters) -> dict:
    """Children of propagating parents: kept, dropped, undeclared, unknown."""
    summary = derivative_summary(filters)
    cells = _filtered(
        FamilyDriftCell.objects.filter(restricted=True),
        filters,
        family_field="parent_family",
    )
    families: dict[str, Counter] = defaultdict(Counter)
    for row in _sum(cells, "parent_family", "kind"):
        families[row["parent_family"]][row["kind"]] += row["n"]
    rows = [
        [family, sum(c.values()), *(c[k] for k in KINDS)]
        for family, c in sorted(families.items(), key=lambda i: -sum(i[1].values()))
    ]
    kinds = summary["children_of_restricted"]
    return {
        "summary": summary,
        "tables": [
            Table(
                "children_of_restricted",
                "Children of parents whose license propagates (each counted once)",
                ["kind", "children"],
                [[k, kinds[k]] for k in KINDS],
            ),
            Table(
                "drift_by_family",
                "Children of propagating parents, per parent license family",
                ["parent_family", "children", *KINDS],
                rows,
            ),
            Table(
                "by_relation",
                "Derivatives per relation (once per relation they have)",
                ["relation", "derivatives"],
                [[r, n] for r, n in summary["by_relation"].items()],
            ),
        ],
    }


def transition_figures(*, filters: Filters) -> dict:
    """Parent → child license transitions (edges), as a list and a matrix."""
    cells = _filtered(
        TransitionCell.objects.all(), filters, family_field="parent_family", tag=False
    )
    pairs = _sum(cells, "relation", "parent_key", "child_key", total="edges")
    pairs.sort(key=lambda r: (-r["n"], r["relation"], r["parent_key"], r["child_key"]))
    matrix: dict[str, Counter] = defaultdict(Counter)
    for row in _sum(cells, "parent_family", "child_kind", total="edges"):
        matrix[row["parent_family"]][row["child_kind"]] += row["n"]
    order = sorted(matrix, key=lambda k: -sum(matrix[k].values()))
    return {
        "summary": {"edges": sum(r["n"] for r in pairs)},
        "tables": [
            Table(
                "family_to_kind",
                "Edges: parent license family → child license kind",
                ["parent_family", *KINDS],
                [[p, *(matrix[p][k] for k in KINDS)] for p in order],
            ),
            Table(
                "transitions",
                f"Top {TOP * 2} license transitions (edges)",
                ["relation", "parent_license", "child_license", "edges"],
                [
                    [r["relation"], r["parent_key"], r["child_key"], r["n"]]
                    for r in pairs[: TOP * 2]
                ],
            ),
        ],
    }


# --- clauses and convergence ------------------------------------------------------


def _quarter_bounds(f: Filters) -> Q:
    q = Q()
    if f.dated:
        q &= ~Q(quarter="")
    if f.date_from:
        y, m = f.date_from.split("-")
        q &= Q(quarter__gte=f"{y}Q{(int(m) - 1) // 3 + 1}")
    if f.date_to:
        y, m = f.date_to.split("-")
        q &= Q(quarter__lte=f"{y}Q{(int(m) - 1) // 3 + 1}")
    return q


def _configurations(level: str, f: Filters) -> dict[str, Counter]:
    found: dict[str, Counter] = {"authored": Counter(), "hub": Counter()}
    cells = ConfigurationCell.objects.filter(_quarter_bounds(f), level=level)
    for row in cells.values("source", "items").annotate(n=Sum("licenses")):
        found[row["source"]][row["items"]] += row["n"]
    return found


def _usage(configs: dict[str, Counter]) -> list[list]:
    counts: dict[str, Counter] = {s: Counter() for s in configs}
    for source, counter in configs.items():
        for items, n in counter.items():
            for item in filter(None, items.split(",")):
                counts[source][item] += n
    keys = set(counts["authored"]) | set(counts["hub"])
    rows = [[k, counts["authored"][k], counts["hub"][k]] for k in keys]
    return sorted(rows, key=lambda r: (-(r[1] + r[2]), r[0]))


def cooccurrence(configs: Counter, *, top: int = TOP) -> Table:
    """Category × category: licenses carrying both (diagonal: carrying one)."""
    pairs: Counter = Counter()
    single: Counter = Counter()
    for items, n in configs.items():
        keys = sorted(filter(None, items.split(",")))
        for key in keys:
            single[key] += n
        for a, b in combinations(keys, 2):
            pairs[(a, b)] += n
    keys = [k for k, _ in sorted(single.items(), key=lambda i: (-i[1], i[0]))[:top]]
    rows = [
        [a, *(single[a] if a == b else pairs[tuple(sorted((a, b)))] for b in keys)]
        for a in keys
    ]
    return Table("cooccurrence", "Category co-occurrence", ["category", *keys], rows)


def clause_figures(*, filters: Filters, source: str = "hub") -> dict:
    """Clause and category usage, co-occurrence and common configurations.

    Authored here: the latest version of each composed license. On the Hub:
    the clause matches found in each model's license text.
    """
    categories = _configurations("category", filters)
    clauses = _configurations("clause", filters)
    common = [
        [s, items.replace(",", ", ") or "(none)", n]
        for s in ("authored", "hub")
        for items, n in sorted(categories[s].items(), key=lambda i: (-i[1], i[0]))[:TOP]
    ]
    heat = cooccurrence(categories[source if source in categories else "hub"])
    return {
        "summary": {
            "authored_licenses": sum(categories["authored"].values()),
            "hub_models_with_matches": sum(categories["hub"].values()),
            "cooccurrence_source": source,
        },
        "tables": [
            Table(
                "category_usage",
                "Categories: licenses carrying each",
                ["category", "authored", "hub"],
                _usage(categories),
            ),
            Table(
                "clause_usage",
                "Clauses: licenses carrying each",
                ["clause", "authored", "hub"],
                _usage(clauses),
            ),
            heat,
            Table(
                "configurations",
                f"Top {TOP} category configurations per source",
                ["source", "categories", "licenses"],
                common,
            ),
        ],
    }


def convergence_figures(*, filters: Filters) -> dict:
    """Per quarter: distinct configurations, entropy, mean pairwise Jaccard."""
    current = state()
    data = current.convergence if current else {}
    rows = []
    lo = _quarter_key(filters.date_from)
    hi = _quarter_key(filters.date_to)
    for source in ("authored", "hub"):
        for level in ("clause", "category"):
            for quarter, s in sorted(data.get(source, {}).get(level, {}).items()):
                if quarter == "all" or (filters.dated and not quarter):
                    continue
                if (lo and quarter < lo) or (hi and quarter > hi):
                    continue
                rows.append(
                    [
                        source,
                        level,
                        quarter or "undated",
                        s["licenses"],
                        s["distinct_configurations"],
                        s["entropy_bits"],
                        s["mean_pairwise_jaccard"],
                    ]
                )
    return {
        "summary": {"quarters": len({r[2] for r in rows})},
        "tables": [
            Table(
                "convergence",
                "Convergence per quarter",
                [
                    "source",
                    "level",
                    "quarter",
                    "licenses",
                    "distinct_configurations",
                    "entropy_bits",
                    "mean_pairwise_jaccard",
                ],
                rows,
            )
        ],
    }


def _quarter_key(month: str) -> str:
    if not month:
        return ""
    return f"{month[:4]}Q{(int(month[5:7]) - 1) // 3 + 1}"
