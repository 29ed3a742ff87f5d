"""The batch loop: a chunk's rows in fixed-size batches, committed in groups.

Each batch writes its chunk's resume position, its counts and its put-aside
rows in the same transaction as its rows, so an interrupted import resumed
later ends exactly where a clean run would. Several batches share one
transaction when the writer asks for it (SQLite, see writers.sqlite).
"""

import gc
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import F

from tracker.models import ImportChunk, PutAsideRow

from .batch import BatchContext, Counts
from .listing import Prepared, listing_apply, listing_batch
from .readers import SourceRow
from .supplements import supplement_batch
from .writers import BatchWriter, utcnow


class ClaimLost(Exception):
    """Someone else took this chunk over; this process's open work is undone."""


def batches(
    rows: Iterable[SourceRow], size: int
) -> Iterator[tuple[list, Exception | None]]:
    """Fixed-size batches; a failing source still hands over what it had read."""
    iterator = iter(rows)
    while True:
        batch: list[SourceRow] = []
        error: Exception | None = None
        try:
            for row in iterator:
                batch.append(row)
                if len(batch) >= size:
                    break
        except Exception as exc:  # noqa: BLE001 - re-raised after the write
            error = exc
        if batch or error:
            yield batch, error
        if error or len(batch) < size:
            return


Step = Callable[[], tuple[Counts, list[PutAsideRow], dict | None]]


def chunk_process(
    *,
    chunk: ImportChunk,
    rows: Iterable[SourceRow] | None,
    kind: str,
    normalize: Callable[[Any], Any],
    writer: BatchWriter,
    ctx: BatchContext,
    batch_size: int,
    fill_only: bool = False,
    limit: int | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    on_batch: Callable[[Counts, list[PutAsideRow]], None] = lambda c, i: None,
    prepared: Iterable[tuple[Prepared, int, set[str]]] | None = None,
    progress: Any = None,
    claim: str = "",
    on_commit: Callable[[], None] = lambda: None,
) -> tuple[Counts, bool]:
    """Run one chunk to its end (or limit, or stop request); returns counts, stopped.

    Rows come raw (`rows`, parsed here) or already parsed by the read-ahead
    process (`prepared`, listing formats only). A batch's writes, put-aside
    rows and resume position commit together, possibly with the next ones
    (`on_commit` runs after each commit); `on_batch` sees each batch once it
    is written. Every checkpoint checks that the chunk is still claimed with
    `claim`, else raises ClaimLost.
    """
    # Parsed rows hold no reference cycles; with the cyclic collector on, its
    # full passes over millions of short-lived dicts cost more than parsing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        if prepared is None:
            steps = _inline_steps(
                rows, kind, normalize, writer, ctx, batch_size, fill_only, limit
            )
        else:
            steps = _prepared_steps(prepared, writer, ctx, progress)
        total = Counts()
        writer.prepare()
        steps = iter(steps)
        number = 0
        while True:
            began = time.monotonic()
            grouped = 0
            stop = exhausted = False
            failure: Exception | None = None
            with transaction.atomic():
                while True:
                    try:
                        step = next(steps)
                    except StopIteration:
                        exhausted = True
                        break
                    except Exception as exc:  # noqa: BLE001 - re-raised below
                        # The source failed: what was written before it stays.
                        failure = exc
                        break
                    number += 1
                    counts, issues, resume = step()
                    if not ctx.dry_run:
                        writer.put_aside(issues)
                        _checkpoint(chunk, resume, counts, claim)
                    total.add(counts)
                    on_batch(counts, issues)
                    grouped += counts.read
                    if number % 20 == 0:
                        gc.collect(1)  # in case something did make a cycle
                    if (limit is not None and total.read >= limit) or should_stop():
                        stop = True
                        break
                    if (
                        grouped >= writer.commit_rows
                        or time.monotonic() - began >= writer.commit_seconds
                    ):
                        break
            on_commit()
            if failure is not None:
                raise failure
            if stop:
                _release(chunk, claim, ctx)
                return total, True
            if exhausted:
                break
    finally:
        if enabled:
            gc.enable()
    if not ctx.dry_run:
        done = ImportChunk.objects.filter(pk=chunk.pk, claim=claim).update(
            status=ImportChunk.Status.DONE, heartbeat_at=utcnow()
        )
        if not done:
            raise ClaimLost(f"chunk {chunk.index} was taken over before it finished")
    chunk.status = ImportChunk.Status.DONE
    return total, False


def _inline_steps(
    rows, kind, normalize, writer, ctx, batch_size, fill_only, limit
) -> Iterator[Step]:
    read = 0
    for batch, error in batches(rows, batch_size):
        if limit is not None and read + len(batch) > limit:
            batch = batch[: limit - read]
        if batch:
            read += len(batch)
            yield partial(_inline_batch, batch, kind, normalize, writer, ctx, fill_only)
        if error is not None:
            raise error


def _inline_batch(batch, kind, normalize, writer, ctx, fill_only):
    if kind == "listing":
        counts, issues = listing_batch(
            batch, normalize=normalize, writer=writer, ctx=ctx
        )
    else:
        counts, issues = supplement_batch(
            batch, normalize=normalize, fill_only=fill_only, writer=writer, ctx=ctx
        )
    return counts, issues, batch[-1].resume


def _prepared_steps(prepared, writer, ctx, progress) -> Iterator[Step]:
    for item, done, recheck in prepared:
        if progress is not None:
            progress.done = done
        yield partial(_prepared_batch, item, writer, ctx, recheck)


def _prepared_batch(item: Prepared, writer, ctx, recheck: set[str]):
    counts, issues = listing_apply(item, writer=writer, ctx=ctx, recheck=recheck)
    return counts, issues, item.resume


def _checkpoint(chunk: ImportChunk, position: dict, counts: Counts, claim: str) -> None:
    # Filtered on the claim: a process that lost its chunk to a takeover
    # rolls its open batches back instead of counting them twice.
    updated = ImportChunk.objects.filter(pk=chunk.pk, claim=claim).update(
        position=position,
        status=ImportChunk.Status.RUNNING,
        heartbeat_at=utcnow(),
        **{name: F(name) + value for name, value in counts.as_dict().items()},
    )
    if not updated:
        raise ClaimLost(f"chunk {chunk.index} was taken over by another process")
    chunk.position = position


def _release(chunk: ImportChunk, claim: str, ctx: BatchContext) -> None:
    """A stopped chunk waits, unclaimed, for a resume."""
    if not ctx.dry_run:
        ImportChunk.objects.filter(pk=chunk.pk, claim=claim).update(
            status=ImportChunk.Status.PENDING, claim=""
        )
