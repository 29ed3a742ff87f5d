"""Adoption and the headline figures, read from the cubes with the filters.

The family filter means a model's own license family for the model counts
(models, by_license, rail_share and the adoption tables) and the parent's
(base model's) license family for the derivative figures, as on the drift
page: "derivatives of llama-family models".
"""

from collections import Counter, defaultdict

from ..models import (
    AdoptionCell,
    DerivativeCell,
    FamilyDriftCell,
)
from .authors import author_table
from .filters import Filters
from .reads import filtered, share, sums, with_share
from .specs import ADOPTION, HEADLINE_DECLARED, KINDS
from .sql import RELATION_BITS
from .tables import Table, top

TOP_LICENSES_OVER_TIME = 6


def derivative_summary(f: Filters) -> dict:
    """Derivatives, per relation, and children of propagating parents per kind.

    Without a family filter every derivative counts once. With one, the
    derivatives of parents in that family count, once each, and "restricted"
    means a propagating parent in that family.
    """
    if f.family:
        cells = filtered(FamilyDriftCell.objects.all(), f, family_field="parent_family")
    else:
        cells = filtered(DerivativeCell.objects.all(), f)
    by_relation = dict.fromkeys(RELATION_BITS, 0)
    kinds = dict.fromkeys(KINDS, 0)
    derivatives = restricted = 0
    for row in sums(cells, "relations", "restricted", "kind"):
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


def headline_from_rollups(filters: Filters | None = None) -> dict:
    """The hub_report figures, summed over the cubes (same numbers, filterable).

    The relation filter narrows the derivative figures only.
    """
    f = filters or Filters()
    adoption = filtered(AdoptionCell.objects.all(), f)
    by_license: Counter = Counter()
    models = behavioral = 0
    for row in sums(adoption, "declared", "kind"):
        by_license[row["declared"]] += row["n"]
        models += row["n"]
        behavioral += row["n"] if row["kind"] == "restricted" else 0
    derived = derivative_summary(f)
    return {
        "models": models,
        "by_license": dict(sorted(by_license.items(), key=lambda i: (-i[1], i[0]))),
        "rail_share": share(behavioral, models),
        "derivatives": derived["derivatives"],
        "by_relation": derived["by_relation"],
        "restricted_parent_children": derived["restricted_parent_children"],
        "dropped_restrictions": derived["children_of_restricted"]["permissive"],
        "undeclared_children_of_restricted": derived["children_of_restricted"][
            "undeclared"
        ],
    }


def declared_table(headline: dict, *, limit: int | None) -> Table:
    rows = [[k, v] for k, v in headline["by_license"].items()]
    return Table.of(HEADLINE_DECLARED, top(rows, limit), total_rows=len(rows))


def monthly_table(filters: Filters) -> Table:
    """behavioral_by_month alone (the dashboard's chart), in one query."""
    cells = filtered(AdoptionCell.objects.exclude(month=""), filters, relation=False)
    months: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in sums(cells, "month", "kind"):
        months[row["month"]][0] += row["n"]
        if row["kind"] == "restricted":
            months[row["month"]][1] += row["n"]
    return Table.of(
        ADOPTION.table("behavioral_by_month"),
        [with_share(m, t, b) for m, (t, b) in sorted(months.items())],
    )


def adoption_figures(
    *,
    filters: Filters,
    limit: int | None = None,
    authors_total: int | None = None,
    with_authors: bool = True,
) -> dict:
    """Models per license, family, month, pipeline tag and author.

    `limit` cuts the long tables (licenses, authors); `authors_total`
    is how many authors the rollups hold, for the unfiltered author table.
    `with_authors=False` leaves the author table out: uncut, it has a row
    per author (a million at Hub scale), and a CSV of another table
    does not need it.
    """
    cells = filtered(AdoptionCell.objects.all(), filters, relation=False)
    by_key = sums(cells, "key", "family", "kind")
    by_key.sort(key=lambda r: (-r["n"], r["key"]))
    families: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in by_key:
        families[row["family"]][0] += row["n"]
        families[row["family"]][1] += row["n"] if row["kind"] == "restricted" else 0
    models = sum(v[0] for v in families.values())
    behavioral = sum(v[1] for v in families.values())

    months: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    tops = [r["key"] for r in by_key[:TOP_LICENSES_OVER_TIME]]
    over_time: dict[str, Counter] = defaultdict(Counter)
    tags: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in sums(cells, "month", "pipeline_tag", "key", "kind"):
        restricted = row["n"] if row["kind"] == "restricted" else 0
        tag = row["pipeline_tag"] or "(none)"
        tags[tag][0] += row["n"]
        tags[tag][1] += restricted
        if row["month"]:
            months[row["month"]][0] += row["n"]
            months[row["month"]][1] += restricted
            other = row["key"] if row["key"] in tops else "others"
            over_time[row["month"]][other] += row["n"]
    licenses = [[r["key"], r["family"], r["kind"], r["n"]] for r in by_key]
    tag_rows = [
        with_share(k, t, b)
        for k, (t, b) in sorted(tags.items(), key=lambda i: (-i[1][0], i[0]))
    ]
    labels = [*tops, "others"] if any(c["others"] for c in over_time.values()) else tops
    spec = ADOPTION.table
    return {
        "summary": {
            "models": models,
            "behavioral": behavioral,
            "rail_share": share(behavioral, models),
        },
        "tables": [
            Table.of(
                spec("behavioral_by_month"),
                [with_share(m, t, b) for m, (t, b) in sorted(months.items())],
            ),
            Table.of(
                spec("top_licenses_over_time"),
                [[m, *(c[k] for k in labels)] for m, c in sorted(over_time.items())],
                labels=labels,
            ),
            Table.of(
                spec("by_license"), top(licenses, limit), total_rows=len(licenses)
            ),
            Table.of(
                spec("by_family"),
                [
                    with_share(k, t, b)
                    for k, (t, b) in sorted(
                        families.items(), key=lambda i: (-i[1][0], i[0])
                    )
                ],
            ),
            # Every tag (they are few): the page charts them all.
            Table.of(spec("by_pipeline_tag"), tag_rows),
            *([author_table(filters, limit, authors_total)] if with_authors else []),
        ],
    }
