"""Drift and license transitions, read from the cubes with the filters.

The family filter here is the parent's (base model's) license family, on the
drift summary and table alike; the date range and pipeline tag are the
child's; the relation keeps derivatives (or edges) with that relation.
"""

from collections import Counter, defaultdict

from ..models import FamilyDriftCell, TransitionCell, TransitionPairCell
from .adoption import derivative_summary
from .filters import Filters
from .reads import filtered, sums
from .specs import DRIFT, KINDS, TRANSITIONS
from .tables import Table, top


def drift_figures(*, filters: Filters, limit: int | None = None) -> dict:
    """Children of propagating parents: kept, dropped, undeclared, unknown."""
    summary = derivative_summary(filters)
    cells = filtered(
        FamilyDriftCell.objects.filter(restricted=True),
        filters,
        family_field="parent_family",
    )
    families: dict[str, Counter] = defaultdict(Counter)
    for row in sums(cells, "parent_family", "kind"):
        families[row["parent_family"]][row["kind"]] += row["n"]
    rows = [
        [family, sum(c.values()), *(c[k] for k in KINDS)]
        for family, c in sorted(
            families.items(), key=lambda i: (-sum(i[1].values()), i[0])
        )
    ]
    kinds = summary["children_of_restricted"]
    spec = DRIFT.table
    return {
        "summary": summary,
        "tables": [
            Table.of(spec("children_of_restricted"), [[k, kinds[k]] for k in KINDS]),
            Table.of(spec("drift_by_family"), top(rows, limit), total_rows=len(rows)),
            Table.of(
                spec("by_relation"),
                [[r, n] for r, n in summary["by_relation"].items()],
            ),
        ],
    }


def _ranked(counter: Counter) -> list[str]:
    return [k for k, _ in sorted(counter.items(), key=lambda i: (-i[1], i[0]))]


def transition_figures(*, filters: Filters, limit: int | None = None) -> dict:
    """Parent → child license transitions (edges): by family, matrix and list."""
    # Months and tags summed away already, when no filter needs them.
    cube = (
        TransitionCell if filters.dated or filters.pipeline_tag else TransitionPairCell
    )
    cells = filtered(cube.objects.all(), filters, family_field="parent_family")
    pairs = sums(cells, "relation", "parent_key", "child_key", total="edges")
    pairs.sort(key=lambda r: (-r["n"], r["relation"], r["parent_key"], r["child_key"]))
    by_family: dict[str, Counter] = defaultdict(Counter)
    for row in sums(cells, "parent_family", "child_kind", total="edges"):
        by_family[row["parent_family"]][row["child_kind"]] += row["n"]
    families = sorted(by_family, key=lambda k: (-sum(by_family[k].values()), k))
    matrix: dict[str, Counter] = defaultdict(Counter)
    parents: Counter = Counter()
    children: Counter = Counter()
    for row in pairs:
        matrix[row["parent_key"]][row["child_key"]] += row["n"]
        parents[row["parent_key"]] += row["n"]
        children[row["child_key"]] += row["n"]
    row_keys = _ranked(parents)
    all_columns = _ranked(children)
    column_keys = top(all_columns, limit)
    listed = [[r["relation"], r["parent_key"], r["child_key"], r["n"]] for r in pairs]
    spec = TRANSITIONS.table
    return {
        "summary": {"edges": sum(r["n"] for r in pairs)},
        "tables": [
            Table.of(
                spec("family_to_kind"),
                [[p, *(by_family[p][k] for k in KINDS)] for p in families],
            ),
            Table.of(
                spec("license_matrix"),
                [
                    [p, *(matrix[p][c] for c in column_keys)]
                    for p in top(row_keys, limit)
                ],
                labels=column_keys,
                total_rows=len(row_keys),
                total_columns=len(all_columns),
            ),
            Table.of(spec("transitions"), top(listed, limit), total_rows=len(listed)),
        ],
    }
