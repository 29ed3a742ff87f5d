"""Time the analytics rollups refresh and the p95 of every analytics page and API.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python benchmarks/bench_analytics.py
    python benchmarks/bench_analytics.py --match --requests 50

The refresh is timed three ways: a full rebuild (--full), an incremental one
right after (nothing changed), and the per-group times of the full one.

Expects a database already holding imported models (bench_import.py /
import_hub on a generate_hub.py listing); --match runs match_licenses first.
Requests go through Django's test client as a staff user, so the times
include URL routing, the view, the template and the queries, not a network.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from tracker.models import HubModel, LineageEdge  # noqa: E402
from tracker.rollups import refresh_summary, rollups_refresh  # noqa: E402

PAGES = [
    "/admin/tracker/analytics/",
    "/admin/tracker/analytics/adoption/",
    "/admin/tracker/analytics/adoption/?date_from=2023-01&pipeline_tag=text-generation",
    "/admin/tracker/analytics/adoption/?family=llama",
    "/admin/tracker/analytics/clauses/",
    "/admin/tracker/analytics/convergence/",
    "/admin/tracker/analytics/transitions/",
    "/admin/tracker/analytics/transitions/?relation=merge&family=llama",
    "/admin/tracker/analytics/drift/",
    "/admin/tracker/analytics/drift/?family=llama&relation=finetune",
    "/admin/tracker/analytics/drift/?csv=drift_by_family",
    "/api/analytics/headline/",
    "/api/analytics/headline/?date_from=2024-01&date_to=2024-06",
    "/api/analytics/adoption/",
    "/api/analytics/adoption/?pipeline_tag=text-generation&limit=100",
    "/api/analytics/clauses/",
    "/api/analytics/convergence/",
    "/api/analytics/drift/",
    "/api/analytics/transitions/",
]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--match", action="store_true", help="run match_licenses")
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    models, edges = HubModel.objects.count(), LineageEdge.objects.count()
    print(f"models {models:,}, edges {edges:,}")
    if args.match:
        started = time.perf_counter()
        call_command("match_licenses", verbosity=0)
        print(f"match_licenses: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    state = rollups_refresh(full=True)
    print(f"rollups_refresh --full: {time.perf_counter() - started:.2f} s")
    print(f"  {refresh_summary(state)}")
    print(f"  rows: {state.counts}")
    started = time.perf_counter()
    state = rollups_refresh()
    print(f"rollups_refresh, nothing changed: {time.perf_counter() - started:.2f} s")
    print(f"  {refresh_summary(state)}")

    user, _ = get_user_model().objects.get_or_create(
        username="bench-staff", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    repo_id = (
        LineageEdge.objects.values_list("parent_repo_id", flat=True).first() or "x/y"
    )
    pages = [*PAGES, f"/api/analytics/adherence/{repo_id}/"]
    print(f"{'p50 ms':>8} {'p95 ms':>8}  url")
    worst = 0.0
    for url in pages:
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
        worst = max(worst, p95(times))
        print(f"{statistics.median(times):8.1f} {p95(times):8.1f}  {url}")
    print(f"worst p95: {worst:.1f} ms")


if __name__ == "__main__":
    main()
