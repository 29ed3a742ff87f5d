"""Writes of the analytics rollups: license classes, the cubes, the headline.

`rollups_refresh()` first classes any new declared licenses, then compares
cheap fingerprints of its inputs (tracker.rollups.inputs) with those stored at
the last refresh, and rebuilds only the groups of cubes whose inputs changed:
when nothing changed it costs the fingerprints alone. Everything it writes
lands in one transaction, so readers see the old figures or the new ones.

Imports and match runs call `rollups_refresh_soon()` when they finish: with a
Celery broker it queues the `rollups_refresh` task once the caller's
transaction commits, else it refreshes in-process. Refreshes do not pile up:
one that finds another running leaves the work to it, and the running one
goes round again when its inputs moved while it worked.
"""

import json
import time

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from ..models import (
    AdoptionCell,
    Analytics,
    AuthorCell,
    AuthorFacetCell,
    AuthorRankCell,
    DerivativeCell,
    FamilyDriftCell,
    TransitionCell,
    TransitionPairCell,
)
from . import cubes
from .classes import catalog_resolver, license_classes_refresh, license_kind
from .configurations import configurations_rebuild, convergence_table, quarter_of
from .inputs import GROUPS, classes_input, source_inputs, stale_groups

__all__ = [
    "GROUPS",
    "catalog_resolver",
    "license_classes_refresh",
    "license_kind",
    "quarter_of",
    "refresh_summary",
    "rollups_refresh",
    "rollups_refresh_soon",
]

# A refresh that saw its inputs move while it ran goes round again, this often.
ROUNDS = 5


# The cube tables each group rewrites.
CUBES = {
    "adoption": (AdoptionCell, AuthorCell, AuthorFacetCell, AuthorRankCell),
    "lineage": (DerivativeCell, FamilyDriftCell, TransitionCell, TransitionPairCell),
}


