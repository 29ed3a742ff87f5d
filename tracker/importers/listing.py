"""Full listings: parse, recognise unchanged rows by hash, upsert the rest."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tracker.models import PutAsideRow

from .batch import (
    BatchContext,
    Counts,
    IssueData,
    issue_data,
    model_row,
    put_aside_rows,
    record_inputs_hash,
)
from .readers import SourceRow
from .records import HubRecord, RowError, content_hash
from .writers import BatchWriter, Stored


@dataclass
class Prepared:
    """A batch read and parsed, ready to be written."""

    read: int
    resume: dict | None  # where to continue after the batch's last row
    same: list[tuple[int, bool]]  # byte-identical rows: (stored id, stale)
    # (fingerprint, record, (content hash, inputs hash, license text assumed))
    parsed: list[tuple[str, HubRecord, tuple[str, str, str | None]]]
    issues: list[IssueData]
    # Stored state of the batch's ids when it was prepared; ids written since
    # are looked up again by listing_apply (its `recheck`).
    stored: dict[str, Stored] | None = None


def listing_prepare(
    rows: list[SourceRow],
    *,
    normalize: Callable[[Any], HubRecord],
    lookup: Callable[[list[str]], dict[str, Stored]],
    in_flight: set[str] = frozenset(),
) -> Prepared:
    """Parse a batch, skipping rows byte-identical to what is stored.

    `in_flight` holds ids that a batch not yet committed may change; those
    are always parsed, so the writer decides about them.
    """
    hints = list(dict.fromkeys(r.hint_id for r in rows if r.hint_id))
    stored = lookup(hints) if hints else {}
    same: list[tuple[int, bool]] = []
    parsed: list[tuple[str, HubRecord, tuple]] = []
    issues: list[IssueData] = []
    for row in rows:
        known = stored.get(row.hint_id) if row.hint_id else None
        if (
            known is not None
            and row.fingerprint
            and known.source_hash == row.fingerprint
            and row.hint_id not in in_flight
        ):
            same.append((known.id, known.stale))
            continue
        try:
            rec = normalize(row.raw)
        except RowError as exc:
            issues.append(issue_data(row, exc, repo_id=row.hint_id or ""))
            continue
        if rec.warnings:
            issues.extend(issue_data(row, w, repo_id=rec.repo_id) for w in rec.warnings)
        parsed.append((row.fingerprint or "", rec, ()))
    asked = set(hints)
    missing = [rec.repo_id for _, rec, _ in parsed if rec.repo_id not in asked]
    missing = list(dict.fromkeys(missing))
    if missing:
        stored.update(lookup(missing))
    # Hashed here, in the read-ahead process when there is one; the writer
    # redoes the inputs hash only if the stored license text turns out newer.
    for index, (fingerprint, rec, _) in enumerate(parsed):
        known = stored.get(rec.repo_id)
        text = known.license_text if known else None
        hashes = (content_hash(rec), record_inputs_hash(rec, text), text)
        parsed[index] = (fingerprint, rec, hashes)
    return Prepared(
        read=len(rows),
        resume=rows[-1].resume if rows else None,
        same=same,
        parsed=parsed,
        issues=issues,
        stored=stored,
    )


def listing_apply(
    prepared: Prepared,
    *,
    writer: BatchWriter,
    ctx: BatchContext,
    recheck: set[str] = frozenset(),
) -> tuple[Counts, list[PutAsideRow]]:
    """Classify parsed rows against stored hashes, write them, count everything.

    `recheck` names ids whose stored state may be newer than the lookup the
    batch was prepared with (rows this process wrote since); they are looked
    up again here, inside the write transaction.
    """
    counts = Counts(read=prepared.read, unchanged=len(prepared.same))
    counts.skipped = sum(1 for issue in prepared.issues if not issue[5])
    counts.put_aside = len(prepared.issues)
    touch = [pk for pk, stale in prepared.same if stale]
    stored = dict(prepared.stored or {})
    parsed_ids = dict.fromkeys(rec.repo_id for _, rec, _ in prepared.parsed)
    again = [repo_id for repo_id in parsed_ids if repo_id in recheck]
    if again:
        for repo_id in again:
            stored.pop(repo_id, None)
        stored.update(writer.lookup(again, ctx.stale_before))
    # A repeated id inside one batch is written in order, as separate groups,
    # so it counts exactly as it would across two batches.
    group: list[tuple[str, HubRecord, tuple]] = []
    in_group: set[str] = set()
    for item in prepared.parsed:
        if item[1].repo_id in in_group:
            _write_group(group, stored, writer, ctx, counts, touch)
            group, in_group = [], set()
        group.append(item)
        in_group.add(item[1].repo_id)
    _write_group(group, stored, writer, ctx, counts, touch)
    if touch and not ctx.dry_run:
        writer.touch(touch, ctx.run_id, ctx.now)
    return counts, put_aside_rows(ctx, prepared.issues)


def listing_batch(
    rows: list[SourceRow],
    *,
    normalize: Callable[[Any], HubRecord],
    writer: BatchWriter,
    ctx: BatchContext,
) -> tuple[Counts, list[PutAsideRow]]:
    """Upsert full listing rows; unchanged ones are recognised by hash and skipped."""
    prepared = listing_prepare(
        rows,
        normalize=normalize,
        lookup=lambda ids: writer.lookup(ids, ctx.stale_before),
    )
    return listing_apply(prepared, writer=writer, ctx=ctx)


def _write_group(
    group: list[tuple[str, HubRecord, tuple]],
    stored: dict[str, Stored],
    writer: BatchWriter,
    ctx: BatchContext,
    counts: Counts,
    touch: list[int],
) -> None:
    written: list[tuple[tuple, HubRecord, str | None]] = []
    changed: list[int] = []
    now = ctx.now_text
    for fingerprint, rec, (chash, inputs_hash, text_assumed) in group:
        known = stored.get(rec.repo_id)
        if known is not None and known.content_hash == chash:
            counts.unchanged += 1
            if known.stale:
                touch.append(known.id)
            continue
        if known is None:
            counts.created += 1
        else:
            counts.updated += 1
            changed.append(known.id)
        text = known.license_text if known else None
        if text != text_assumed:
            inputs_hash = record_inputs_hash(rec, text)
        values = model_row(
            rec,
            chash=chash,
            # Rows with warnings keep no fingerprint: every run re-reports them.
            fingerprint=fingerprint if not rec.warnings else "",
            inputs_hash=inputs_hash,
            run_id=ctx.run_id,
            now=now,
        )
        written.append((values, rec, text))
    if not written:
        return
    counts.edges += sum(len(rec.edges) for _, rec, _ in written)
    ids: dict[str, int] = {}
    if not ctx.dry_run:
        known = {
            rec.repo_id: stored[rec.repo_id].id
            for _, rec, _ in written
            if rec.repo_id in stored
        }
        ids = writer.upsert([values for values, _, _ in written], known)
        edges = [
            (ids[rec.repo_id], e.parent_repo_id, e.relation, e.inferred)
            for _, rec, _ in written
            for e in rec.edges
        ]
        writer.edges_replace(changed, edges, ids)
    for values, rec, text in written:
        stored[rec.repo_id] = Stored(
            ids.get(rec.repo_id, 0), values[_HASH], values[_FINGERPRINT], text, False
        )


_HASH = 14  # positions in writers.UPSERT_COLUMNS
_FINGERPRINT = 15
