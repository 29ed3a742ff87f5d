"""The PostgreSQL writer: COPY with ids reserved up front, merges via a stage."""

# SQL here is built from model table and column names only; every value is a
# query parameter.
# ruff: noqa: S608

from datetime import datetime

from django.db import IntegrityError, transaction

from . import (
    _TIMESTAMPS,
    EDGE_COLUMNS,
    EDGES,
    MODELS,
    UPDATE_COLUMNS,
    UPSERT_COLUMNS,
    BatchWriter,
    Stored,
    _chunks,
    _text,
)


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
                "last_seen_at < %s, observed_at, fields_observed IS NOT NULL, "
                "suggested_license_name, suggested_license_link "
                f"FROM {MODELS} WHERE repo_id = ANY(%s)",
                [stale_before, part],
            )
            for repo_id, pk, chash, shash, text, stale, seen, partial, *hint in cursor:
                found[repo_id] = Stored(
                    pk, chash, shash, text, stale, _text(seen), partial, tuple(hint)
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
