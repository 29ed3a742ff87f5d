"""Peak memory and time of one full by-author CSV download (the largest table).

    DATABASE_URL=sqlite:////path/bench_match.sqlite3 \\
        python benchmarks/bench_csv_memory.py
    python benchmarks/bench_csv_memory.py --query pipeline_tag=text-generation

Run it in a process of its own: peak RSS only ever grows, so the figure is
the rise one request causes. Expects a database with imported models and
refreshed rollups (bench_match.py leaves one). The request goes through
Django's test client as a staff user and is read to its last byte.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

URL = "/admin/tracker/analytics/adoption/"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--query", default="", help="extra filters, a=b&c=d")
    args = parser.parse_args()
    user, _ = get_user_model().objects.get_or_create(
        username="bench-staff", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    client.get(URL)  # warm-up: imports, templates, the login
    before = peak_mb()
    started = time.perf_counter()
    response = client.get(URL, {"csv": "by_author", **dict(parse_qsl(args.query))})
    if response.status_code != 200:
        raise SystemExit(f"HTTP {response.status_code}")
    lines = sum(chunk.count(b"\n") for chunk in response.streaming_content)
    elapsed = time.perf_counter() - started
    print(
        f"by_author CSV {args.query or '(no filter)'}: {lines:,} lines in "
        f"{elapsed:.1f} s; peak RSS {before:.0f} -> {peak_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