def _analyze(group: str) -> None:
    """Fresh planner statistics for the rewritten cubes, on PostgreSQL.

    Autovacuum only gets to tables rewritten in one transaction later;
    until then the planner guessed a few thousand rows where the author
    facets hold two million, and a dated author read took 2.6 s, not 0.7.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for cube in CUBES.get(group, ()):
            cursor.execute(f"ANALYZE {cube._meta.db_table}")  # noqa: S608


def _adoption() -> dict[str, int]:
    for cube in CUBES["adoption"]:
        cube.objects.all().delete()
    counts = {"adoption": cubes.adoption(), "author_facets": cubes.author_facets()}
    return counts | {"authors": cubes.authors(), "author_ranks": cubes.author_ranks()}


def _lineage() -> dict[str, int]:
    for cube in CUBES["lineage"]:
        cube.objects.all().delete()
    return {
        "derivatives": cubes.derivatives(),
        "family_drift": cubes.family_drift(),
        "transitions": cubes.transitions(),
        "transition_pairs": cubes.transition_pairs(),
    }


COUNTED = {
    "adoption",
    "authors",
    "author_facets",
    "author_ranks",
    "derivatives",
    "family_drift",
    "transitions",
    "transition_pairs",
    "hub_configurations",
    "authored_configurations",
}
BUILDERS = {
    "adoption": _adoption,
    "lineage": _lineage,
    "hub_configurations": lambda: {
        "hub_configurations": configurations_rebuild(source="hub")
    },
    "authored_configurations": lambda: {
        "authored_configurations": configurations_rebuild(source="authored")
    },
}


def _ranked(qs, field: str, total: str = "total") -> list[str]:
    rows = qs.exclude(**{field: ""}).values(field).annotate(n=Sum(total))
    return [r[field] for r in sorted(rows, key=lambda r: (-r["n"], r[field]))]


def filter_choices() -> dict[str, list[str]]:
    """The values each filter accepts, most models first; months in order."""
    months = sorted(
        set(AdoptionCell.objects.exclude(month="").values_list("month", flat=True))
    )
    parent = _ranked(FamilyDriftCell.objects.all(), "parent_family")
    for family in _ranked(TransitionPairCell.objects.all(), "parent_family", "edges"):
        if family not in parent:
            parent.append(family)
    return {
        "pipeline_tag": _ranked(AdoptionCell.objects.all(), "pipeline_tag"),
        "family": _ranked(AdoptionCell.objects.all(), "family"),
        "parent_family": parent,
        "months": [months[0], months[-1]] if months else [],
    }


def _json(value):
    return json.loads(json.dumps(value, default=str))


def _state(*, wait: bool) -> Analytics | None:
    """The locked state row; None when another refresh holds it (wait=False)."""
    if not Analytics.objects.exists():
        Analytics.objects.get_or_create(pk=1)
    rows = Analytics.objects.order_by("pk").select_for_update(skip_locked=not wait)
    return rows.first()


def _refresh_once(*, full: bool, wait: bool) -> Analytics | None:
    started = time.perf_counter()
    with transaction.atomic():
        state = _state(wait=wait)
        if state is None:
            return None
        before = {} if full else dict(state.inputs or {})
        now = _json(source_inputs())
        catalog_moved = now["catalog"] != before.get("catalog") or now[
            "authored"
        ] != before.get("authored")
        clock = time.perf_counter()
        classes, changed = license_classes_refresh(full=full or catalog_moved)
        now["classes"] = classes_input()
        groups = {"license_classes": {"rebuilt": changed, "ms": _ms(clock)}}
        counts = {k: v for k, v in (state.counts or {}).items() if k in COUNTED} | {
            "license_classes": classes
        }
        stale = stale_groups(before, now)
        for group in GROUPS:
            clock = time.perf_counter()
            if group in stale:
                counts.update(BUILDERS[group]())
                _analyze(group)
            groups[group] = {"rebuilt": group in stale, "ms": _ms(clock)}
        if stale or not state.refreshed_at:
            from ..analytics.adoption import headline_from_rollups

            clock = time.perf_counter()
            state.headline = headline_from_rollups()
            state.convergence = convergence_table()
            state.choices = filter_choices()
            groups["headline"] = {"rebuilt": True, "ms": _ms(clock)}
        state.inputs = now
        state.groups = groups
        state.counts = counts
        state.refreshed_at = timezone.now()
        state.duration_ms = _ms(started)
        state.full_clean()
        state.save()
    return state


def _ms(since: float) -> int:
    return int((time.perf_counter() - since) * 1000)


def rollups_refresh(*, full: bool = False, wait: bool = True) -> Analytics | None:
    """Bring the rollups up to date; `full` rebuilds every cube regardless.

    With `wait=False` a refresh already running elsewhere is left to finish
    the job (returns None). The refresh goes round again, a few times at
    most, when its inputs changed while it ran.
    """
    state = None
    for _ in range(ROUNDS):
        state = _refresh_once(full=full, wait=wait) or state
        if state is None or _json(source_inputs()) == {
            k: v for k, v in state.inputs.items() if k != "classes"
        }:
            break
        full = False
    return state


def rollups_refresh_soon() -> str:
    """After an import or a match run: refresh on a Celery worker, or right here.

    Returns a line for the caller's output.
    """
    if settings.CELERY_BROKER_URL:
        from ..tasks import rollups_refresh as task

        transaction.on_commit(task.delay)
        return "analytics rollups: refresh queued"
    return f"analytics rollups: {refresh_summary(rollups_refresh())}"


def refresh_summary(state: Analytics) -> str:
    """'refreshed in 720 ms; rebuilt adoption 310 ms, lineage 290 ms, …'."""
    rebuilt = [
        f"{name} {group['ms']} ms"
        for name, group in (state.groups or {}).items()
        if group.get("rebuilt")
    ]
    return f"refreshed in {state.duration_ms} ms; rebuilt " + (
        ", ".join(rebuilt) or "nothing"
    )
