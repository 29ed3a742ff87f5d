"""Supplements: sources that carry some fields of a model merge into it."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from tracker.models import HubModel, LineageEdge, PutAsideRow

from .batch import (
    BatchContext,
    Counts,
    IssueData,
    issue_data,
    model_row,
    put_aside_rows,
)
from .readers import SourceRow
from .records import (
    EdgeRecord,
    HubRecord,
    PartialRecord,
    RowError,
    content_hash,
    license_inputs_hash,
    utc_text,
)
from .writers import BatchWriter

_STORED_FIELDS = (
    "id",
    "repo_id",
    "author",
    "created_at",
    "last_modified",
    "downloads",
    "likes",
    "pipeline_tag",
    "library_name",
    "gated",
    "license_tags",
    "license_name",
    "license_link",
    "license_text",
    "content_hash",
    "license_inputs_hash",
)


def record_of(stored: dict, edges: Iterable[EdgeRecord]) -> HubRecord:
    """The listing view of a stored model, to hash it like an imported row."""
    created, modified = stored["created_at"], stored["last_modified"]
    return HubRecord(
        repo_id=stored["repo_id"],
        author=stored["author"],
        created_at=utc_text(created) if created else None,
        last_modified=utc_text(modified) if modified else None,
        downloads=stored["downloads"],
        likes=stored["likes"],
        pipeline_tag=stored["pipeline_tag"],
        library_name=stored["library_name"],
        gated=stored["gated"],
        license_tags=list(stored["license_tags"]),
        license_name=stored["license_name"],
        license_link=stored["license_link"],
        edges=tuple(edges),
    )


def _blank(value: Any) -> bool:
    return value in ("", None, 0, [])


@dataclass
class _Merged:
    record: HubRecord
    license_text: str | None
    hashes: tuple[str, str]  # content, license inputs, as stored
    id: int | None = None


def supplement_batch(
    rows: list[SourceRow],
    *,
    normalize: Callable[[Any], PartialRecord],
    fill_only: bool,
    writer: BatchWriter,
    ctx: BatchContext,
) -> tuple[Counts, list[PutAsideRow]]:
    """Merge sources that carry some fields only; other fields are left alone."""
    counts = Counts(read=len(rows))
    issues: list[IssueData] = []
    parsed: list[tuple[SourceRow, PartialRecord]] = []
    for row in rows:
        try:
            part = normalize(row.raw)
        except RowError as exc:
            issues.append(issue_data(row, exc, repo_id=""))
            counts.skipped += 1
            continue
        issues.extend(issue_data(row, w, repo_id=part.repo_id) for w in part.warnings)
        parsed.append((row, part))
    ids = list(dict.fromkeys(p.repo_id for _, p in parsed))
    edges: dict[int, list[EdgeRecord]] = {}
    for child, *edge in LineageEdge.objects.filter(child__repo_id__in=ids).values_list(
        "child_id", "parent_repo_id", "relation", "inferred"
    ):
        edges.setdefault(child, []).append(EdgeRecord(*edge))
    merged: dict[str, _Merged] = {}
    for stored in HubModel.objects.filter(repo_id__in=ids).values(*_STORED_FIELDS):
        merged[stored["repo_id"]] = _Merged(
            record_of(stored, edges.get(stored["id"], ())),
            stored["license_text"],
            (stored["content_hash"], stored["license_inputs_hash"]),
            stored["id"],
        )
    dirty: set[str] = set()
    new_edges: list[tuple[str, EdgeRecord]] = []
    for row, part in parsed:
        item = merged.get(part.repo_id)
        if item is None:
            if not part.values:
                problem = RowError("not-imported", "model is not imported yet")
                issues.append(issue_data(row, problem, repo_id=part.repo_id))
                counts.skipped += 1
                continue
            owner = part.repo_id.partition("/")[0] if "/" in part.repo_id else ""
            item = merged[part.repo_id] = _Merged(
                HubRecord(repo_id=part.repo_id, author=owner), None, ("", "")
            )
        is_new = item.hashes == ("", "")
        rec = item.record
        before = item.hashes
        for name, value in part.values.items():
            if not (fill_only and not _blank(getattr(rec, name))):
                setattr(rec, name, value)
        linked = {e.parent_repo_id for e in rec.edges}
        for edge in part.edges:
            if edge.parent_repo_id not in linked:
                rec.edges = (*rec.edges, edge)
                new_edges.append((part.repo_id, edge))
        if part.license_text is not None:
            item.license_text = part.license_text
        item.hashes = _hashes(item)
        if is_new:
            counts.created += 1
        elif item.hashes != before:
            counts.updated += 1
        else:
            counts.unchanged += 1
            continue
        dirty.add(part.repo_id)
    counts.edges = len(new_edges)
    counts.put_aside = len(issues)
    if ctx.dry_run or not dirty:
        return counts, put_aside_rows(ctx, issues)
    now = ctx.now_text
    rows_out = [
        model_row(
            merged[repo_id].record,
            chash=merged[repo_id].hashes[0],
            # Changed outside a listing: the next listing must parse the row.
            fingerprint="",
            inputs_hash=merged[repo_id].hashes[1],
            run_id=ctx.run_id,
            now=now,
        )
        for repo_id in dirty
    ]
    known = {r: merged[r].id for r in dirty if merged[r].id is not None}
    model_ids = writer.upsert(rows_out, known)
    writer.edges_replace(
        [],
        [
            (model_ids[repo_id], e.parent_repo_id, e.relation, e.inferred)
            for repo_id, e in new_edges
        ],
        model_ids,
    )
    writer.texts_set(
        [
            (merged[r].license_text, model_ids[r])
            for r in dirty
            if merged[r].license_text is not None
        ]
    )
    return counts, put_aside_rows(ctx, issues)


def _hashes(item: _Merged) -> tuple[str, str]:
    rec = item.record
    return (
        content_hash(rec),
        license_inputs_hash(
            license_tags=rec.license_tags,
            license_name=rec.license_name,
            license_link=rec.license_link,
            license_text=item.license_text,
            edges=rec.edges,
        ),
    )
