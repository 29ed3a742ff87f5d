"""Cheap fingerprints of what the rollups are built from, and which cubes use what.

A refresh compares these with the ones stored at the last refresh and rebuilds
only the groups of cubes whose inputs differ. Each fingerprint is a handful of
aggregates (counts, largest ids, latest stamps) or, for the small catalog
tables, a hash of their rows, so computing them all costs a few index or table
scans, not a rebuild. Hub models change only through import runs, so their
fingerprint adds up what the runs report having created or updated.
"""

import hashlib
import json

from django.db.models import Count, Max, Sum

from clauses.models import Category, KnownLicense
from licenses.models import ChosenClause, CustomClause, License, LicenseVersion

from ..models import (
    ClauseMatch,
    HubModel,
    ImportChunk,
    ImportRun,
    LicenseClass,
    LineageEdge,
    ModelLicense,
)

# group -> the inputs its cubes are computed from.
GROUPS: dict[str, tuple[str, ...]] = {
    "adoption": ("models", "licenses", "classes"),
    "lineage": ("models", "edges", "licenses", "classes"),
    "hub_configurations": ("models", "clause_matches"),
    "authored_configurations": ("authored",),
}
# The layout of each group's cubes: bump a group's number when its cubes
# change shape or gain a table, so the next refresh rebuilds that group
# even though no input moved (databases migrated from an older layout).
LAYOUT: dict[str, int] = {
    "adoption": 2,  # 2: author ranks per tag and family
    "lineage": 2,  # 2: transition pairs
    "hub_configurations": 1,
    "authored_configurations": 1,
}


def _digest(rows) -> str:
    text = json.dumps(list(rows), default=str, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def _plain(values: dict) -> list:
    return [str(v) if v is not None else None for v in values.values()]


def catalog_input() -> str:
    """The known licenses, their categories and aliases: a hash of every row."""
    known = KnownLicense.objects.order_by("key").values_list(
        "key", "family", "propagates_restrictions", "aliases", "links"
    )
    categories = KnownLicense.categories.through.objects.order_by(
        "knownlicense_id", "category_id"
    ).values_list("knownlicense__key", "category__key")
    behavioral = Category.objects.order_by("key").values_list("key", "group")
    return _digest([list(known), list(categories), list(behavioral)])


def authored_input() -> list:
    """Licenses composed here: versions and their clauses only ever get added."""
    parts = [
        License.objects.aggregate(n=Count("pk"), last=Max("pk")),
        LicenseVersion.objects.aggregate(n=Count("pk"), last=Max("pk")),
        ChosenClause.objects.aggregate(n=Count("pk"), last=Max("pk")),
        CustomClause.objects.aggregate(n=Count("pk"), last=Max("pk")),
    ]
    return [_plain(p) for p in parts]


def models_input() -> list:
    counts = HubModel.objects.aggregate(n=Count("pk"), last=Max("pk"))
    changed = ("created", "updated", "edges")
    runs = ImportRun.objects.aggregate(**{c: Sum(c) for c in changed})
    # Chunks carry the counts of runs still going (a run totals them at its end).
    chunks = ImportChunk.objects.exclude(status=ImportChunk.Status.DONE).aggregate(
        **{c: Sum(c) for c in changed}
    )
    linked = sum(
        int(options.get("parents_linked", 0) or 0)
        for options in ImportRun.objects.values_list("options", flat=True)
    )
    return [_plain(counts), _plain(runs), _plain(chunks), linked]


def edges_input() -> list:
    return _plain(
        LineageEdge.objects.aggregate(
            n=Count("pk"), last=Max("pk"), linked=Count("parent_id")
        )
    )


def licenses_input() -> list:
    return _plain(ModelLicense.objects.aggregate(n=Count("pk"), last=Max("matched_at")))


def clause_matches_input() -> list:
    return _plain(ClauseMatch.objects.aggregate(n=Count("pk"), last=Max("pk")))


def classes_input() -> str:
    rows = LicenseClass.objects.order_by(
        "declared_license", "license_name", "license_link"
    ).values_list(
        "declared_license",
        "license_name",
        "license_link",
        "key",
        "family",
        "behavioral",
        "propagates",
        "kind",
    )
    return _digest(rows.iterator(chunk_size=10_000))


def source_inputs() -> dict:
    """Every input but the license classes (which the refresh derives first)."""
    return {
        "catalog": catalog_input(),
        "authored": authored_input(),
        "models": models_input(),
        "edges": edges_input(),
        "licenses": licenses_input(),
        "clause_matches": clause_matches_input(),
        "layout": LAYOUT,
    }


def stale_groups(before: dict, now: dict) -> list[str]:
    """The groups whose inputs differ between two fingerprints."""
    layout_before, layout_now = before.get("layout") or {}, now.get("layout") or {}
    return [
        group
        for group, used in GROUPS.items()
        if any(before.get(name) != now.get(name) for name in used)
        or layout_before.get(group) != layout_now.get(group)
    ]
