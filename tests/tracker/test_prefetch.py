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

REPO = Path(__file__).resolve().parents[2]


def listing(path: Path, models: int) -> Path:
    with open(path, "w") as stream:
        for i in range(models):
            row = {"id": f"org{i % 50}/m-{i}", "downloads": i, "tags": ["license:mit"]}
            if i > 10 and i % 4 == 0:
                row["tags"].append(f"base_model:finetune:org{(i // 3) % 50}/m-{i // 3}")
            if i % 997 == 0:
                row["downloads"] = "bad"
            stream.write(json.dumps(row) + "\n")
    return path


def manage(database: Path, *args, **kwargs) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "CELERY_BROKER_URL": "",
        "DJANGO_SETTINGS_MODULE": "config.settings",
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
    assert "read 12000, created 11987" in clean.stdout

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
    assert "created 0, updated 0, unchanged 11987" in again.stdout
