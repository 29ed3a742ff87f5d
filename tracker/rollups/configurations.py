"""Clause configurations per quarter, for licenses composed here and Hub models.

A configuration is the set of clauses (or of categories) one license carries.
Authored: the latest version of each license composed here (earlier versions
are drafts of the same license). Hub: the clause matches found in one model's
license text. The counts land in ConfigurationCell, one row per (source,
level, quarter, set); convergence is then summed from those rows alone.
"""

from collections import Counter, defaultdict

from licenses.models import LicenseVersion

from ..convergence import convergence_summary
from ..models import ClauseMatch, ConfigurationCell

Configurations = dict[tuple[str, str], Counter]  # (level, quarter) -> sets


def quarter_of(value) -> str:
    """'2024Q3' for a date or a 'YYYY-MM' month; '' when unknown."""
    if not value:
        return ""
    if isinstance(value, str):
        year, month = int(value[:4]), int(value[5:7])
    else:
        year, month = value.year, value.month
    return f"{year}Q{(month - 1) // 3 + 1}"


def _authored() -> Configurations:
    found: Configurations = defaultdict(Counter)
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
        found[("clause", quarter)][frozenset(clauses[version.pk])] += 1
        found[("category", quarter)][frozenset(categories[version.pk])] += 1
    return found


def _hub() -> Configurations:
    found: Configurations = defaultdict(Counter)
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
            found[("clause", quarter)][frozenset(clauses)] += 1
        found[("category", quarter)][frozenset(categories)] += 1

    for model_id, created, floor, category, slug in rows:
        if model_id != current:
            flush()
            current, clauses, categories = model_id, set(), set()
            quarter = "" if floor else quarter_of(created)
        categories.add(category)
        if slug:
            clauses.add(slug)
    flush()
    return found


def configurations_rebuild(*, source: str) -> int:
    """Replace one source's configuration cells ("authored" or "hub")."""
    found = _authored() if source == "authored" else _hub()
    ConfigurationCell.objects.filter(source=source).delete()
    cells = [
        ConfigurationCell(
            source=source,
            level=level,
            quarter=quarter,
            items=",".join(sorted(items)),
            licenses=count,
        )
        for (level, quarter), counter in found.items()
        for items, count in counter.items()
    ]
    ConfigurationCell.objects.bulk_create(cells, batch_size=2000)
    return len(cells)


def convergence_table() -> dict:
    """{source: {level: {quarter: summary}}}, plus "all" quarters together."""
    found: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    cells = ConfigurationCell.objects.values_list(
        "source", "level", "quarter", "items", "licenses"
    ).iterator(chunk_size=10_000)
    for source, level, quarter, items, count in cells:
        key = frozenset(filter(None, items.split(",")))
        found[(source, level, quarter)][key] += count
        found[(source, level, "all")][key] += count
    table: dict = defaultdict(lambda: defaultdict(dict))
    for (source, level, quarter), counter in sorted(found.items()):
        table[source][level][quarter] = convergence_summary(counter)
    return {source: dict(levels) for source, levels in table.items()}
