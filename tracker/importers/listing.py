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
from .observations import listing_merge, observation, observed_time
from .readers import SourceRow
from .records import HubRecord, RowError, content_hash
from .stored import StoredModel, stored_models
from .writers import NO_EXTRAS, UPSERT_COLUMNS, BatchWriter, Stored

# (fingerprint, record, (content hash, inputs hash, Stored.extras assumed),
# put-aside rows for its warnings, recorded only when the row is written)
Parsed = tuple[str, HubRecord, tuple, list[IssueData]]


@dataclass
class Prepared:
    """A batch read and parsed, ready to be written."""

    read: int
    resume: dict | None  # where to continue after the batch's last row
    same: list[tuple[int, bool]]  # byte-identical rows: (stored id, stale)
    parsed: list[Parsed]
    issues: list[IssueData]  # rows that could not be parsed
    # Stored state of the batch's ids when it was prepared; ids written since
    # are looked up again by listing_apply (its `recheck`).
    stored: dict[str, Stored] | None = None


def listing_prepare(
    rows: list[SourceRow],
    *,
    normalize: Callable[[Any], HubRecord],
    lookup: Callable[[list[str]], dict[str, Stored]],
    in_flight: set[str] = frozenset(),
    snapshot: str | None = None,
) -> Prepared:
    """Parse a batch, skipping rows byte-identical to what is stored.

    `in_flight` holds ids that a batch not yet committed may change; those
    are always parsed, so the writer decides about them. So are rows of a
    newer snapshot than the one stored, whose observation time moves on.
    """
    hints = list(dict.fromkeys(r.hint_id for r in rows if r.hint_id))
    stored = lookup(hints) if hints else {}
    same: list[tuple[int, bool]] = []
    parsed: list[Parsed] = []
    issues: list[IssueData] = []
    # An id met earlier in the batch may have changed since the lookup.
    met: set[str] = set()
    for row in rows:
        known = stored.get(row.hint_id) if row.hint_id else None
        if (
            known is not None
            and row.fingerprint
            and known.source_hash == row.fingerprint
            and row.hint_id not in in_flight
            and row.hint_id not in met
            and not (snapshot and (known.observed_at or "") < snapshot)
        ):
            met.add(row.hint_id)
            same.append((known.id, known.stale))
            continue
        if row.hint_id:
            met.add(row.hint_id)
        try:
            rec = normalize(row.raw)
        except RowError as exc:
            issues.append(issue_data(row, exc, repo_id=row.hint_id or ""))
            continue
        warnings = [issue_data(row, w, repo_id=rec.repo_id) for w in rec.warnings]
        parsed.append((row.fingerprint or "", rec, (), warnings))
    asked = set(hints)
    missing = [p[1].repo_id for p in parsed if p[1].repo_id not in asked]
    missing = list(dict.fromkeys(missing))
    if missing:
        stored.update(lookup(missing))
    # Hashed here, in the read-ahead process when there is one; the writer
    # redoes the inputs hash only if the stored license text or suggestion
    # turns out newer.
    for index, (fingerprint, rec, _, warnings) in enumerate(parsed):
        known = stored.get(rec.repo_id)
        extras = known.extras if known else NO_EXTRAS
        hashes = (content_hash(rec), record_inputs_hash(rec, *extras), extras)
        parsed[index] = (fingerprint, rec, hashes, warnings)
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
    counts.skipped = len(prepared.issues)
    issues = list(prepared.issues)
    touch = [pk for pk, stale in prepared.same if stale]
    stored = dict(prepared.stored or {})
    parsed_ids = dict.fromkeys(p[1].repo_id for p in prepared.parsed)
    again = [repo_id for repo_id in parsed_ids if repo_id in recheck]
    if again:
        for repo_id in again:
            stored.pop(repo_id, None)
        stored.update(writer.lookup(again, ctx.stale_before))
    # A repeated id inside one batch is written in order, as separate groups,
    # so it counts exactly as it would across two batches.
    group: list[Parsed] = []
    in_group: set[str] = set()
    for item in prepared.parsed:
        if item[1].repo_id in in_group:
            _write_group(group, stored, writer, ctx, counts, touch, issues)
            group, in_group = [], set()
        group.append(item)
        in_group.add(item[1].repo_id)
    _write_group(group, stored, writer, ctx, counts, touch, issues)
    if touch and not ctx.dry_run:
        writer.touch(touch, ctx.run_id, ctx.now)
    counts.put_aside = len(issues)
    return counts, put_aside_rows(ctx, issues)


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
        snapshot=ctx.snapshot,
    )
    return listing_apply(prepared, writer=writer, ctx=ctx)


