"""Batched SQL for the import fast path: SQLite executemany (sqlite), PostgreSQL COPY
(postgres); what both share is here.

Raw DB-API cursors on Django's connection keep each batch inside the caller's
transaction while skipping per-query debug logging, which would otherwise
hold every 10,000-id IN list in memory when DEBUG is on.
"""

# SQL here is built from model table and column names only; every value is a
# query parameter.
# ruff: noqa: S608

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection

from tracker.models import HubModel, LineageClaim, LineageEdge, PutAsideRow

from ..records import EDGE_SOURCE_LISTING, utc_text

MODELS = HubModel._meta.db_table
EDGES = LineageEdge._meta.db_table
CLAIMS = LineageClaim._meta.db_table
ISSUES = PutAsideRow._meta.db_table
ISSUE_COLUMNS = (
    "run_id",
    "path",
    "position",
    "repo_id",
    "reason",
    "detail",
    "excerpt",
    "row_kept",
)
UPSERT_COLUMNS = (
    "repo_id",
    "author",
    "created_at",
    "created_at_is_floor",
    "last_modified",
    "downloads",
    "likes",
    "pipeline_tag",
    "library_name",
    "gated",
    "license_tags",
    "declared_license",
    "license_name",
    "license_link",
    "content_hash",
    "source_hash",
    "license_inputs_hash",
    "first_seen_run_id",
    "first_seen_at",
    "last_seen_run_id",
    "last_seen_at",
    "observed_at",
    "fields_observed",
    "suggested_license_name",
    "suggested_license_link",
)
# A re-listing never rewrites where a model was first seen, nor what a
# worklist suggested (set only through suggestions_set).
_KEEP_ON_UPDATE = {
    "repo_id",
    "first_seen_run_id",
    "first_seen_at",
    "suggested_license_name",
    "suggested_license_link",
}
UPDATE_COLUMNS = tuple(c for c in UPSERT_COLUMNS if c not in _KEEP_ON_UPDATE)
EDGE_COLUMNS = (
    "child_id",
    "parent_repo_id",
    "relation",
    "inferred",
    "parent_id",
    "source",
)
CLAIM_COLUMNS = (
    "child_repo_id",
    "parent_repo_id",
    "relation",
    "inferred",
    "source",
    "run_id",
)
_UPDATE_INDEXES = [UPSERT_COLUMNS.index(c) for c in UPDATE_COLUMNS]
LOOKUP_CHUNK = 5000
# Stored state of a model nobody has stored yet: no text, no suggestion.
NO_EXTRAS = (None, ("", ""))
_TIMESTAMPS = [UPSERT_COLUMNS.index(c) for c in UPSERT_COLUMNS if c.endswith("_at")] + [
    UPSERT_COLUMNS.index("last_modified")
]


@dataclass(slots=True)
class Stored:
    id: int
    content_hash: str
    source_hash: str
    license_text: str | None
    stale: bool  # last_seen_at is older than the resolution
    observed_at: str | None = None  # UTC text
    partial: bool = False  # some field was observed later than the listing
    suggested: tuple[str, str] = ("", "")  # a worklist's license name, link

    def __reduce__(self):
        # Sent with prepared batches from the read-ahead process.
        return Stored, (
            self.id,
            self.content_hash,
            self.source_hash,
            self.license_text,
            self.stale,
            self.observed_at,
            self.partial,
            self.suggested,
        )

    @property
    def extras(self) -> tuple:
        """What the license inputs hash takes from outside the listing."""
        return (self.license_text, self.suggested)


def _text(value: datetime | str | None) -> str | None:
    """A stored timestamp as UTC text, whatever the driver handed back."""
    return utc_text(value) if isinstance(value, datetime) else value


