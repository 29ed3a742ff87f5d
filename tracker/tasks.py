"""Celery interface of the tracker: ids in, one service call."""

from celery import shared_task

from .match_services import matches_recompute
from .rollups import rollups_refresh_soon
from .worker_services import import_chunk_process


@shared_task(acks_late=True)
def import_chunk(*, chunk_id: int, batch_size: int) -> dict[str, int]:
    """Import one chunk of a planned run (queued by import_hub --workers)."""
    return import_chunk_process(chunk_id=chunk_id, batch_size=batch_size).as_dict()


@shared_task(acks_late=True)
def match_range(*, lo: int, hi: int, full: bool = False) -> dict:
    """Resolve the licenses of models with lo < id <= hi (queued by match_licenses)."""
    report = matches_recompute(id_range=(lo, hi), full=full).as_dict()
    rollups_refresh_soon()  # refreshes coalesce: the last range's one wins
    return report


@shared_task
def rollups_refresh() -> dict:
    """Bring the analytics rollups up to date (queued by rollups_refresh_soon)."""
    from .rollups import rollups_refresh as refresh

    state = refresh(wait=False)
    return state.groups if state else {"skipped": "another refresh is running"}
