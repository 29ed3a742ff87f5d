"""Supplements: sources that carry some fields of a model merge into it.

Field values merge by observation (see observations): an older source never
overwrites what a newer one saw. Edge lists are kept as claims by ids, so an
edge whose child is not imported yet is attached when the child arrives.
"""

from collections.abc import Callable
from typing import Any

from tracker.models import LineageClaim, PutAsideRow

from .batch import (
    BatchContext,
    Counts,
    IssueData,
    issue_data,
    model_row,
    put_aside_rows,
)
from .observations import (
    RANK_SOURCE,
    RANK_SUGGESTION,
    observation,
    observed_time,
    partial_merge,
    suggestion_merge,
    unobserved,
)
from .readers import SourceRow
from .records import HubRecord, PartialRecord, RowError
from .stored import StoredModel, stored_models
from .writers import BatchWriter

_SUGGESTED = ("suggested_license_name", "suggested_license_link")


def supplement_batch(
    rows: list[SourceRow],
    *,
    normalize: Callable[[Any], PartialRecord],
    fill_only: bool,
    writer: BatchWriter,
    ctx: BatchContext,
) -> tuple[Counts, list[PutAsideRow]]:
    """Merge sources that carry some fields only; other fields are left alone.

    `fill_only` sources (worklists) suggest values: they lose every tie with
    another source, so they set only what no other source has observed.
    """
    counts = Counts(read=len(rows))
    issues: list[IssueData] = []
    parsed: list[tuple[SourceRow, PartialRecord]] = []
    for row in rows:
        try:
            part = normalize(row.raw)
        except RowError as exc:
            issues.append(issue_data(row, exc))
            counts.skipped += 1
            continue
        parsed.append((row, part))
    ids = list(dict.fromkeys(p.repo_id for _, p in parsed))
    found = stored_models(ids)
    batch = _Batch(found, ctx, RANK_SUGGESTION if fill_only else RANK_SOURCE)
    if any(p.edges for _, p in parsed):
        batch.claimed = _claims_of(ids, ctx.format_name)
    for row, part in parsed:
        outcome = batch.merge(part)
        if outcome == "pending":
            counts.pending += 1
        elif outcome == "not-imported":
            problem = RowError("not-imported", "model is not imported yet")
            issues.append(issue_data(row, problem, repo_id=part.repo_id))
            counts.skipped += 1
        elif outcome == "unchanged":
            counts.unchanged += 1
        else:
            setattr(counts, outcome, getattr(counts, outcome) + 1)
            # Kept rows' warnings are about the value now stored: recorded
            # when it is stored, not again by every re-import.
            issues.extend(
                issue_data(row, w, repo_id=part.repo_id) for w in part.warnings
            )
    counts.put_aside = len(issues)
    if not ctx.dry_run:
        counts.edges = batch.write(writer)
    return counts, put_aside_rows(ctx, issues)


def _claims_of(repo_ids: list[str], source: str) -> dict[tuple[str, str], tuple]:
    rows = LineageClaim.objects.filter(
        child_repo_id__in=repo_ids, source=source
    ).values_list("child_repo_id", "parent_repo_id", "relation", "inferred")
    return {(child, parent): (rel, inferred) for child, parent, rel, inferred in rows}


