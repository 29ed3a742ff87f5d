"""Batched SQL for the import fast path: SQLite executemany, PostgreSQL COPY.

Raw DB-API cursors on Django's connection keep each batch inside the caller's
transaction while skipping per-query debug logging, which would otherwise
hold every 10,000-id IN list in memory when DEBUG is on.
"""

# SQL here is built from model table and column names only; every value is a
# query parameter.
# ruff: noqa: S608

from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction

from tracker.models import HubModel, LineageClaim, LineageEdge, PutAsideRow

from .records import EDGE_SOURCE_LISTING, utc_text

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
        )


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


class SqliteWriter(BatchWriter):
    # Each commit writes every page a batch touched to the WAL, and inserts
    # with random repo_ids touch about one index page per row (repo_id, and
    # parent_repo_id for edges) once the indexes outgrow a batch: commit cost
    # then grew with the table, making 2M rows ~3x slower per row than 200k.
    # Grouping ~50k rows per commit writes each hot page once per group.
    # A commit also comes every couple of seconds, so readers and resume
    # points stay current (TRACKER_SQLITE_COMMIT_ROWS / _SECONDS).

    def __init__(self) -> None:
        self.commit_rows = settings.TRACKER_SQLITE_COMMIT_ROWS
        self.commit_seconds = settings.TRACKER_SQLITE_COMMIT_SECONDS

    def prepare(self) -> None:
        cursor = self._cursor()
        # A large page cache keeps the repo_id index in memory while it grows;
        # rarer checkpoints write each hot index page back once, not once per
        # batch (the WAL grows to ~160 MB, and is truncated after).
        cursor.execute("PRAGMA cache_size = -262144")
        cursor.execute("PRAGMA wal_autocheckpoint = 40000")
        cursor.close()

    def lookup(self, repo_ids: list[str], stale_before: datetime) -> dict[str, Stored]:
        found: dict[str, Stored] = {}
        cursor = self._cursor()
        threshold = utc_text(stale_before)
        for part in _chunks(repo_ids):
            marks = ",".join("?" * len(part))
            cursor.execute(
                f"SELECT repo_id, id, content_hash, source_hash, license_text, "
                f"last_seen_at < ?, observed_at, fields_observed IS NOT NULL "
                f"FROM {MODELS} WHERE repo_id IN ({marks})",
                [threshold, *part],
            )
            for repo_id, pk, chash, shash, text, stale, seen, partial in cursor:
                found[repo_id] = Stored(
                    pk, chash, shash, text, bool(stale), _text(seen), bool(partial)
                )
        cursor.close()
        return found

    def upsert(self, rows: list[tuple], known: dict[str, int]) -> dict[str, int]:
        """New rows: plain INSERT; known rows: UPDATE by id.

        The batch runs in an IMMEDIATE transaction, so this connection holds
        the write lock from its lookup on: no other writer can add a repo_id
        in between, and new rowids are consecutive (AUTOINCREMENT), which
        gives their ids without reading them back.
        """
        if not rows:
            return {}
        cursor = self._cursor()
        new = [row for row in rows if row[0] not in known]
        ids = {row[0]: known[row[0]] for row in rows if row[0] in known}
        if new:
            columns = ", ".join(UPSERT_COLUMNS)
            marks = ", ".join("?" * len(UPSERT_COLUMNS))
            cursor.executemany(
                f"INSERT INTO {MODELS} ({columns}) VALUES ({marks})", new
            )
            last = cursor.execute("SELECT last_insert_rowid()").fetchone()[0]
            first = last - len(new) + 1
            ids.update((row[0], first + n) for n, row in enumerate(new))
        if ids.keys() - {row[0] for row in new}:
            sets = ", ".join(f"{c} = ?" for c in UPDATE_COLUMNS)
            cursor.executemany(
                f"UPDATE {MODELS} SET {sets} WHERE id = ?",
                [
                    (*(row[i] for i in _UPDATE_INDEXES), known[row[0]])
                    for row in rows
                    if row[0] in known
                ],
            )
        cursor.close()
        return ids

    def ids_of(self, repo_ids: list[str]) -> dict[str, int]:
        ids: dict[str, int] = {}
        cursor = self._cursor()
        for part in _chunks(repo_ids):
            cursor.execute(
                f"SELECT repo_id, id FROM {MODELS} "
                f"WHERE repo_id IN ({','.join('?' * len(part))})",
                part,
            )
            ids.update(cursor.fetchall())
        cursor.close()
        return ids

    def _edges_write(self, child_ids: list[int], edges: list[tuple]) -> None:
        cursor = self._cursor()
        for part in _chunks(child_ids):
            cursor.execute(
                f"DELETE FROM {EDGES} WHERE child_id IN ({','.join('?' * len(part))})",
                part,
            )
        if edges:
            cursor.executemany(
                f"INSERT OR IGNORE INTO {EDGES} ({', '.join(EDGE_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(EDGE_COLUMNS))})",
                edges,
            )
        cursor.close()

    def touch(self, ids: list[int], run_id: int, now: datetime) -> None:
        cursor = self._cursor()
        for part in _chunks(ids):
            cursor.execute(
                f"UPDATE {MODELS} SET last_seen_run_id = ?, last_seen_at = ? "
                f"WHERE id IN ({','.join('?' * len(part))})",
                [run_id, utc_text(now), *part],
            )
        cursor.close()


