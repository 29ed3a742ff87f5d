"""Writes for import runs on Celery workers: queue chunks, process one, watch."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from django.db import transaction
from django.db.models import Max, Sum

from .importers.formats import FORMATS
from .importers.pipeline import BatchContext, Counts, chunk_process
from .importers.writers import batch_writer, utcnow
from .models import ImportChunk, ImportRun
from .services import _snapshot_of, _stale_before, chunk_claim, import_run_finish


def import_run_dispatch(*, run: ImportRun, batch_size: int) -> int:
    """Queue every unfinished chunk as a Celery task once this transaction commits."""
    from .tasks import import_chunk as import_chunk_task

    chunk_ids = list(
        run.chunks.exclude(status=ImportChunk.Status.DONE).values_list("pk", flat=True)
    )
    for chunk_id in chunk_ids:
        transaction.on_commit(
            partial(import_chunk_task.delay, chunk_id=chunk_id, batch_size=batch_size)
        )
    return len(chunk_ids)


def import_chunk_process(*, chunk_id: int, batch_size: int) -> Counts:
    """Process one chunk (a worker's share); the last chunk to finish closes the run.

    The chunk is claimed first (see chunk_claim): a task delivered twice, or
    a chunk another worker holds, is left alone, so no row counts twice.
    """
    chunk = ImportChunk.objects.select_related("run").get(pk=chunk_id)
    run = chunk.run
    if (
        chunk.status == ImportChunk.Status.DONE
        or run.status != ImportRun.Status.RUNNING
    ):
        return Counts()
    claim = chunk_claim(chunk_id=chunk.pk)
    if claim is None:
        return Counts()
    chunk.refresh_from_db()
    started = utcnow()
    fmt = FORMATS[chunk.format]
    ctx = BatchContext(
        run_id=run.pk,
        path=chunk.path,
        now=started,
        stale_before=_stale_before(started),
        snapshot=_snapshot_of(run, chunk),
        format_name=fmt.name,
    )
    try:
        counts, _ = chunk_process(
            chunk=chunk,
            rows=fmt.reader(
                Path(chunk.path), chunk.position or chunk.start, chunk.stop
            ),
            kind=fmt.kind,
            normalize=fmt.normalize,
            writer=batch_writer(),
            ctx=ctx,
            batch_size=batch_size,
            fill_only=fmt.fill_only,
            claim=claim,
        )
    except Exception as exc:
        ImportChunk.objects.filter(pk=chunk.pk, claim=claim).update(
            status=ImportChunk.Status.FAILED, error=repr(exc)[:5000]
        )
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED, error=f"chunk {chunk.index}: {exc!r}"[:5000]
        )
        raise
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        unfinished = run.chunks.exclude(status=ImportChunk.Status.DONE).exists()
        if not unfinished and run.status == ImportRun.Status.RUNNING:
            import_run_finish(run=run, status=ImportRun.Status.SUCCEEDED)
    return counts


@dataclass
class Progress:
    """How far a run's chunks are, to tell a working run from a stalled one."""

    read: int
    done: int
    chunks: int
    heartbeat: datetime | None


def import_run_progress(*, run: ImportRun) -> Progress:
    totals = run.chunks.aggregate(read=Sum("read"), heartbeat=Max("heartbeat_at"))
    return Progress(
        read=totals["read"] or 0,
        done=run.chunks.filter(status=ImportChunk.Status.DONE).count(),
        chunks=run.chunks.count(),
        heartbeat=totals["heartbeat"],
    )


def import_run_stalled(*, run: ImportRun, waited: timedelta) -> ImportRun:
    """Mark a run whose workers showed no progress for `waited` as interrupted.

    Its committed work stays; import_hub --resume continues from there, and
    a worker that comes back loses its claim at its next checkpoint.
    """
    progress = import_run_progress(run=run)
    error = (
        f"no progress from the workers for {waited.total_seconds():g}s "
        f"({progress.done} of {progress.chunks} chunks done, {progress.read} rows "
        "read): no worker is running, or one died holding a chunk"
    )
    with transaction.atomic():
        locked = ImportRun.objects.select_for_update().get(pk=run.pk)
        if locked.status != ImportRun.Status.RUNNING:
            return locked
        return import_run_finish(
            run=locked, status=ImportRun.Status.INTERRUPTED, error=error
        )