def _chunks(values: list, size: int = LOOKUP_CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


class BatchWriter:
    """Vendor-neutral interface; rows are tuples in UPSERT_COLUMNS order."""

    # A transaction holds batches until it has this many rows (0: one batch
    # each) or has been open this long, whichever comes first.
    commit_rows = 0
    commit_seconds = 0.0
    # Whether any claim exists, asked once: most imports have none, and the
    # per-batch attach would then cost a query of thousands of ids for
    # nothing. Claims another process adds meanwhile are attached when the
    # run finishes (claims_attach without ids).
    _claims: bool | None = None

    def prepare(self) -> None:
        """Per-connection set-up before the first batch."""

    def prepare_reader(self) -> None:
        """Set-up of the read-ahead process's connection, which only looks up."""

    def lookup(self, repo_ids: list[str], stale_before: datetime) -> dict[str, Stored]:
        raise NotImplementedError

    def upsert(self, rows: list[tuple], known: dict[str, int]) -> dict[str, int]:
        """Insert new rows, update `known` ones (repo_id -> id); returns all ids."""
        raise NotImplementedError

    def edges_replace(
        self,
        child_ids: list[int],
        edges: list[tuple],
        known: dict[str, int],
        source: str = EDGE_SOURCE_LISTING,
    ) -> None:
        """Replace the edges of `child_ids` and add `edges`, parents linked.

        Edges are (child id, parent repo_id, relation, inferred). Parents
        stored already, or among `known` (repo_id -> id, just written), are
        linked now; linking them all afterwards in one UPDATE rewrote every
        edge row, as costly as inserting it. Every edge of `child_ids` goes,
        claimed ones too: claims_attach puts back those the listing does not
        supersede.
        """
        parents = list({e[1] for e in edges} - known.keys())
        found = {**self.ids_of(parents), **known} if parents else known
        self._edges_write(child_ids, [(*e, found.get(e[1]), source) for e in edges])

    def claims_put(self, claims: list[tuple]) -> None:
        """Insert claims (CLAIM_COLUMNS order), or update their relation."""
        if not claims:
            return
        self._claims = True
        cursor = self._cursor()
        mark = "?" if connection.vendor == "sqlite" else "%s"
        columns = ", ".join(CLAIM_COLUMNS)
        cursor.executemany(
            f"INSERT INTO {CLAIMS} ({columns}) "
            f"VALUES ({', '.join([mark] * len(CLAIM_COLUMNS))}) "
            "ON CONFLICT (child_repo_id, parent_repo_id, source) DO UPDATE SET "
            "relation = excluded.relation, inferred = excluded.inferred",
            claims,
        )
        cursor.close()

    def claims_attach(self, repo_ids: list[str] | None = None) -> int:
        """Attach claims of imported children whose parent is not linked yet.

        Only the claims of `repo_ids` when given (a batch just written), else
        every claim (at the end of a run, which also covers a claim and its
        child written at once by two workers). Returns the edges added.
        """
        if repo_ids is not None:
            if not repo_ids:
                return 0
            if self._claims is None:
                self._claims = LineageClaim.objects.exists()
            if not self._claims:
                return 0
        cursor = self._cursor()
        mark = "?" if connection.vendor == "sqlite" else "%s"
        columns = ", ".join(EDGE_COLUMNS)
        select = (
            f"INSERT INTO {EDGES} ({columns}) "
            "SELECT c.id, k.parent_repo_id, k.relation, k.inferred, p.id, k.source "
            f"FROM {CLAIMS} k JOIN {MODELS} c ON c.repo_id = k.child_repo_id "
            f"LEFT JOIN {MODELS} p ON p.repo_id = k.parent_repo_id "
            f"WHERE NOT EXISTS (SELECT 1 FROM {EDGES} e "
            "WHERE e.child_id = c.id AND e.parent_repo_id = k.parent_repo_id) "
        )
        added = 0
        for part in [None] if repo_ids is None else list(_chunks(repo_ids)):
            where = ""
            if part is not None:
                where = f"AND k.child_repo_id IN ({', '.join([mark] * len(part))}) "
            cursor.execute(
                select + where + "ON CONFLICT DO NOTHING",
                part or [],
            )
            added += max(cursor.rowcount, 0)
        cursor.close()
        return added

    def claims_detach(self, source: str, pairs: list[tuple[str, str]]) -> None:
        """Drop the attached edges of these claims (child, parent), to re-attach."""
        if pairs:
            cursor = self._cursor()
            mark = "?" if connection.vendor == "sqlite" else "%s"
            cursor.executemany(
                f"DELETE FROM {EDGES} WHERE source = {mark} "
                f"AND parent_repo_id = {mark} AND child_id IN "
                f"(SELECT id FROM {MODELS} WHERE repo_id = {mark})",
                [(source, parent, child) for child, parent in pairs],
            )
            cursor.close()

    def suggestions_set(self, rows: list[tuple[str, str, int]]) -> None:
        """Store worklist suggestions, as (name, link, model id)."""
        if rows:
            cursor = self._cursor()
            mark = "?" if connection.vendor == "sqlite" else "%s"
            cursor.executemany(
                f"UPDATE {MODELS} SET suggested_license_name = {mark}, "
                f"suggested_license_link = {mark} WHERE id = {mark}",
                rows,
            )
            cursor.close()

    def observe(self, rows: list[tuple[str, int]]) -> None:
        """Move observed_at forward for unchanged rows, as (UTC text, id)."""
        if rows:
            cursor = self._cursor()
            if connection.vendor == "postgresql":
                rows = [(f"{text}+00", pk) for text, pk in rows]
            mark = "?" if connection.vendor == "sqlite" else "%s"
            cursor.executemany(
                f"UPDATE {MODELS} SET observed_at = {mark} WHERE id = {mark}", rows
            )
            cursor.close()

    def ids_of(self, repo_ids: list[str]) -> dict[str, int]:
        raise NotImplementedError

    def _edges_write(self, child_ids: list[int], edges: list[tuple]) -> None:
        raise NotImplementedError

    def touch(self, ids: list[int], run_id: int, now: datetime) -> None:
        raise NotImplementedError

    def put_aside(self, issues: list[PutAsideRow]) -> None:
        """Insert put-aside rows (a few percent of a real listing has some)."""
        if not issues:
            return
        rows = [tuple(getattr(i, c) for c in ISSUE_COLUMNS) for i in issues]
        cursor = self._cursor()
        if connection.vendor == "postgresql":
            columns = ", ".join(ISSUE_COLUMNS)
            with cursor.copy(f"COPY {ISSUES} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(ISSUE_COLUMNS))
            cursor.executemany(
                f"INSERT INTO {ISSUES} ({', '.join(ISSUE_COLUMNS)}) VALUES ({marks})",
                rows,
            )
        cursor.close()

    def texts_set(self, texts: list[tuple[str, int]]) -> None:
        """Store license texts, as (text, model id) pairs."""
        if texts:
            cursor = self._cursor()
            mark = "?" if connection.vendor == "sqlite" else "%s"
            cursor.executemany(
                f"UPDATE {MODELS} SET license_text = {mark} WHERE id = {mark}", texts
            )
            cursor.close()

    def _cursor(self):
        connection.ensure_connection()
        return connection.connection.cursor()


def batch_writer() -> BatchWriter:
    """The writer for this connection's database."""
    if connection.vendor == "postgresql":
        from .postgres import PostgresWriter

        return PostgresWriter()
    from .sqlite import SqliteWriter

    return SqliteWriter()


def parents_resolve() -> int:
    """Point edges at parent rows that exist now; returns how many were linked."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {EDGES} SET parent_id = m.id FROM {MODELS} m "
            f"WHERE m.repo_id = {EDGES}.parent_repo_id AND {EDGES}.parent_id IS NULL"
        )
        return cursor.rowcount


def utcnow() -> datetime:
    return datetime.now(UTC)