class _Batch:
    """One batch's merges in memory, then its writes."""

    def __init__(self, found: dict[str, StoredModel], ctx: BatchContext, rank: int):
        self.found = found
        self.ctx = ctx
        self.rank = rank
        self.claimed: dict[tuple[str, str], tuple] = {}
        self.created: set[str] = set()
        self.rows: set[str] = set()  # model rows to write
        self.suggested: set[str] = set()
        self.texts: set[str] = set()
        self.claims: list[tuple] = []
        self.relinked: list[tuple[str, str]] = []

    def merge(self, part: PartialRecord) -> str:
        """Merge one row; returns created, updated, unchanged, pending, not-imported."""
        model = self.found.get(part.repo_id)
        lineage = self._claim(part, model)
        if model is None:
            if not part.values and not part.suggestions and part.license_text is None:
                return "pending" if part.edges else "not-imported"
            # Known from this source only, for now: a listing that comes later
            # fills in the rest, so the order of the files does not matter.
            owner = part.repo_id.partition("/")[0] if "/" in part.repo_id else ""
            model = self.found[part.repo_id] = StoredModel(
                HubRecord(repo_id=part.repo_id, author=owner),
                fields_observed=unobserved(),
            )
        creating = model.is_new and part.repo_id not in self.created
        before = (model.hashes, model.fields_observed)
        self._values(model, part)
        if part.license_text is not None and part.license_text != model.license_text:
            model.license_text = part.license_text
            self.texts.add(part.repo_id)
        suggested = self._suggestions(model, part)
        model.hashes = model.rehash()
        if creating or (model.hashes, model.fields_observed) != before:
            self.rows.add(part.repo_id)
        if creating:
            self.created.add(part.repo_id)
            return "created"
        if model.hashes != before[0] or lineage or suggested:
            return "updated"
        return "unchanged"

    def _claim(self, part: PartialRecord, model: StoredModel | None) -> bool:
        """Keep the row's edges as claims; True when an imported model's
        lineage changes."""
        changed = False
        for edge in part.edges:
            key = (part.repo_id, edge.parent_repo_id)
            was = self.claimed.get(key)
            now = (edge.relation, edge.inferred)
            if was != now:
                self.claims.append((*key, *now, self.ctx.format_name, self.ctx.run_id))
                self.claimed[key] = now
                if was is not None and model is not None:
                    self.relinked.append(key)
                    changed = True
            if model is not None and edge.parent_repo_id not in model.linked:
                model.linked.add(edge.parent_repo_id)
                changed = True
        return changed

    def _values(self, model: StoredModel, part: PartialRecord) -> None:
        if not part.values:
            return
        seen = observed_time(
            snapshot=self.ctx.snapshot, last_modified=part.values.get("last_modified")
        )
        rec = model.record
        applied, model.fields_observed = partial_merge(
            current={name: getattr(rec, name) for name in part.values},
            incoming_values=part.values,
            incoming=observation(seen, self.rank),
            observed_at=model.observed_at,
            fields_observed=model.fields_observed,
        )
        for name, value in applied.items():
            setattr(rec, name, value)

    def _suggestions(self, model: StoredModel, part: PartialRecord) -> bool:
        if not part.suggestions:
            return False
        merged = tuple(
            suggestion_merge(old, part.suggestions[name])
            if part.suggestions.get(name)
            else old
            for name, old in zip(_SUGGESTED, model.suggestions, strict=True)
        )
        if merged == model.suggestions:
            return False
        model.suggestions = merged
        self.suggested.add(model.record.repo_id)
        return True

    def write(self, writer: BatchWriter) -> int:
        """Write the batch; returns how many claimed edges were attached."""
        found = self.found
        existing = {r: found[r].id for r in found if found[r].id is not None}
        rows = [
            model_row(
                found[r].record,
                chash=found[r].hashes[0],
                # Changed outside a listing: the next listing must parse it.
                fingerprint="",
                inputs_hash=found[r].hashes[1],
                run_id=self.ctx.run_id,
                now=self.ctx.now_text,
                observed_at=found[r].observed_at,
                fields_observed=found[r].fields_observed,
                suggestions=found[r].suggestions,
            )
            for r in sorted(self.rows)
        ]
        if rows:
            ids = writer.upsert(
                rows, {r: existing[r] for r in self.rows & existing.keys()}
            )
            for repo_id, pk in ids.items():
                found[repo_id].id = pk
        writer.suggestions_set(
            [
                (*found[r].suggestions, existing[r])
                for r in sorted(self.suggested)
                if r in existing
            ]
        )
        writer.texts_set(
            [(found[r].license_text, found[r].id) for r in sorted(self.texts)]
        )
        writer.claims_put(self.claims)
        writer.claims_detach(self.ctx.format_name, self.relinked)
        children = {c[0] for c in self.claims} | {c for c, _ in self.relinked}
        children |= self.rows - existing.keys()
        return writer.claims_attach(sorted(children))
