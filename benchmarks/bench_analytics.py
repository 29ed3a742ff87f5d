"""Time the analytics rollups refresh and the p95 of every analytics page and API.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python benchmarks/bench_analytics.py
    python benchmarks/bench_analytics.py --match --requests 50
    python benchmarks/bench_analytics.py --no-refresh   # pages and API only
    python benchmarks/bench_analytics.py --no-refresh --uncached

The refresh is timed three ways: a full rebuild (--full), an incremental one
right after (nothing changed), and the per-group times of the full one.

Expects a database already holding imported models (bench_import.py /
import_hub on a generate_hub.py listing); --match runs match_licenses first.
Requests go through Django's test client as a staff user, so the times
include URL routing, the view, the template and the queries, not a network.
Each URL's first request (cold caches: the database's pages, Django's
templates) is shown apart from the p50/p95 of the repeats that follow; the
CSV downloads are a section of their own, read to their last byte. Figure
reads are cached per refresh (tracker.analytics.figures), so the repeats
show the cached cost; --uncached empties the cache before every request to
time the reads themselves.
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
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from tracker.models import HubModel, LineageEdge  # noqa: E402
from tracker.rollups import refresh_summary, rollups_refresh  # noqa: E402

ADMIN = "/admin/tracker/analytics/"
PAGES = [
    ADMIN,
    ADMIN + "?date_from=2024-01&date_to=2024-06",
    ADMIN + "adoption/",
    ADMIN + "adoption/?date_from=2023-01&pipeline_tag=text-generation",
    ADMIN + "adoption/?family=llama",
    ADMIN + "adoption/?pipeline_tag=text-generation&family=llama",
    ADMIN + "adoption/?date_from=2024-01&date_to=2024-12",
    ADMIN + "adoption/?date_from=2025-06",
    ADMIN + "clauses/",
    ADMIN + "clauses/?level=clause",
    ADMIN + "convergence/",
    ADMIN + "convergence/?level=clause",
    ADMIN + "transitions/",
    ADMIN + "transitions/?relation=merge&family=llama",
    ADMIN + "transitions/?pipeline_tag=text-generation",
    ADMIN + "drift/",
    ADMIN + "drift/?family=llama&relation=finetune",
    ADMIN + "adherence/?repo_id={repo_id}",
]
API = [
    "/api/analytics/headline/",
    "/api/analytics/headline/?date_from=2024-01&date_to=2024-06",
    "/api/analytics/filters/",
    "/api/analytics/adoption/",
    "/api/analytics/adoption/?pipeline_tag=text-generation&limit=100",
    "/api/analytics/adoption/?family=llama&limit=100",
    "/api/analytics/adoption/?date_from=2024-01&date_to=2024-12&limit=100",
    "/api/analytics/clauses/",
    "/api/analytics/convergence/",
    "/api/analytics/drift/",
    "/api/analytics/drift/?family=llama",
    "/api/analytics/transitions/",
    "/api/analytics/transitions/?relation=merge",
    "/api/analytics/adherence/{repo_id}/",
]
CSV = [
    ADMIN + "?csv=headline",
    ADMIN + "adoption/?csv=by_author",
    ADMIN + "adoption/?pipeline_tag=text-generation&csv=by_author",
    ADMIN + "adoption/?csv=by_license",
    ADMIN + "transitions/?csv=transitions",
    ADMIN + "drift/?csv=drift_by_family",
    ADMIN + "adherence/?repo_id={repo_id}&csv=dropped",
]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def timed_get(client: Client, url: str, *, uncached: bool = False) -> float:
    if uncached:
        cache.clear()
    started = time.perf_counter()
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    return elapsed


def time_urls(
    client: Client, title: str, urls: list[str], requests: int, *, uncached: bool
) -> float:
    """Print first, p50 and p95 per URL; return the worst p95."""
    print(f"\n== {title}")
    print(f"{'first ms':>9} {'p50 ms':>8} {'p95 ms':>8}  url")
    worst = 0.0
    for url in urls:
        first = timed_get(client, url, uncached=True)
        times = [timed_get(client, url, uncached=uncached) for _ in range(requests)]
        worst = max(worst, p95(times))
        print(f"{first:9.1f} {statistics.median(times):8.1f} {p95(times):8.1f}  {url}")
    print(f"worst p95 ({title}): {worst:.1f} ms")
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--match", action="store_true", help="run match_licenses")
    parser.add_argument(
        "--no-refresh", action="store_true", help="time the requests only"
    )
    parser.add_argument(
        "--uncached", action="store_true", help="empty the cache before each request"
    )
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    models, edges = HubModel.objects.count(), LineageEdge.objects.count()
    print(f"models {models:,}, edges {edges:,}")
    if args.match:
        started = time.perf_counter()
        call_command("match_licenses", verbosity=0)
        print(f"match_licenses: {time.perf_counter() - started:.1f} s")
    if not args.no_refresh:
        started = time.perf_counter()
        state = rollups_refresh(full=True)
        print(f"rollups_refresh --full: {time.perf_counter() - started:.2f} s")
        print(f"  {refresh_summary(state)}")
        print(f"  rows: {state.counts}")
        started = time.perf_counter()
        state = rollups_refresh()
        print(
            f"rollups_refresh, nothing changed: {time.perf_counter() - started:.2f} s"
        )
        print(f"  {refresh_summary(state)}")

    user, _ = get_user_model().objects.get_or_create(
        username="bench-staff", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    # A parent with many children: the adherence report's heavy case.
    repo_id = (
        LineageEdge.objects.exclude(parent_repo_id="")
        .values("parent_repo_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("parent_repo_id", flat=True)
        .first()
        or "x/y"
    )
    client.get(ADMIN)  # warm-up: the login, the first template loads
    worst = max(
        time_urls(
            client,
            title,
            [u.format(repo_id=repo_id) for u in urls],
            repeats,
            uncached=args.uncached,
        )
        # A full CSV is a download, not a page: fewer repeats.
        for title, urls, repeats in (
            ("admin pages", PAGES, args.requests),
            ("API", API, args.requests),
            ("CSV", CSV, max(3, args.requests // 10)),
        )
    )
    print(f"\nworst p95: {worst:.1f} ms")


if __name__ == "__main__":
    main()
