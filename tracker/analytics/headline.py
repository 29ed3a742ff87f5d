"""The headline figures of `hub_report`, straight from the models in a few scans.

Definitions (pinned by tests/tracker/test_hub_report.py):
- `by_license`: the declared tag as given, `none` when undeclared.
- `rail_share`: models whose resolved license is behavioral-use (a catalog
  license with a behavioral category or restrictions-propagate, or one
  composed here), over all models.
- `derivatives`: models with at least one parent edge, each counted once.
- `by_relation`: derivatives per relation; a derivative is counted once for
  each relation it has, so the values can add up to more than `derivatives`.
- `restricted_parent_children`: derivatives with at least one imported parent
  whose license propagates; `dropped_restrictions` those of them under a
  known license without behavioral categories or propagation;
  `undeclared_children_of_restricted` those that declare no license.
"""

from .sql import (
    KINDS,
    MODELS,
    RELATION_BITS,
    class_joins,
    derivatives_cte,
    fetch,
    kind_of,
)

# ruff: noqa: S608
HEADLINE_KEYS = (
    "models",
    "by_license",
    "rail_share",
    "derivatives",
    "by_relation",
    "restricted_parent_children",
    "dropped_restrictions",
    "undeclared_children_of_restricted",
)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 6) if whole else 0.0


def headline_figures() -> dict:
    """The eight headline figures (needs LicenseClass rows: see rollups)."""
    by_license: dict[str, int] = {}
    models = behavioral = 0
    for declared, total, restricted in fetch(
        f"""
        SELECT m.declared_license, COUNT(*),
               SUM(CASE WHEN {kind_of("m")} = 'restricted' THEN 1 ELSE 0 END)
        FROM {MODELS} m {class_joins("m")}
        GROUP BY m.declared_license
        """
    ):
        name = declared or "none"
        by_license[name] = by_license.get(name, 0) + total
        models += total
        behavioral += restricted or 0
    derived = derivative_figures()
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


def derivative_figures() -> dict:
    """Derivatives, per relation, and children of restricted parents per kind."""
    relation_sums = ", ".join(
        f"SUM(CASE WHEN (d.relations & {bit}) <> 0 THEN 1 ELSE 0 END)"
        for bit in RELATION_BITS.values()
    )
    kind_sums = ", ".join(
        f"SUM(CASE WHEN d.restricted = 1 AND {kind_of('c')} = '{kind}' "
        "THEN 1 ELSE 0 END)"
        for kind in KINDS
    )
    row = fetch(
        f"""
        WITH {derivatives_cte()}
        SELECT COUNT(*), SUM(d.restricted), {relation_sums}, {kind_sums}
        FROM d JOIN {MODELS} c ON c.id = d.child_id {class_joins("c")}
        """
    )[0]
    values = [value or 0 for value in row]
    n = len(RELATION_BITS)
    return {
        "derivatives": values[0],
        "restricted_parent_children": values[1],
        "by_relation": dict(zip(RELATION_BITS, values[2 : 2 + n], strict=True)),
        "children_of_restricted": dict(zip(KINDS, values[2 + n :], strict=True)),
    }
