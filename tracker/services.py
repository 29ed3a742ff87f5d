"""Writes of the tracker: import runs from files or the live Hub, chunk by chunk.

Running chunks on Celery workers is in worker_services.
"""

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q, Sum

from .hub_client import HubError, Listed, hub_endpoint, models_list
from .importers.formats import FORMATS, FormatError, detect_format, snapshot_estimate
from .importers.formats import plan_spans as _plan_spans
from .importers.pipeline import BatchContext, Counts, chunk_process
from .importers.prefetch import ReadAhead, read_ahead_available
from .importers.readers import Broken, SourceRow
from .importers.records import HubRecord, utc_text
from .importers.writers import batch_writer, parents_resolve, utcnow
from .models import ImportChunk, ImportRun, PutAsideRow

# Each count is also a field of ImportRun and ImportChunk (see pipeline._checkpoint).
COUNT_FIELDS = tuple(f.name for f in fields(Counts))
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
    snapshot: datetime | None = None,
    dry_run: bool = False,
) -> Plan:
    """Detect each file's format and split it into chunks; saved unless dry_run.

    `snapshot` says when the files were taken; without it a hub-stats
    parquet's is read from its statistics, and other files' rows count as
    observed at their own last_modified (see importers.observations).
    """
    if not paths:
        raise ImportRunError("give at least one file")
    chunks: list[ImportChunk] = []
    names: list[str] = []
    snapshots: dict[str, str] = {}
    for path in paths:
        try:
            fmt = FORMATS[format_name] if format_name else detect_format(path)
        except FormatError as exc:
            raise ImportRunError(str(exc)) from None
        if not Path(path).is_file():
            raise ImportRunError(f"{path}: no such file")
        names.append(fmt.name)
        taken = utc_text(snapshot) if snapshot else snapshot_estimate(path, fmt)
        if taken:
            snapshots[str(Path(path).resolve())] = taken
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
        options={**(options or {}), "snapshots": snapshots},
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

    `limit` counts rows over the whole run, across resumes. Listing files are
    parsed by a read-ahead process while this one writes, when forking is
    safe here (see importers.prefetch).
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
            claim = "" if dry_run else _claim_here(chunk)
            fmt = FORMATS[chunk.format]
            start = chunk.position or chunk.start
            reader = fmt.reader(Path(chunk.path), start, chunk.stop)
            if on_chunk:
                on_chunk(chunk, reader)
            ctx.path = chunk.path
            ctx.format_name = fmt.name
            ctx.snapshot = _snapshot_of(run, chunk)
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
                claim=claim,
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
                    snapshot=ctx.snapshot,
                ) as ahead:
                    counts, stopped = process(
                        rows=None,
                        prepared=ahead,
                        progress=reader,
                        on_commit=ahead.mark_committed,
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
    except ImportRunError:
        raise  # a chunk is held by another process: the run is theirs to close
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


def _claim_here(chunk: ImportChunk) -> str:
    token = chunk_claim(chunk_id=chunk.pk)
    if token is None:
        raise ImportRunError(
            f"chunk {chunk.index} of run {chunk.run_id} is being imported "
            "elsewhere (its heartbeat is recent); wait for it or resume later"
        )
    chunk.claim = token
    return token


def _snapshot_of(run: ImportRun, chunk: ImportChunk) -> str | None:
    return (run.options.get("snapshots") or {}).get(chunk.path)


def chunk_claim(*, chunk_id: int, stall: timedelta | None = None) -> str | None:
    """Claim a chunk for this process; None when someone else holds it.

    A filtered update is the lock: it matches a pending chunk, or a running
    one whose heartbeat is older than `stall` (its worker died), so of two
    processes racing for one chunk exactly one wins.
    """
    stall = stall if stall is not None else _stall()
    now = utcnow()
    token = uuid.uuid4().hex
    free = Q(status=ImportChunk.Status.PENDING) | Q(
        status=ImportChunk.Status.RUNNING, heartbeat_at__lt=now - stall
    )
    claimed = (
        ImportChunk.objects.filter(pk=chunk_id)
        .filter(free)
        .update(status=ImportChunk.Status.RUNNING, claim=token, heartbeat_at=now)
    )
    return token if claimed else None


def _stall() -> timedelta:
    return timedelta(seconds=settings.TRACKER_WORKER_STALL_SECONDS)


def import_run_finish(
    *, run: ImportRun, status: str, error: str = "", since: datetime | None = None
) -> ImportRun:
    """Attach pending claims and link parents that now exist, total the chunks
    and close the run."""
    linked = 0
    if status != ImportRun.Status.FAILED:
        batch_writer().claims_attach()
        linked = parents_resolve()
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
    # New claims are given out as the chunks are processed again; a process
    # still holding an old one loses it at its next checkpoint.
    ImportChunk.objects.filter(pk__in=[c.pk for c in chunks]).update(
        status=ImportChunk.Status.PENDING, error="", claim=""
    )
    for chunk in chunks:
        chunk.status, chunk.claim = ImportChunk.Status.PENDING, ""
    run.status = ImportRun.Status.RUNNING
    run.finished_at = None
    run.error = ""
    run.save(update_fields=["status", "finished_at", "error"])
    return Plan(run=run, chunks=chunks)


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
    claim = uuid.uuid4().hex
    chunk = ImportChunk.objects.create(
        run=run,
        index=0,
        path=endpoint,
        format="hub-api",
        status=ImportChunk.Status.RUNNING,
        claim=claim,
        heartbeat_at=started,
    )
    ctx = BatchContext(
        run_id=run.pk,
        path=endpoint,
        now=started,
        stale_before=_stale_before(started),
        # A live listing is observed now: newer than any snapshot file.
        snapshot=utc_text(started),
        format_name="hub-api",
    )
    try:
        items = models_list(author=author, search=search, limit=limit, since=since)
        chunk_process(
            chunk=chunk,
            rows=_listed_rows(items),
            kind="listing",
            normalize=_listed,
            writer=batch_writer(),
            ctx=ctx,
            batch_size=batch_size,
            on_batch=partial(on_batch, chunk) if on_batch else lambda c, i: None,
            claim=claim,
        )
    except HubError as exc:
        import_run_finish(run=run, status=ImportRun.Status.FAILED, error=str(exc))
        raise HubError(f"{exc}; run {run.pk} is marked failed") from exc
    except KeyboardInterrupt:
        import_run_finish(run=run, status=ImportRun.Status.INTERRUPTED)
        raise
    except Exception as exc:
        # Whatever broke, the run must not stay "running".
        import_run_finish(run=run, status=ImportRun.Status.FAILED, error=repr(exc))
        raise HubError(
            f"sync failed after {run.chunks.get().read} models: {exc!r}; "
            f"run {run.pk} is marked failed"
        ) from exc
    return import_run_finish(run=run, status=ImportRun.Status.SUCCEEDED)
