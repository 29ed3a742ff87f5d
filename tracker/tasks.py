"""Celery interface of the tracker: ids in, one service call."""

from celery import shared_task

from .match_services import matches_recompute
from .worker_services import import_chunk_process


@shared_task(acks_late=True)
def import_chunk(*, chunk_id: int, batch_size: int) -> dict[str, int]:
    """Import one chunk of a planned run (queued by import_hub --workers)."""
    return import_chunk_process(chunk_id=chunk_id, batch_size=batch_size).as_dict()


@shared_task(acks_late=True)
def match_range(*, lo: int, hi: int, full: bool = False) -> dict:
    """Resolve the licenses of models with lo < id <= hi (queued by match_licenses)."""
    return matches_recompute(id_range=(lo, hi), full=full).as_dict()


@shared_task
def rollups_refresh() -> dict[str, int]:
    """Rebuild the analytics rollups; queue after an import or a match run."""
    from .rollups import rollups_refresh as refresh

    return refresh().counts
