"""Benchmark match_licenses: a first run over N imported models, then a re-run.

    python benchmarks/bench_match.py --models 200000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        python benchmarks/bench_match.py --models 200000 --db postgres

The listing comes from benchmarks/out/ (generate_hub.py, via bench_import's
helper) and is imported with `import_hub --no-match` into a fresh database:
benchmarks/out/bench_match.sqlite3, or a database named `bench_match` on the
DATABASE_URL server (that URL's own database is never touched). Each step runs
in its own process (bench_import's child), whose time and peak RSS are shown.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import (  # noqa: E402
    OUT,
    REPO,
    child_run,
    listing,
    postgres_fresh,
    sqlite_fresh,
)

BENCH_DB = "bench_match"


def database(kind: str) -> str:
    if kind == "sqlite":
        return sqlite_fresh(OUT / "bench_match.sqlite3")
    return postgres_fresh(BENCH_DB)


def step(argv: list[str], env: dict) -> tuple[dict, str]:
    """Run a command in bench_import's child wrapper: its report and its output."""
    report, lines = child_run(argv, env)
    return report, "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=200_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--batch-size", type=int, default=10_000)
    args = parser.parse_args()
    path = listing(args.models, "jsonl.gz")
    env = {
        **os.environ,
        "DATABASE_URL": database(args.db),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("CELERY_BROKER_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        env=env,
        cwd=REPO,
        check=True,
    )
    subprocess.run(
        [sys.executable, "manage.py", "load_library"],
        env=env,
        cwd=REPO,
        check=False,
    )
    imported, _ = step(["import_hub", str(path), "--no-match"], env)
    print(f"load average {os.getloadavg()[0]:.2f} (2 cores)")
    print(f"import: {imported['seconds']:.1f}s")
    command = ["match_licenses", "--batch-size", str(args.batch_size)]
    for name in ("first run", "re-run"):
        report, output = step(command, env)
        rate = args.models / report["seconds"]
        print(
            f"{args.db} {name}: {args.models} models in {report['seconds']:.1f}s "
            f"({rate:,.0f} models/s), peak RSS {report['peak'] / 2**20:.0f} MiB"
        )
        print(f"  {output}")
    print(f"load average {os.getloadavg()[0]:.2f} after")


if __name__ == "__main__":
    main()
