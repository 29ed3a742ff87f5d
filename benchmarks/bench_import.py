"""Benchmark import_hub: models/s, peak memory and database size, then a re-import.

    python benchmarks/bench_import.py --models 200000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        python benchmarks/bench_import.py --models 2000000 --db postgres
    CELERY_BROKER_URL=redis://127.0.0.1:6379/14 \\
        python benchmarks/bench_import.py --models 2000000 --workers 2

The listing is generated once into benchmarks/out/ (generate_hub.py). SQLite
runs on a fresh benchmarks/out/bench.sqlite3; PostgreSQL on a fresh database
named `railtrack_bench` (--pg-database) on the DATABASE_URL server, dropped
and created anew (that URL's own database is never touched). Each step runs
in its own process, whose peak RSS is reported.
With --workers N, N Celery worker processes (solo pool) import the chunks and
the peak is the largest of theirs and the command's.
"""

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
BENCH_DB = "railtrack_bench"


def child(argv: list[str]) -> None:
    """Run one management command here and report time and peak memory."""
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if argv[0] == "import_hub":
        from tracker.management.commands.import_hub import Command

        options = (
            Command().create_parser("manage.py", "import_hub")._option_string_actions
        )
        if "--no-match" in options:
            argv = [*argv, "--no-match"]  # time the import, not license matching
    started = time.perf_counter()
    call_command(*argv)
    seconds = time.perf_counter() - started
    # The read-ahead process is a child: count its peak on top of ours, a
    # bound on what both held at once.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    peak += resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "peak": peak}))


def child_run(argv: list[str], env: dict) -> tuple[dict, list[str]]:
    """Run a command in this script's child wrapper: its report, its other lines."""
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "bench_import.py"),
            "--child",
            *argv,
        ],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{result.stderr[-3000:]}")
    lines = result.stdout.strip().splitlines()
    return json.loads(lines[-1]), lines[:-1]


def run_step(argv: list[str], env: dict) -> dict:
    report, lines = child_run(argv, env)
    report["summary"] = next((line for line in lines if line.startswith("read ")), "")
    return report


def listing(models: int, fmt: str) -> Path:
    suffix = {"jsonl.gz": "jsonl.gz", "jsonl": "jsonl", "parquet": "parquet"}[fmt]
    path = OUT / f"hub-{models}.{suffix}"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                str(REPO / "benchmarks" / "generate_hub.py"),
                "--models",
                str(models),
                "--out",
                str(path),
            ],
            check=True,
        )
    return path


def sqlite_fresh(path: Path) -> str:
    """The URL of an empty SQLite database at path (any old one is removed)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def postgres_fresh(name: str) -> str:
    """The URL of database `name`, dropped and created anew on DATABASE_URL's server."""
    import psycopg

    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("--db postgres needs DATABASE_URL=postgres://... (any database)")
    parts = urlsplit(base)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(
        admin.replace("postgres://", "postgresql://", 1), autocommit=True
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return urlunsplit(parts._replace(path=f"/{name}"))


def database(kind: str, pg_name: str = BENCH_DB) -> tuple[str, callable]:
    """A fresh database URL of that kind, and a function giving its size."""
    if kind == "sqlite":
        path = OUT / "bench.sqlite3"

        def size() -> int:
            return sum(
                Path(f"{path}{s}").stat().st_size
                for s in ("", "-wal")
                if Path(f"{path}{s}").exists()
            )

        return sqlite_fresh(path), size
    url = postgres_fresh(pg_name)

    def size() -> int:
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
            return conn.execute(
                "SELECT pg_database_size(current_database())"
            ).fetchone()[0]

    return url, size


def start_workers(count: int, env: dict) -> list[subprocess.Popen]:
    workers = []
    for index in range(count):
        workers.append(
            subprocess.Popen(
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
                    "-n",
                    f"bench{index}@%h",
                    "--loglevel=WARNING",
                ],
                env=env,
                cwd=REPO,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
    time.sleep(3)
    return workers


def peak_of(process: subprocess.Popen) -> int:
    try:
        status = Path(f"/proc/{process.pid}/status").read_text()
    except OSError:
        return 0
    line = next(
        (s for s in status.splitlines() if s.startswith("VmHWM")), "VmHWM: 0 kB"
    )
    return int(line.split()[1]) * 1024


def stop(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        os.killpg(worker.pid, signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)


def bench(kind: str, path: Path, models: int, args) -> list[tuple]:
    url, size = database(kind, args.pg_database)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    if not args.workers:
        env.pop("CELERY_BROKER_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        env=env,
        cwd=REPO,
        check=True,
    )
    command = ["import_hub", str(path), "--batch-size", str(args.batch_size)]
    workers: list[subprocess.Popen] = []
    if args.workers:
        if not os.environ.get("CELERY_BROKER_URL"):
            sys.exit("--workers needs CELERY_BROKER_URL (Redis)")
        env["CELERY_TASK_DEFAULT_QUEUE"] = f"bench-{uuid.uuid4().hex[:8]}"
        command += ["--workers", "--chunks", str(args.chunks or args.workers * 2)]
    rows = []
    for step in ("import", "re-import"):
        if args.workers:
            workers = start_workers(args.workers, env)
        report = run_step(command, env)
        peak = report["peak"]
        if workers:
            peak = max([peak, *(peak_of(w) for w in workers)])
            stop(workers)
        rows.append(
            (kind, step, models, report["seconds"], peak, size(), report["summary"])
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=200_000)
    parser.add_argument(
        "--format", default="jsonl.gz", choices=["jsonl.gz", "jsonl", "parquet"]
    )
    parser.add_argument(
        "--db", default="sqlite", choices=["sqlite", "postgres", "both"]
    )
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument(
        "--workers", type=int, default=0, help="Celery worker processes"
    )
    parser.add_argument(
        "--chunks", type=int, default=0, help="chunks per file (--workers)"
    )
    parser.add_argument(
        "--pg-database", default=BENCH_DB, help="scratch database, dropped first"
    )
    args = parser.parse_args()
    path = listing(args.models, args.format)
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    load = os.getloadavg()
    print(
        f"{path.name}: {path.stat().st_size / 1e6:.0f} MB, {os.cpu_count()} CPUs, "
        f"load average {load[0]:.2f} at start"
    )
    print(
        f"{'db':9} {'step':10} {'models':>9} {'seconds':>8} {'models/s':>9} "
        f"{'peak RSS':>9} {'db size':>9}"
    )
    for kind in kinds:
        rows = bench(kind, path, args.models, args)
        for db, step, models, seconds, peak, size, _ in rows:
            rate = models / seconds
            print(
                f"{db:9} {step:10} {models:>9} {seconds:>8.1f} {rate:>9,.0f} "
                f"{peak / 2**20:>6.0f} MB {size / 2**20:>6.0f} MB"
            )
        print(
            f"{'':9} re-import is {rows[0][3] / rows[1][3]:.1f}x faster; "
            f"first run: {rows[0][6]}"
        )
    print(f"load average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
    else:
        main()
