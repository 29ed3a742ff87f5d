"""The SQL cubes: one INSERT … SELECT … GROUP BY each over the models and edges.

The work stays in the database; at Hub scale the cubes hold thousands of rows
(the author ones: one row per author, or per author and facet), not millions
of models. Each builder returns the number of rows it wrote.
"""

from ..analytics.sql import (
    EDGES,
    MODELS,
    NOT_IMPORTED,
    class_joins,
    derivatives_cte,
    execute,
    family_of,
    key_of,
    kind_of,
    month_of,
    propagates_flag,
    relation_mask,
)
from ..models import (
    AdoptionCell,
    AuthorCell,
    AuthorFacetCell,
    AuthorRankCell,
    DerivativeCell,
    FamilyDriftCell,
    TransitionCell,
    TransitionPairCell,
)

# Authors kept per tag, family and tag x family in AuthorRankCell.
RANKED_AUTHORS = 5000

# Built from table names and code constants only.
# ruff: noqa: S608


def _insert(model, columns: list[str], select: str) -> int:
    table = model._meta.db_table
    return execute(f"INSERT INTO {table} ({', '.join(columns)}) {select}")


def _restricted(alias: str) -> str:
    return f"SUM(CASE WHEN {kind_of(alias)} = 'restricted' THEN 1 ELSE 0 END)"


def adoption() -> int:
    return _insert(
        AdoptionCell,
        ["month", "pipeline_tag", "declared", "key", "family", "kind", "total"],
        f"""
        SELECT {month_of("m")}, m.pipeline_tag,
               CASE WHEN m.declared_license = '' THEN 'none'
                    ELSE m.declared_license END,
               {key_of("m")}, {family_of("m")}, {kind_of("m")}, COUNT(*)
        FROM {MODELS} m {class_joins("m")}
        GROUP BY 1, 2, 3, 4, 5, 6
        """,
    )


def authors() -> int:
    """Summed from the author facets (build those first): no second model scan."""
    facets = AuthorFacetCell._meta.db_table
    return _insert(
        AuthorCell,
        ["author", "total", "behavioral"],
        f"""
        SELECT author, SUM(total), SUM(behavioral) FROM {facets} GROUP BY author
        """,
    )


def author_facets() -> int:
    return _insert(
        AuthorFacetCell,
        ["author", "month", "pipeline_tag", "family", "total", "behavioral"],
        f"""
        SELECT m.author, {month_of("m")}, m.pipeline_tag, {family_of("m")},
               COUNT(*), {_restricted("m")}
        FROM {MODELS} m {class_joins("m")}
        WHERE m.author <> ''
        GROUP BY 1, 2, 3, 4
        """,
    )


def author_ranks() -> int:
    """The top authors of each tag, family and tag x family, from the facets.

    A window over the grouped facets numbers each author within its facet
    value (most models first, ties by author), as the by-author table orders
    them; rows past RANKED_AUTHORS are not kept.
    """
    facets = AuthorFacetCell._meta.db_table
    written = 0
    for facet, tag, family in (
        ("tag", "pipeline_tag", "''"),
        ("family", "''", "family"),
        ("tag_family", "pipeline_tag", "family"),
    ):
        partition = ", ".join(c for c in (tag, family) if c != "''")
        written += _insert(
            AuthorRankCell,
            [
                *("facet", "pipeline_tag", "family", "rank"),
                "author",
                "total",
                "behavioral",
            ],
            f"""
            SELECT '{facet}', t, f, r, author, n, b FROM (
                SELECT {tag} AS t, {family} AS f, author, SUM(total) AS n,
                       SUM(behavioral) AS b,
                       ROW_NUMBER() OVER (
                           PARTITION BY {partition}
                           ORDER BY SUM(total) DESC, author
                       ) AS r
                FROM {facets}
                WHERE {"pipeline_tag <> ''" if tag != "''" else "1 = 1"}
                GROUP BY {partition}, author
            ) ranked
            WHERE r <= {RANKED_AUTHORS}
            """,
        )
    return written


def derivatives() -> int:
    return _insert(
        DerivativeCell,
        [
            "month",
            "pipeline_tag",
            "key",
            "family",
            "kind",
            "relations",
            "restricted",
            "total",
        ],
        f"""
        WITH {derivatives_cte()}
        SELECT {month_of("c")}, c.pipeline_tag, {key_of("c")}, {family_of("c")},
               {kind_of("c")}, d.relations, d.restricted = 1, COUNT(*)
        FROM d JOIN {MODELS} c ON c.id = d.child_id {class_joins("c")}
        GROUP BY 1, 2, 3, 4, 5, 6, 7
        """,
    )


def _parent(expr: str) -> str:
    return f"CASE WHEN e.parent_id IS NULL THEN '{NOT_IMPORTED}' ELSE {expr} END"


def family_drift() -> int:
    """Each derivative once per parent license family (the base-model family)."""
    parent_family = _parent(family_of("p"))
    return _insert(
        FamilyDriftCell,
        [
            "parent_family",
            "restricted",
            "month",
            "pipeline_tag",
            "kind",
            "relations",
            "total",
        ],
        f"""
        WITH f AS (
            SELECT e.child_id AS child_id, {parent_family} AS parent_family,
                   {relation_mask()} AS relations,
                   MAX({propagates_flag("p")}) AS restricted
            FROM {EDGES} e
            LEFT JOIN {MODELS} p ON p.id = e.parent_id
            {class_joins("p")}
            GROUP BY e.child_id, {parent_family}
        )
        SELECT f.parent_family, f.restricted = 1, {month_of("c")}, c.pipeline_tag,
               {kind_of("c")}, f.relations, COUNT(*)
        FROM f JOIN {MODELS} c ON c.id = f.child_id {class_joins("c")}
        GROUP BY 1, 2, 3, 4, 5, 6
        """,
    )


def transitions() -> int:
    return _insert(
        TransitionCell,
        [
            "relation",
            "parent_key",
            "parent_family",
            "parent_kind",
            "child_key",
            "child_family",
            "child_kind",
            "month",
            "pipeline_tag",
            "edges",
        ],
        f"""
        SELECT e.relation, {_parent(key_of("p"))}, {_parent(family_of("p"))},
               {_parent(kind_of("p"))}, {key_of("c")}, {family_of("c")},
               {kind_of("c")}, {month_of("c")}, c.pipeline_tag, COUNT(*)
        FROM {EDGES} e
        JOIN {MODELS} c ON c.id = e.child_id {class_joins("c")}
        LEFT JOIN {MODELS} p ON p.id = e.parent_id {class_joins("p")}
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
        """,
    )


def transition_pairs() -> int:
    """The transition cells summed over month and tag (build those first)."""
    cells = TransitionCell._meta.db_table
    return _insert(
        TransitionPairCell,
        [
            "relation",
            "parent_key",
            "parent_family",
            "child_key",
            "child_kind",
            "edges",
        ],
        f"""
        SELECT relation, parent_key, parent_family, child_key, child_kind,
               SUM(edges)
        FROM {cells}
        GROUP BY relation, parent_key, parent_family, child_key, child_kind
        """,
    )
