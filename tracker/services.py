"""Writes of the tracker: import runs from files or the live Hub, chunk by chunk."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Sum

from .hub_client import HubError, Listed, hub_endpoint, models_list
from .importers.formats import FORMATS, FormatError, detect_format
from .importers.formats import plan_spans as _plan_spans
from .importers.pipeline import BatchContext, Counts, chunk_process
from .importers.prefetch import ReadAhead, read_ahead_available
from .importers.readers import Broken, SourceRow
from .importers.records import HubRecord
from .importers.writers import batch_writer, parents_resolve, utcnow
from .models import ImportChunk, ImportRun, PutAsideRow

COUNT_FIELDS = (
    "read",
    "created",
    "updated",
    "unchanged",
    "put_aside",
    "skipped",
    "edges",
)
OnBatch = Callable[[ImportChunk, Counts, list[PutAsideRow]], None]


class ImportRunError(Exception):
    """A run cannot start or continue; the message says why."""


@dataclass
class Plan:
    run: ImportRun
    chunks: list[ImportChunk]


def _stale_before(now: datetime) -> datetime:
    # Unchanged rows get last_seen refreshed at most once per resolution, so a
    # repeated import writes nothing (see TRACKER_LAST_SEEN_RESOLUTION).
    return now - timedelta(seconds=settings.TRACKER_LAST_SEEN_RESOLUTION)


def import_run_plan(
    *,
    paths: list[Path],
    format_name: str | None = None,
    pieces: int = 1,
    options: dict | None = None,
    dry_run: bool = False,
) -> Plan:
    """Detect each file's format and split it into chunks; saved unless dry_run."""
    if not paths:
        raise ImportRunError("give at least one file")
    chunks: list[ImportChunk] = []
    names: list[str] = []
    for path in paths:
        try:
            fmt = FORMATS[format_name] if format_name else detect_format(path)
        except FormatError as exc:
            raise ImportRunError(str(exc)) from None
        if not Path(path).is_file():
            raise ImportRunError(f"{path}: no such file")
        names.append(fmt.name)
        for start, stop in _plan_spans(path, fmt, pieces=pieces):
            chunks.append(
                ImportChunk(
                    index=len(chunks),
                    path=str(Path(path).resolve()),
                    format=fmt.name,
                    start=start,
                    stop=stop,
                    position=start,
                )
            )
    run = ImportRun(
        source="files",
        format=",".join(dict.fromkeys(names))[:200],
        paths=[str(Path(p).resolve()) for p in paths],
        options=options or {},
        started_at=utcnow(),
    )
    if not dry_run:
        run.full_clean()
        with transaction.atomic():
            run.save()
            for chunk in chunks:
                chunk.run = run
            ImportChunk.objects.bulk_create(chunks)
    return Plan(run=run, chunks=chunks)


def import_run_execute(
    *,
    plan: Plan,
    batch_size: int,
    limit: int | None = None,
    dry_run: bool = False,
    should_stop: Callable[[], bool] = lambda: False,
    on_batch: OnBatch | None = None,
    on_chunk: Callable[[ImportChunk, object], None] | None = None,
    read_ahead: bool = True,
) -> Counts:
    """Process the plan's unfinished chunks in this process, in order.

    Listing files are parsed by a read-ahead process while this one writes,
    when forking is safe here (see importers.prefetch).
    """
    run = plan.run
    segment_start = utcnow()
    ctx = BatchContext(
        run_id=run.pk,
        path="",
        now=segment_start,
        stale_before=_stale_before(segment_start),
        dry_run=dry_run,
    )
    writer = batch_writer()
    total = Counts()
    remaining = None if limit is None else max(0, limit - run.read)
    stopped = False
    try:
        for chunk in plan.chunks:
            if chunk.status == ImportChunk.Status.DONE:
                continue
            fmt = FORMATS[chunk.format]
            start = chunk.position or chunk.start
            reader = fmt.reader(Path(chunk.path), start, chunk.stop)
            if on_chunk:
                on_chunk(chunk, reader)
            ctx.path = chunk.path
            process = partial(
                chunk_process,
                chunk=chunk,
                kind=fmt.kind,
                normalize=fmt.normalize,
                writer=writer,
                ctx=ctx,
                batch_size=batch_size,
                fill_only=fmt.fill_only,
                limit=remaining,
                should_stop=should_stop,
                on_batch=partial(on_batch, chunk) if on_batch else lambda c, i: None,
            )
            if read_ahead and fmt.kind == "listing" and read_ahead_available():
                with ReadAhead(
                    format_name=fmt.name,
                    path=chunk.path,
                    start=start,
                    stop=chunk.stop,
                    batch_size=batch_size,
                    limit=remaining,
                    stale_before=ctx.stale_before,
                ) as ahead:
                    counts, stopped = process(
                        rows=None, prepared=ahead, progress=reader
                    )
            else:
                counts, stopped = process(rows=reader)
            total.add(counts)
            if remaining is not None:
                remaining -= counts.read
            if stopped:
                break
    except KeyboardInterrupt:
        if not dry_run:
            import_run_finish(
                run=run, status=ImportRun.Status.INTERRUPTED, since=segment_start
            )
        raise
    except Exception as exc:
        if not dry_run:
            import_run_finish(
                run=run,
                status=ImportRun.Status.FAILED,
                error=repr(exc),
                since=segment_start,
            )
        raise
    if dry_run:
        for name in COUNT_FIELDS:
            setattr(run, name, getattr(total, name))
        run.status = ImportRun.Status.SUCCEEDED
        return total
    reached_limit = remaining is not None and remaining <= 0
    status = (
        ImportRun.Status.INTERRUPTED
        if stopped and not reached_limit
        else ImportRun.Status.SUCCEEDED
    )
    import_run_finish(run=run, status=status, since=segment_start)
    return total


