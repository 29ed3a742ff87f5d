"""The batch loop: a chunk's rows in fixed-size batches, one transaction each.

Each batch commits together with its chunk's resume position, its counts and
its put-aside rows, so an interrupted import resumed later ends exactly where
a clean run would.
"""

import gc
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
from .writers import BatchWriter


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
) -> tuple[Counts, bool]:
    """Run one chunk to its end (or limit, or stop request); returns counts, stopped.

    Rows come raw (`rows`, parsed here) or already parsed by the read-ahead
    process (`prepared`, listing formats only). Each batch's writes, put-aside
    rows and resume position commit in one transaction.
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
        for number, step in enumerate(steps, 1):
            with transaction.atomic():
                counts, issues, resume = step()
                if not ctx.dry_run:
                    writer.put_aside(issues)
                    _checkpoint(chunk, resume, counts)
            total.add(counts)
            on_batch(counts, issues)
            if number % 20 == 0:
                gc.collect(1)  # in case something did make a cycle
            if limit is not None and total.read >= limit:
                return total, True
            if should_stop():
                return total, True
    finally:
        if enabled:
            gc.enable()
    if not ctx.dry_run:
        ImportChunk.objects.filter(pk=chunk.pk).update(status=ImportChunk.Status.DONE)
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


def _checkpoint(chunk: ImportChunk, position: dict, counts: Counts) -> None:
    ImportChunk.objects.filter(pk=chunk.pk).update(
        position=position,
        status=ImportChunk.Status.RUNNING,
        **{name: F(name) + value for name, value in counts.as_dict().items()},
    )
    chunk.position = position
