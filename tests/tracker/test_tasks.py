"""Scale-out: chunks as Celery tasks give the counts of a single-process run."""

import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import call_command

from tracker.models import HubModel, ImportChunk, ImportRun, LineageEdge
from tracker.services import import_run_execute, import_run_plan
from tracker.worker_services import import_run_dispatch

REPO = Path(__file__).resolve().parents[2]
COUNTS = ("read", "created", "updated", "unchanged", "put_aside", "skipped", "edges")


def listing(path: Path, models: int = 240) -> Path:
    lines = []
    for i in range(models):
        row = {"id": f"org{i % 7}/model-{i}", "downloads": i, "tags": ["license:mit"]}
        if i and i % 3 == 0:
            row["tags"].append(f"base_model:finetune:org{(i // 2) % 7}/model-{i // 2}")
        lines.append(json.dumps(row))
    lines[50] = "{not json"
    path.write_text("\n".join(lines) + "\n")
    return path


def state() -> tuple:
    return (
        sorted(HubModel.objects.values_list("repo_id", "content_hash")),
        sorted(
            LineageEdge.objects.values_list(
                "child__repo_id", "parent_repo_id", "parent__repo_id"
            )
        ),
    )


@pytest.mark.django_db
def test_eager_chunks_match_a_single_process_run(
    tmp_path, django_capture_on_commit_callbacks
):
    path = listing(tmp_path / "hub.jsonl")
    single = import_run_plan(paths=[path])
    import_run_execute(plan=single, batch_size=25)
    single.run.refresh_from_db()
    expected = state()
    HubModel.objects.all().delete()
    plan = import_run_plan(paths=[path], pieces=4)
    assert len(plan.chunks) == 4
    with django_capture_on_commit_callbacks(execute=True):
        assert import_run_dispatch(run=plan.run, batch_size=25) == 4
    run = ImportRun.objects.get(pk=plan.run.pk)
    assert run.status == ImportRun.Status.SUCCEEDED
    assert [getattr(run, c) for c in COUNTS] == [getattr(single.run, c) for c in COUNTS]
    assert set(run.chunks.values_list("status", flat=True)) == {ImportChunk.Status.DONE}
    assert state() == expected


@pytest.mark.django_db
def test_workers_flag_runs_chunks_in_process_without_a_broker(
    tmp_path, django_capture_on_commit_callbacks
):
    path = listing(tmp_path / "hub.jsonl")
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "import_hub",
            str(path),
            "--workers",
            "--chunks",
            "3",
            stdout=open(os.devnull, "w"),
        )
    run = ImportRun.objects.get()
    assert (run.status, run.read, run.created, run.skipped) == (
        "succeeded",
        240,
        239,
        1,
    )
    assert run.chunks.count() == 3


def _redis_url() -> str:
    # A database of its own on the local Redis, so a test run never takes
    # (or leaves) another's work; TEST_REDIS_URL points elsewhere.
    url = os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/15"
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001 - any failure means: skip
        pytest.skip(f"Redis at {url} does not answer: {exc}")
    return url


def _forget_queue(url: str, queue: str) -> None:
    """Leave nothing of the test's queue behind in the shared Redis."""
    import redis

    client = redis.Redis.from_url(url)
    client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    client.zrem("_kombu.binding_deadlines", queue)


@pytest.fixture
def worker_database(tmp_path):
    """A database a separate worker process can see: PostgreSQL when the suite
    runs on it (a throwaway database beside the test one), else a SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'workers.sqlite3'}"
        return
    import psycopg

    parts = urlsplit(url)
    name = f"railtrack_workers_{uuid.uuid4().hex[:8]}"
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_a_real_worker_gives_single_process_counts(tmp_path, worker_database):
    """A celery worker process and import_hub --workers share one database."""
    redis_url = _redis_url()
    env = {
        **os.environ,
        "DATABASE_URL": worker_database,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_TASK_DEFAULT_QUEUE": f"tracker-test-{uuid.uuid4().hex[:8]}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    manage = [sys.executable, str(REPO / "manage.py")]
    subprocess.run(
        [*manage, "migrate", "--noinput", "-v0"], env=env, cwd=REPO, check=True
    )
    single_db = tmp_path / "single.sqlite3"
    single_env = {
        **env,
        "DATABASE_URL": f"sqlite:///{single_db}",
        "CELERY_BROKER_URL": "",
    }
    subprocess.run(
        [*manage, "migrate", "--noinput", "-v0"], env=single_env, cwd=REPO, check=True
    )
    path = listing(tmp_path / "hub.jsonl", models=600)
    single = subprocess.run(
        [*manage, "import_hub", str(path), "--batch-size", "50"],
        env=single_env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-Q",
            env["CELERY_TASK_DEFAULT_QUEUE"],
            "--loglevel=WARNING",
        ],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        parallel = subprocess.run(
            [
                *manage,
                "import_hub",
                str(path),
                "--workers",
                "--chunks",
                "3",
                "--batch-size",
                "50",
            ],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert parallel.returncode == 0, parallel.stderr
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
        _forget_queue(redis_url, env["CELERY_TASK_DEFAULT_QUEUE"])
    assert "3 chunks queued" in parallel.stdout

    def summary(output: str) -> str:
        line = next(s for s in output.splitlines() if s.startswith("read "))
        return line.split(";")[0].split(" [run")[0]

    assert summary(parallel.stdout) == summary(single.stdout)
    assert "read 600, created 599" in summary(parallel.stdout)


def test_an_amqp_broker_needs_no_result_backend():
    """RabbitMQ can carry the tasks; nothing reads results, so none are kept."""
    env = {
        **os.environ,
        "CELERY_BROKER_URL": "amqp://guest@127.0.0.1:5672//",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("CELERY_RESULT_BACKEND", None)
    probe = (
        "import django; django.setup(); from config.celery import app; "
        "print(app.conf.result_backend, type(app.backend).__name__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["None", "DisabledBackend"]