def import_run_finish(
    *, run: ImportRun, status: str, error: str = "", since: datetime | None = None
) -> ImportRun:
    """Link parents that now exist, total the chunks and close the run."""
    linked = parents_resolve() if status != ImportRun.Status.FAILED else 0
    totals = run.chunks.aggregate(**{name: Sum(name) for name in COUNT_FIELDS})
    for name in COUNT_FIELDS:
        setattr(run, name, totals[name] or 0)
    now = utcnow()
    run.status = status
    run.error = error[:5000]
    run.finished_at = now
    run.duration = (run.duration or timedelta(0)) + (now - (since or run.started_at))
    run.options = {
        **run.options,
        "parents_linked": run.options.get("parents_linked", 0) + linked,
    }
    run.full_clean()
    run.save()
    return run


def import_run_resume(*, run_id: int) -> Plan:
    """Reopen an interrupted or failed file import at its committed positions."""
    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None:
        raise ImportRunError(f"there is no import run {run_id}")
    if run.source != "files":
        raise ImportRunError(f"run {run_id} is a {run.source} sync; start a new one")
    if run.status == ImportRun.Status.SUCCEEDED:
        raise ImportRunError(f"run {run_id} already finished; nothing to resume")
    chunks = list(run.chunks.exclude(status=ImportChunk.Status.DONE).order_by("index"))
    for chunk in chunks:
        if not Path(chunk.path).is_file():
            raise ImportRunError(f"{chunk.path} is gone; run {run_id} cannot resume")
    ImportChunk.objects.filter(pk__in=[c.pk for c in chunks]).update(
        status=ImportChunk.Status.PENDING, error=""
    )
    run.status = ImportRun.Status.RUNNING
    run.finished_at = None
    run.save(update_fields=["status", "finished_at"])
    return Plan(run=run, chunks=chunks)


# --- scale-out ----------------------------------------------------------------


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
    """Process one chunk (a worker's share); the last chunk to finish closes the run."""
    chunk = ImportChunk.objects.select_related("run").get(pk=chunk_id)
    if chunk.status == ImportChunk.Status.DONE:
        return Counts()
    run = chunk.run
    started = utcnow()
    fmt = FORMATS[chunk.format]
    ctx = BatchContext(
        run_id=run.pk, path=chunk.path, now=started, stale_before=_stale_before(started)
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
        )
    except Exception as exc:
        ImportChunk.objects.filter(pk=chunk.pk).update(
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


# --- live Hub -----------------------------------------------------------------


def _listed_rows(items: Iterator[Listed]) -> Iterator[SourceRow]:
    for item in items:
        raw = (
            item.record if item.record is not None else Broken(item.error, item.excerpt)
        )
        yield SourceRow(item.position, {"item": item.position}, raw)


def _listed(raw: HubRecord | Broken) -> HubRecord:
    if isinstance(raw, Broken):
        raise raw.error
    return raw


def hub_sync(
    *,
    author: str | None = None,
    search: str | None = None,
    limit: int | None = None,
    since: datetime | None = None,
    batch_size: int = 1000,
    on_batch: OnBatch | None = None,
) -> ImportRun:
    """Pull the live listing through huggingface_hub into the same upsert path."""
    started = utcnow()
    endpoint = hub_endpoint()
    options = {
        "author": author,
        "search": search,
        "limit": limit,
        "since": since.isoformat() if since else None,
    }
    run = ImportRun(
        source="hub-api",
        format="hub-api",
        paths=[endpoint],
        options={k: v for k, v in options.items() if v is not None},
        started_at=started,
    )
    run.full_clean()
    run.save()
    chunk = ImportChunk.objects.create(
        run=run, index=0, path=endpoint, format="hub-api"
    )
    ctx = BatchContext(
        run_id=run.pk, path=endpoint, now=started, stale_before=_stale_before(started)
    )
    items = models_list(author=author, search=search, limit=limit, since=since)
    try:
        chunk_process(
            chunk=chunk,
            rows=_listed_rows(items),
            kind="listing",
            normalize=_listed,
            writer=batch_writer(),
            ctx=ctx,
            batch_size=batch_size,
            on_batch=partial(on_batch, chunk) if on_batch else lambda c, i: None,
        )
    except HubError as exc:
        import_run_finish(run=run, status=ImportRun.Status.FAILED, error=str(exc))
        raise HubError(f"{exc}; run {run.pk} is marked failed") from exc
    except KeyboardInterrupt:
        import_run_finish(run=run, status=ImportRun.Status.INTERRUPTED)
        raise
    return import_run_finish(run=run, status=ImportRun.Status.SUCCEEDED)
