"""Read-ahead process: real import_hub runs, a SIGTERM mid-run, then --resume."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def rows_of(models: int) -> list[dict]:
    rows = []
    for i in range(models):
        row = {"id": f"org{i % 50}/m-{i}", "downloads": i, "tags": ["license:mit"]}
        if i > 10 and i % 4 == 0:
            row["tags"].append(f"base_model:finetune:org{(i // 3) % 50}/m-{i // 3}")
        if i % 997 == 0:
            row["downloads"] = "bad"
        elif i % 700 == 699:
            # The id of a row a batch or so before, changed: the writer must
            # see the earlier write although the read-ahead process looked
            # the id up before it was committed.
            j = i - 350
            row = {"id": f"org{j % 50}/m-{j}", "downloads": -~i, "tags": []}
        rows.append(row)
    return rows


def listing(path: Path, models: int) -> Path:
    with open(path, "w") as stream:
        for row in rows_of(models):
            stream.write(json.dumps(row) + "\n")
    return path


def expected(models: int, stored: dict | None = None) -> tuple[str, dict]:
    """The summary's counts, worked out by hand from the rows."""
    stored = dict(stored or {})
    created = updated = unchanged = skipped = 0
    for row in rows_of(models):
        if row["downloads"] == "bad":
            skipped += 1
        elif row["id"] not in stored:
            created += 1
        elif stored[row["id"]] != row:
            updated += 1
        else:
            unchanged += 1
        if row["downloads"] != "bad":
            stored[row["id"]] = row
    text = f"created {created}, updated {updated}, unchanged {unchanged}"
    return f"read {models}, {text}, put aside {skipped} ({skipped} skipped", stored


def manage(database: Path, *args, **kwargs) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "CELERY_BROKER_URL": "",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        # Three batches per commit, never by time: the read-ahead must hand
        # the writer batches that the child looked up before they committed.
        "TRACKER_SQLITE_COMMIT_ROWS": "900",
        "TRACKER_SQLITE_COMMIT_SECONDS": "3600",
        **kwargs.pop("env", {}),
    }
    command = [sys.executable, str(REPO / "manage.py"), *map(str, args)]
    if kwargs.pop("background", False):
        return subprocess.Popen(
            command,
            env=env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    return subprocess.run(
        command, env=env, cwd=REPO, capture_output=True, text=True, **kwargs
    )


def rows(database: Path) -> list:
    with sqlite3.connect(database) as db:
        models = db.execute(
            "SELECT repo_id, content_hash, license_inputs_hash FROM tracker_hubmodel "
            "ORDER BY repo_id"
        ).fetchall()
        edges = db.execute(
            "SELECT m.repo_id, e.parent_repo_id, e.relation, e.parent_id IS NULL "
            "FROM tracker_lineageedge e JOIN tracker_hubmodel m ON m.id = e.child_id "
            "ORDER BY 1, 2"
        ).fetchall()
        issues = db.execute(
            "SELECT position, reason FROM tracker_putasiderow ORDER BY position"
        ).fetchall()
    return [models, edges, issues]


def summary(output: str) -> str:
    return next(s for s in output.splitlines() if s.startswith("read ")).split(";")[0]


def test_sigterm_then_resume_with_read_ahead_matches_a_clean_run(tmp_path):
    base = tmp_path / "base.sqlite3"
    assert manage(base, "migrate", "--noinput", "-v0").returncode == 0
    clean_db, cut_db = tmp_path / "clean.sqlite3", tmp_path / "cut.sqlite3"
    shutil.copy(base, clean_db)
    shutil.copy(base, cut_db)
    path = listing(tmp_path / "hub.jsonl", 12_000)
    clean = manage(clean_db, "import_hub", path, "--batch-size", 300, check=True)
    first, stored = expected(12_000)
    assert first in clean.stdout

    running = manage(cut_db, "import_hub", path, "--batch-size", 300, background=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            with sqlite3.connect(cut_db, timeout=1) as db:
                done = db.execute(
                    "SELECT SUM(read) FROM tracker_importchunk"
                ).fetchone()[0]
        except sqlite3.OperationalError:
            continue
        if done:
            break
    running.send_signal(signal.SIGTERM)
    out, err = running.communicate(timeout=60)
    assert running.returncode == 1, (out, err)
    assert "interrupted after" in err and "--resume 1" in err
    with sqlite3.connect(cut_db) as db:
        status, read = db.execute(
            "SELECT status, read FROM tracker_importrun"
        ).fetchone()
    assert status == "interrupted" and 0 < read < 12_000

    resumed = manage(cut_db, "import_hub", "--resume", 1, check=True)
    assert summary(resumed.stdout) == summary(clean.stdout)
    assert rows(cut_db) == rows(clean_db)
    again = manage(clean_db, "import_hub", path, check=True)
    assert expected(12_000, stored)[0] in again.stdout


def children_of(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited


@pytest.mark.slow
def test_the_read_ahead_process_dies_with_a_killed_import(tmp_path):
    if not Path("/proc/self/task").is_dir():
        pytest.skip("needs /proc to find the read-ahead process")
    database = tmp_path / "db.sqlite3"
    assert manage(database, "migrate", "--noinput", "-v0").returncode == 0
    path = listing(tmp_path / "hub.jsonl", 30_000)
    # One batch per commit: the child is always waiting for the next ack.
    running = manage(
        database,
        "import_hub",
        path,
        "--batch-size",
        100,
        background=True,
        env={"TRACKER_SQLITE_COMMIT_ROWS": "1"},
    )
    child = None
    deadline = time.monotonic() + 60
    while child is None and time.monotonic() < deadline:
        time.sleep(0.05)
        if running.poll() is not None:
            break
        kids = children_of(running.pid)
        child = kids[0] if kids else None
    assert child is not None, running.communicate()
    running.kill()  # SIGKILL: no handler, no cleanup
    running.wait()
    deadline = time.monotonic() + 60
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(child)
    # Nothing holds the database: a resume can write to it at once.
    resumed = manage(database, "import_hub", "--resume", 1, "--batch-size", 20_000)
    assert resumed.returncode == 0, resumed.stderr
    assert expected(30_000)[0] in resumed.stdout
