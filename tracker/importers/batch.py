"""Per-batch bookkeeping shared by the listing and supplement paths."""

from dataclasses import asdict, dataclass, fields
from datetime import datetime

import orjson

from tracker.models import PutAsideRow

from .parsing import raw_repo_id
from .readers import Broken, SourceRow
from .records import (
    CREATED_AT_FLOOR,
    HubRecord,
    RowError,
    RowIssue,
    UtcText,
    excerpt,
    license_inputs_hash,
    utc_text,
)


@dataclass
class Counts:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    put_aside: int = 0
    skipped: int = 0
    edges: int = 0
    pending: int = 0  # edge rows kept as claims until their child is imported

    def add(self, other: "Counts") -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass
class BatchContext:
    run_id: int | None
    path: str
    now: datetime
    stale_before: datetime  # touch last_seen of unchanged rows seen before this
    dry_run: bool = False
    # When the source was taken (UTC text), if known: rows are observed then.
    snapshot: UtcText | None = None
    # Name of the format, recorded as the source of claimed edges.
    format_name: str = ""

    @property
    def now_text(self) -> UtcText:
        return utc_text(self.now)


# (position, repo_id, reason, detail, excerpt, row kept): plain data, so a
# batch prepared in the read-ahead process can be sent over a pipe.
IssueData = tuple[int, str, str, str, str, bool]


def issue_data(
    row: SourceRow, problem: RowError | RowIssue, *, repo_id: str = ""
) -> IssueData:
    """A put-aside row; without `repo_id`, the id is read from the raw row."""
    raw = row.raw.raw if isinstance(row.raw, Broken) else row.raw
    if isinstance(raw, HubRecord):
        repo_id = repo_id or raw.repo_id
        raw = raw.repo_id
    if not repo_id:
        repo_id = row.hint_id or raw_repo_id(raw)
    return (
        row.position,
        (repo_id or "")[:200],
        problem.reason[:30],
        problem.detail[:500],
        excerpt(raw),
        isinstance(problem, RowIssue),
    )


def put_aside_rows(ctx: BatchContext, issues: list[IssueData]) -> list[PutAsideRow]:
    return [
        PutAsideRow(
            run_id=ctx.run_id,
            path=ctx.path[-1000:],
            position=position,
            repo_id=repo_id,
            reason=reason,
            detail=detail,
            excerpt=text,
            row_kept=kept,
        )
        for position, repo_id, reason, detail, text, kept in issues
    ]


def record_inputs_hash(
    rec: HubRecord,
    license_text: str | None,
    suggested: tuple[str, str] = ("", ""),
) -> str:
    return license_inputs_hash(
        license_tags=rec.license_tags,
        license_name=rec.license_name,
        license_link=rec.license_link,
        license_text=license_text,
        edges=rec.edges,
        suggested=suggested,
    )


def model_row(
    rec: HubRecord,
    *,
    chash: str,
    fingerprint: str,
    inputs_hash: str,
    run_id: int | None,
    now: UtcText,
    observed_at: UtcText | None,
    fields_observed: dict | None = None,
    suggestions: tuple[str, str] = ("", ""),
) -> tuple:
    """The row in writers.UPSERT_COLUMNS order, timestamps and JSON as text."""
    return (
        rec.repo_id,
        rec.author,
        rec.created_at,
        rec.created_at == CREATED_AT_FLOOR,
        rec.last_modified,
        rec.downloads,
        rec.likes,
        rec.pipeline_tag,
        rec.library_name,
        rec.gated,
        orjson.dumps(rec.license_tags).decode() if rec.license_tags else "[]",
        rec.license_tags[0] if rec.license_tags else "",
        rec.license_name,
        rec.license_link,
        chash,
        fingerprint,
        inputs_hash,
        run_id,
        now,
        run_id,
        now,
        observed_at,
        orjson.dumps(fields_observed, option=orjson.OPT_SORT_KEYS).decode()
        if fields_observed
        else None,
        *suggestions,
    )
