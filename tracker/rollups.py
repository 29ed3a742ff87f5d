"""Writes of the analytics rollups: license classes and the small cubes.

`rollups_refresh()` rebuilds every rollup table in one transaction. Each cube
is one INSERT … SELECT … GROUP BY over the models and edges, so the work stays
in the database; at Hub scale the cubes hold thousands of rows, not millions.
Call it after an import or a match run (`refresh_rollups`, or
`rollups_refresh_after_matching()` from the `match_licenses` command).
"""

import time
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from clauses.models import KnownLicense
from licenses.models import License, LicenseVersion

from .analytics.sql import (
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
from .convergence import convergence_summary
from .models import (
    AdoptionCell,
    Analytics,
    AuthorCell,
    ClauseMatch,
    ConfigurationCell,
    DerivativeCell,
    FamilyDriftCell,
    HubModel,
    LicenseClass,
    TransitionCell,
)
from .resolution import UNDECLARED, UNKNOWN, CatalogEntry, Resolver

# ruff: noqa: S608
PROPAGATES = "restrictions-propagate"
TOP_AUTHORS = 200


def license_kind(*, key: str, behavioral: bool, propagates: bool) -> str:
    """restricted | permissive | unknown | undeclared, for a resolved license."""
    if key == UNDECLARED:
        return "undeclared"
    if key in (UNKNOWN, "other"):
        return "unknown"
    return "restricted" if behavioral or propagates else "permissive"


def catalog_resolver() -> tuple[Resolver, dict[str, tuple[bool, bool]]]:
    """A Resolver over the catalog, and (behavioral, propagates) per key."""
    entries, facts = [], {}
    for known in KnownLicense.objects.prefetch_related("categories"):
        categories = list(known.categories.all())
        propagates = known.propagates_restrictions or any(
            c.key == PROPAGATES for c in categories
        )
        behavioral = propagates or any(c.is_behavioral for c in categories)
        entries.append(
            CatalogEntry(
                key=known.key,
                family=known.family,
                aliases=tuple(known.aliases),
                links=tuple(known.links),
                propagates=propagates,
            )
        )
        facts[known.key] = (behavioral, propagates)
    for license_ in License.objects.all():
        # Composed here: behavioral by construction; propagating when a
        # clause of its latest version says so.
        latest = license_.versions.order_by("-number").first()
        keys = _version_categories(latest) if latest else set()
        facts[f"railtrack:{license_.slug}"] = (True, PROPAGATES in keys)
    slugs = License.objects.values_list("slug", flat=True)
    return Resolver(entries, generated_slugs=list(slugs)), facts


def _version_categories(version: LicenseVersion) -> set[str]:
    chosen = version.chosen.values_list("clause_version__category__key", flat=True)
    custom = version.custom_clauses.values_list("category__key", flat=True)
    return set(chosen) | set(custom)


def license_classes_refresh() -> int:
    """Resolve every distinct declared (tag, name, link); returns how many."""
    resolver, facts = catalog_resolver()
    triples = (
        HubModel.objects.order_by()
        .values_list("declared_license", "license_name", "license_link")
        .distinct()
    )
    rows = []
    for tag, name, link in triples.iterator(chunk_size=10_000):
        found = resolver.resolve(tag=tag, name=name, link=link)
        behavioral, propagates = facts.get(found.key, (False, False))
        rows.append(
            LicenseClass(
                declared_license=tag,
                license_name=name,
                license_link=link,
                key=found.key,
                family=found.family,
                behavioral=behavioral,
                propagates=propagates,
                kind=license_kind(
                    key=found.key, behavioral=behavioral, propagates=propagates
                ),
            )
        )
    with transaction.atomic():
        LicenseClass.objects.all().delete()
        LicenseClass.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _insert(model, columns: list[str], select: str) -> int:
    table = model._meta.db_table
    return execute(f"INSERT INTO {table} ({', '.join(columns)}) {select}")


def _adoption() -> int:
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


def _derivatives() -> int:
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


def _parent_family() -> str:
    return (
        f"CASE WHEN e.parent_id IS NULL THEN '{NOT_IMPORTED}' ELSE {family_of('p')} END"
    )


def _family_drift() -> int:
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
            SELECT e.child_id AS child_id, {_parent_family()} AS parent_family,
                   {relation_mask()} AS relations,
                   MAX({propagates_flag("p")}) AS restricted
            FROM {EDGES} e
            LEFT JOIN {MODELS} p ON p.id = e.parent_id
            {class_joins("p")}
            GROUP BY e.child_id, {_parent_family()}
        )
        SELECT f.parent_family, f.restricted = 1, {month_of("c")}, c.pipeline_tag,
               {kind_of("c")}, f.relations, COUNT(*)
        FROM f JOIN {MODELS} c ON c.id = f.child_id {class_joins("c")}
        GROUP BY 1, 2, 3, 4, 5, 6
        """,
    )


def _transitions() -> int:
    def parent(expr: str) -> str:
        return f"CASE WHEN e.parent_id IS NULL THEN '{NOT_IMPORTED}' ELSE {expr} END"

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
            "edges",
        ],
        f"""
        SELECT e.relation, {parent(key_of("p"))}, {parent(family_of("p"))},
               {parent(kind_of("p"))}, {key_of("c")}, {family_of("c")},
               {kind_of("c")}, {month_of("c")}, COUNT(*)
        FROM {EDGES} e
        JOIN {MODELS} c ON c.id = e.child_id {class_joins("c")}
        LEFT JOIN {MODELS} p ON p.id = e.parent_id {class_joins("p")}
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        """,
    )


def _authors() -> int:
    return _insert(
        AuthorCell,
        ["author", "total", "behavioral"],
        f"""
        SELECT m.author, COUNT(*),
               SUM(CASE WHEN {kind_of("m")} = 'restricted' THEN 1 ELSE 0 END)
        FROM {MODELS} m {class_joins("m")}
        WHERE m.author <> ''
        GROUP BY m.author
        ORDER BY 2 DESC, 1
        LIMIT {TOP_AUTHORS}
        """,
    )


def quarter_of(value) -> str:
    """'2024Q3' for a date or a 'YYYY-MM' month; '' when unknown."""
    if not value:
        return ""
    if isinstance(value, str):
        year, month = int(value[:4]), int(value[5:7])
    else:
        year, month = value.year, value.month
    return f"{year}Q{(month - 1) // 3 + 1}"


Configurations = dict[tuple[str, str, str], Counter]  # (source, level, quarter)


def _authored_configurations(found: Configurations) -> None:
    # The latest version of each license composed here: earlier versions are
    # drafts of the same license, not separate choices.
    latest: dict[int, LicenseVersion] = {}
    versions = LicenseVersion.objects.order_by("license_id", "number").only(
        "id", "license_id", "number", "created_at"
    )
    for version in versions:
        latest[version.license_id] = version
    clauses: dict[int, set[str]] = defaultdict(set)
    categories: dict[int, set[str]] = defaultdict(set)
    ids = [v.pk for v in latest.values()]
    chosen = (
        LicenseVersion.clause_versions.through.objects.filter(
            license_version_id__in=ids
        )
        .values_list(
            "license_version_id",
            "clause_version__clause__slug",
            "clause_version__category__key",
        )
        .order_by()
    )
    for version_id, slug, category in chosen:
        clauses[version_id].add(slug)
        categories[version_id].add(category)
    custom = (
        LicenseVersion.objects.filter(pk__in=ids)
        .exclude(custom_clauses=None)
        .values_list("pk", "custom_clauses__category__key")
    )
    for version_id, category in custom:
        categories[version_id].add(category)
    for version in latest.values():
        quarter = quarter_of(version.created_at)
        found[("authored", "clause", quarter)][frozenset(clauses[version.pk])] += 1
        found[("authored", "category", quarter)][frozenset(categories[version.pk])] += 1


def _hub_configurations(found: Configurations) -> None:
    rows = (
        ClauseMatch.objects.order_by("model_id")
        .values_list(
            "model_id",
            "model__created_at",
            "model__created_at_is_floor",
            "category",
            "clause__slug",
        )
        .iterator(chunk_size=20_000)
    )
    current, quarter = None, ""
    clauses: set[str] = set()
    categories: set[str] = set()

    def flush() -> None:
        if current is None:
            return
        if clauses:
            found[("hub", "clause", quarter)][frozenset(clauses)] += 1
        found[("hub", "category", quarter)][frozenset(categories)] += 1

    for model_id, created, floor, category, slug in rows:
        if model_id != current:
            flush()
            current, clauses, categories = model_id, set(), set()
            quarter = "" if floor else quarter_of(created)
        categories.add(category)
        if slug:
            clauses.add(slug)
    flush()


def _configurations() -> tuple[int, dict]:
    found: Configurations = defaultdict(Counter)
    _authored_configurations(found)
    _hub_configurations(found)
    cells = [
        ConfigurationCell(
            source=source,
            level=level,
            quarter=quarter,
            items=",".join(sorted(items)),
            licenses=count,
        )
        for (source, level, quarter), counter in found.items()
        for items, count in counter.items()
    ]
    ConfigurationCell.objects.bulk_create(cells, batch_size=2000)
    return len(cells), convergence_table(found)


def convergence_table(found: Configurations) -> dict:
    """{source: {level: {quarter: summary}}}, plus "all" quarters together."""
    table: dict = defaultdict(lambda: defaultdict(dict))
    totals: Configurations = defaultdict(Counter)
    for (source, level, quarter), counter in sorted(found.items()):
        totals[(source, level, "all")].update(counter)
        table[source][level][quarter] = convergence_summary(list(counter.elements()))
    for (source, level, _), counter in totals.items():
        table[source][level]["all"] = convergence_summary(list(counter.elements()))
    return {source: dict(levels) for source, levels in table.items()}


CUBES: Iterable = (
    AdoptionCell,
    DerivativeCell,
    FamilyDriftCell,
    TransitionCell,
    AuthorCell,
    ConfigurationCell,
)


def rollups_refresh() -> Analytics:
    """Rebuild license classes and every cube; store the headline figures."""
    started = time.perf_counter()
    classes = license_classes_refresh()
    with transaction.atomic():
        for cube in CUBES:
            cube.objects.all().delete()
        counts = {
            "license_classes": classes,
            "adoption": _adoption(),
            "derivatives": _derivatives(),
            "family_drift": _family_drift(),
            "transitions": _transitions(),
            "authors": _authors(),
        }
        counts["configurations"], convergence = _configurations()
        from .analytics.figures import headline_from_rollups

        state = Analytics.objects.select_for_update().first() or Analytics()
        state.headline = headline_from_rollups()
        state.convergence = convergence
        state.counts = counts
        state.refreshed_at = timezone.now()
        state.duration_ms = int((time.perf_counter() - started) * 1000)
        state.full_clean()
        state.save()
    return state


def rollups_refresh_after_matching() -> Analytics:
    """Hook for `match_licenses` (and imports): the figures follow the data."""
    return rollups_refresh()