def _write_group(
    group: list[Parsed],
    stored: dict[str, Stored],
    writer: BatchWriter,
    ctx: BatchContext,
    counts: Counts,
    touch: list[int],
    issues: list[IssueData],
) -> None:
    written: list[tuple[tuple, HubRecord, tuple]] = []
    changed: list[int] = []
    observe: list[tuple[str, int]] = []
    merging: list[tuple[Parsed, str | None, Stored]] = []
    now = ctx.now_text
    for item in group:
        fingerprint, rec, (chash, inputs_hash, assumed), warnings = item
        known = stored.get(rec.repo_id)
        seen = observed_time(snapshot=ctx.snapshot, last_modified=rec.last_modified)
        if known is not None:
            if known.partial:
                merging.append((item, seen, known))
                continue
            if (seen or "") < (known.observed_at or ""):
                # An older observation than the stored one: it changes nothing.
                counts.unchanged += 1
                if known.stale:
                    touch.append(known.id)
                continue
            if known.content_hash == chash:
                counts.unchanged += 1
                if seen and seen != known.observed_at:
                    observe.append((seen, known.id))
                if known.stale:
                    touch.append(known.id)
                continue
        if known is None:
            counts.created += 1
        else:
            counts.updated += 1
            changed.append(known.id)
        extras = known.extras if known else NO_EXTRAS
        if extras != assumed:
            inputs_hash = record_inputs_hash(rec, *extras)
        values = model_row(
            rec,
            chash=chash,
            fingerprint=fingerprint,
            inputs_hash=inputs_hash,
            run_id=ctx.run_id,
            now=now,
            observed_at=seen,
        )
        written.append((values, rec, extras))
        issues.extend(warnings)
    if merging:
        _merge(merging, ctx, counts, written, changed, issues, touch)
    if observe and not ctx.dry_run:
        writer.observe(observe)
    if not written:
        return
    counts.edges += sum(len(rec.edges) for _, rec, _ in written)
    ids: dict[str, int] = {}
    if not ctx.dry_run:
        known_ids = {
            rec.repo_id: stored[rec.repo_id].id
            for _, rec, _ in written
            if rec.repo_id in stored
        }
        ids = writer.upsert([values for values, _, _ in written], known_ids)
        edges = [
            (ids[rec.repo_id], e.parent_repo_id, e.relation, e.inferred)
            for _, rec, _ in written
            for e in rec.edges
        ]
        writer.edges_replace(changed, edges, ids)
        writer.claims_attach([rec.repo_id for _, rec, _ in written])
    for values, rec, (text, suggested) in written:
        stored[rec.repo_id] = Stored(
            ids.get(rec.repo_id, 0),
            values[_HASH],
            values[_FINGERPRINT],
            text,
            False,
            values[_OBSERVED],
            values[_FIELDS_OBSERVED] is not None,
            suggested,
        )


def _merge(
    merging: list[tuple[Parsed, str | None, Stored]],
    ctx: BatchContext,
    counts: Counts,
    written: list,
    changed: list[int],
    issues: list[IssueData],
    touch: list[int],
) -> None:
    """Rows of models that a partial source observed in part after their listing.

    Rare: read those models whole and keep, field by field, the newer value.
    """
    found = stored_models([item[1].repo_id for item, _, _ in merging])
    for (fingerprint, rec, _, warnings), seen, known in merging:
        model = found[rec.repo_id]
        merged = listing_merge(
            incoming=observation(seen),
            observed_at=model.observed_at,
            fields_observed=model.fields_observed,
        )
        if merged is None:
            counts.unchanged += 1  # older than what is stored
            if known.stale:
                touch.append(known.id)
            continue
        fields, observed_at, fields_observed = merged
        _take(model, rec, fields)
        chash, inputs_hash = model.rehash()
        if chash == model.hashes[0]:
            counts.unchanged += 1
            moved = (observed_at, fields_observed) != (
                model.observed_at,
                model.fields_observed,
            )
            if not moved:
                continue
            # Only the observation moves on: written, but nothing changed.
        else:
            counts.updated += 1
            issues.extend(warnings)
        changed.append(model.id)
        written.append(
            (
                model_row(
                    model.record,
                    chash=chash,
                    fingerprint=fingerprint,
                    inputs_hash=inputs_hash,
                    run_id=ctx.run_id,
                    now=ctx.now_text,
                    observed_at=observed_at,
                    fields_observed=fields_observed,
                ),
                model.record,
                (model.license_text, model.suggestions),
            )
        )


def _take(model: StoredModel, rec: HubRecord, fields: frozenset[str]) -> None:
    for name in fields:
        setattr(model.record, name, getattr(rec, name))


# Positions in writers.UPSERT_COLUMNS.
_HASH = UPSERT_COLUMNS.index("content_hash")
_FINGERPRINT = UPSERT_COLUMNS.index("source_hash")
_OBSERVED = UPSERT_COLUMNS.index("observed_at")
_FIELDS_OBSERVED = UPSERT_COLUMNS.index("fields_observed")
