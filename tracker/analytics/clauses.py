"""Clause usage, co-occurrence, configurations and convergence, from the cubes.

Authored: the latest version of each license composed here. Hub: the clause
matches found in each model's license text. Only the date range applies (by
quarter of creation): composed licenses have no pipeline tag, family or
relation.
"""

from collections import Counter
from itertools import combinations

from django.db.models import Q, Sum

from ..models import Analytics, ConfigurationCell
from .filters import Filters
from .reads import state
from .specs import CLAUSES, CONVERGENCE
from .tables import Table, top

SOURCES = ("authored", "hub")
LEVELS = ("category", "clause")


def quarter_key(month: str) -> str:
    """'2024Q3' for '2024-08'; '' for ''."""
    if not month:
        return ""
    return f"{month[:4]}Q{(int(month[5:7]) - 1) // 3 + 1}"


def _quarter_bounds(f: Filters) -> Q:
    q = Q()
    if f.dated:
        q &= ~Q(quarter="")
    if f.date_from:
        q &= Q(quarter__gte=quarter_key(f.date_from))
    if f.date_to:
        q &= Q(quarter__lte=quarter_key(f.date_to))
    return q


def _configurations(f: Filters) -> dict[tuple[str, str], Counter]:
    """(level, source) -> Counter of item sets ("a,b") over the quarters kept."""
    found: dict[tuple[str, str], Counter] = {
        (level, source): Counter() for level in LEVELS for source in SOURCES
    }
    cells = ConfigurationCell.objects.filter(_quarter_bounds(f))
    for row in cells.values("level", "source", "items").annotate(n=Sum("licenses")):
        found[(row["level"], row["source"])][row["items"]] += row["n"]
    return found


def _usage(configs: dict[str, Counter]) -> list[list]:
    counts: dict[str, Counter] = {s: Counter() for s in SOURCES}
    for source in SOURCES:
        for items, n in configs[source].items():
            for item in filter(None, items.split(",")):
                counts[source][item] += n
    keys = set(counts["authored"]) | set(counts["hub"])
    rows = [[k, counts["authored"][k], counts["hub"][k]] for k in keys]
    return sorted(rows, key=lambda r: (-(r[1] + r[2]), r[0]))


def cooccurrence(configs: Counter, *, name: str, limit: int | None) -> Table:
    """Item × item: licenses carrying both (the diagonal: carrying the one)."""
    pairs: Counter = Counter()
    single: Counter = Counter()
    for items, n in configs.items():
        keys = sorted(filter(None, items.split(",")))
        for key in keys:
            single[key] += n
        for a, b in combinations(keys, 2):
            pairs[(a, b)] += n
    ranked = [k for k, _ in sorted(single.items(), key=lambda i: (-i[1], i[0]))]
    keys = top(ranked, limit)
    rows = [
        [a, *(single[a] if a == b else pairs[tuple(sorted((a, b)))] for b in keys)]
        for a in keys
    ]
    return Table.of(
        CLAUSES.table(name),
        rows,
        labels=keys,
        total_rows=len(ranked),
        total_columns=len(ranked),
    )


def _common(configs: dict[str, Counter], name: str, limit: int | None) -> Table:
    rows = [
        [source, items.replace(",", ", ") or "(none)", n]
        for source in SOURCES
        for items, n in sorted(configs[source].items(), key=lambda i: (-i[1], i[0]))
    ]
    rows.sort(key=lambda r: (-r[2], r[0], r[1]))
    return Table.of(CLAUSES.table(name), top(rows, limit), total_rows=len(rows))


def clause_figures(
    *, filters: Filters, level: str = "category", limit: int | None = None
) -> dict:
    """Usage per category and clause, co-occurrence at `level`, configurations."""
    found = _configurations(filters)
    categories = {s: found[("category", s)] for s in SOURCES}
    clauses = {s: found[("clause", s)] for s in SOURCES}
    chosen = categories if level == "category" else clauses
    spec = CLAUSES.table
    return {
        "summary": {
            "authored_licenses": sum(categories["authored"].values()),
            "hub_models_with_matches": sum(categories["hub"].values()),
            "level": level,
        },
        "tables": [
            Table.of(spec("category_usage"), _usage(categories)),
            Table.of(spec("clause_usage"), _usage(clauses)),
            cooccurrence(chosen["hub"], name="cooccurrence_hub", limit=limit),
            cooccurrence(chosen["authored"], name="cooccurrence_authored", limit=limit),
            _common(categories, "category_configurations", limit),
            _common(clauses, "clause_configurations", limit),
        ],
    }


def convergence_figures(*, filters: Filters, current: Analytics | None = None) -> dict:
    """Per quarter: licenses, distinct configurations, entropy, mean Jaccard.

    Read from the rollups' state row (`current`, loaded when not given).
    """
    current = current or state()
    data = current.convergence if current else {}
    lo, hi = quarter_key(filters.date_from), quarter_key(filters.date_to)
    rows = []
    for source in SOURCES:
        for level in ("clause", "category"):
            quarters = data.get(source, {}).get(level, {})
            # Undated last: "" sorts first, so it is moved.
            for quarter in sorted(quarters, key=lambda q: (q == "", q)):
                s = quarters[quarter]
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
        "summary": {"quarters": len({r[2] for r in rows if r[2] != "undated"})},
        "tables": [Table.of(CONVERGENCE.table("convergence"), rows)],
    }
