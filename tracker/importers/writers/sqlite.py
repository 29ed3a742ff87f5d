"""The SQLite writer: executemany, rowids known without reading them back."""

# SQL here is built from model table and column names only; every value is a
# query parameter.
# ruff: noqa: S608

from datetime import datetime

from django.conf import settings

from ..records import utc_text
from . import (
    _UPDATE_INDEXES,
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


class SqliteWriter(BatchWriter):
    # Each commit writes every page a batch touched to the WAL, and inserts
    # with random repo_ids touch about one index page per row (repo_id, and
    # parent_repo_id for edges) once the indexes outgrow a batch: commit cost
    # then grew with the table, making 2M rows ~3x slower per row than 200k.
    # Grouping ~50k rows per commit writes each hot page once per group.
    # A commit also comes every few seconds, so readers and resume
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

    def prepare_reader(self) -> None:
        # SQLite's default 2 MB cache cannot hold even the path through the
        # repo_id index that one batch's lookup walks: a 5,000-id lookup on
        # 600k rows took 49 ms with it and 14 ms with 64 MB.
        cursor = self._cursor()
        cursor.execute("PRAGMA cache_size = -65536")
        cursor.close()

    def lookup(self, repo_ids: list[str], stale_before: datetime) -> dict[str, Stored]:
        found: dict[str, Stored] = {}
        cursor = self._cursor()
        threshold = utc_text(stale_before)
        for part in _chunks(repo_ids):
            marks = ",".join("?" * len(part))
            cursor.execute(
                f"SELECT repo_id, id, content_hash, source_hash, license_text, "
                f"last_seen_at < ?, observed_at, fields_observed IS NOT NULL, "
                f"suggested_license_name, suggested_license_link "
                f"FROM {MODELS} WHERE repo_id IN ({marks})",
                [threshold, *part],
            )
            for repo_id, pk, chash, shash, text, stale, seen, partial, *hint in cursor:
                found[repo_id] = Stored(
                    pk,
                    chash,
                    shash,
                    text,
                    bool(stale),
                    _text(seen),
                    bool(partial),
                    tuple(hint),
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