class PostgresWriter(BatchWriter):
    """COPY new rows in with ids reserved up front; merge the rest via a stage."""

    # Below this the planner's choice hardly matters.
    ANALYZE_FLOOR = 10_000

    def __init__(self) -> None:
        self.estimate: float | None = None
        self.added = 0

    def _keep_statistics(self, cursor, added: int) -> None:
        """ANALYZE whenever this writer has doubled the table since the last.

        Statistics from before a run describe a far smaller table; the planner
        then answers every key lookup of a batch with a full scan, which over
        millions of rows makes the import quadratic. Doubling keeps it to
        about log2(rows) sampled ANALYZEs per run.
        """
        if self.estimate is None:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [MODELS]
            )
            self.estimate = max(cursor.fetchone()[0], 0)
        self.added += added
        if self.added >= max(self.estimate, self.ANALYZE_FLOOR):
            cursor.execute(f"ANALYZE {MODELS}, {EDGES}")
            self.estimate += self.added
            self.added = 0

    def _stage(self, cursor) -> None:
        # Temp tables vanish with a rolled-back transaction, so ensure per batch.
        columns = ", ".join(UPSERT_COLUMNS)
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS tracker_stage_models "
            f"ON COMMIT DELETE ROWS AS SELECT {columns} FROM {MODELS} WITH NO DATA"
        )
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS tracker_stage_edges "
            f"ON COMMIT DELETE ROWS AS SELECT {', '.join(EDGE_COLUMNS)} "
            f"FROM {EDGES} WITH NO DATA"
        )

    def lookup(self, repo_ids: list[str], stale_before: datetime) -> dict[str, Stored]:
        found: dict[str, Stored] = {}
        cursor = self._cursor()
        for part in _chunks(repo_ids, 20000):
            cursor.execute(
                "SELECT repo_id, id, content_hash, source_hash, license_text, "
                "last_seen_at < %s, observed_at, fields_observed IS NOT NULL "
                f"FROM {MODELS} WHERE repo_id = ANY(%s)",
                [stale_before, part],
            )
            for repo_id, pk, chash, shash, text, stale, seen, partial in cursor:
                found[repo_id] = Stored(
                    pk, chash, shash, text, stale, _text(seen), partial
                )
        cursor.close()
        return found

    def upsert(self, rows: list[tuple], known: dict[str, int]) -> dict[str, int]:
        """COPY new rows straight in; stage and merge when a row may exist.

        The direct COPY is the fast path. Rows that exist (known), or that a
        concurrent worker inserted since the lookup (unique violation, caught
        at a savepoint), go through the staging table and ON CONFLICT.
        """
        if not rows:
            return {}
        cursor = self._cursor()
        # Each batch commits with its checkpoint, so a lost tail after a crash
        # is simply redone by --resume; no need to wait for the WAL flush.
        cursor.execute("SET LOCAL synchronous_commit = off")
        new = [row for row in rows if row[0] not in known]
        merge = [row for row in rows if row[0] in known]
        ids: dict[str, int] = {}
        if new:
            # Ids drawn from the table's own sequence: no reading them back.
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                "FROM generate_series(1, %s)",
                [MODELS, len(new)],
            )
            reserved = [pk for (pk,) in cursor.fetchall()]
            try:
                with transaction.atomic(savepoint=True):
                    self._copy(
                        cursor,
                        MODELS,
                        ("id", *UPSERT_COLUMNS),
                        [
                            (pk, *self._adapt(row))
                            for pk, row in zip(reserved, new, strict=True)
                        ],
                    )
                ids = {row[0]: pk for pk, row in zip(reserved, new, strict=True)}
            except IntegrityError:
                merge = rows
            else:
                self._keep_statistics(cursor, len(new))
        if merge:
            self._stage(cursor)
            self._copy(
                cursor,
                "tracker_stage_models",
                UPSERT_COLUMNS,
                [self._adapt(row) for row in merge],
            )
            columns = ", ".join(UPSERT_COLUMNS)
            updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in UPDATE_COLUMNS)
            cursor.execute(
                f"INSERT INTO {MODELS} ({columns}) "
                f"SELECT {columns} FROM tracker_stage_models "
                f"ON CONFLICT (repo_id) DO UPDATE SET {updates} "
                "RETURNING repo_id, id"
            )
            ids.update(cursor.fetchall())
            cursor.execute("TRUNCATE tracker_stage_models")
        cursor.close()
        return ids

    def _copy(self, cursor, table: str, columns: tuple, rows: list[tuple]) -> None:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    @staticmethod
    def _adapt(row: tuple) -> tuple:
        # Timestamps arrive as UTC text without an offset; say so explicitly.
        row = list(row)
        for index in _TIMESTAMPS:
            if row[index] is not None:
                row[index] += "+00"
        return tuple(row)

    def ids_of(self, repo_ids: list[str]) -> dict[str, int]:
        cursor = self._cursor()
        cursor.execute(
            f"SELECT repo_id, id FROM {MODELS} WHERE repo_id = ANY(%s)", [repo_ids]
        )
        ids = dict(cursor.fetchall())
        cursor.close()
        return ids

    def _edges_write(self, child_ids: list[int], edges: list[tuple]) -> None:
        cursor = self._cursor()
        if child_ids:
            cursor.execute(f"DELETE FROM {EDGES} WHERE child_id = ANY(%s)", [child_ids])
        if edges:
            try:
                with transaction.atomic(savepoint=True):
                    self._copy(cursor, EDGES, EDGE_COLUMNS, edges)
            except IntegrityError:
                # Someone else wrote edges of these children: merge instead.
                self._stage(cursor)
                self._copy(cursor, "tracker_stage_edges", EDGE_COLUMNS, edges)
                columns = ", ".join(EDGE_COLUMNS)
                cursor.execute(
                    f"INSERT INTO {EDGES} ({columns}) SELECT {columns} "
                    "FROM tracker_stage_edges ON CONFLICT DO NOTHING"
                )
                cursor.execute("TRUNCATE tracker_stage_edges")
        cursor.close()

    def touch(self, ids: list[int], run_id: int, now: datetime) -> None:
        cursor = self._cursor()
        cursor.execute(
            f"UPDATE {MODELS} SET last_seen_run_id = %s, last_seen_at = %s "
            "WHERE id = ANY(%s)",
            [run_id, now, ids],
        )
        cursor.close()


def batch_writer() -> BatchWriter:
    return PostgresWriter() if connection.vendor == "postgresql" else SqliteWriter()


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
