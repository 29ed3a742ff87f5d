"""Composer benchmark: render times (Markdown, PDF) and Markdown downloads per second.

Run from the project root: `.venv/bin/python benchmarks/bench_composer.py`.
It uses its own SQLite file (BENCH_DB, default /tmp/bench_composer.sqlite3),
which it recreates, so the development database is never touched. The HTTP
part serves the project with `manage.py runserver --noreload` (threaded), the
only WSGI server the project installs, with DEBUG off, and drives it from a
pool of client threads, one connection per request.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_PATH = Path(
    os.environ.get("BENCH_DB", Path(tempfile.gettempdir()) / "bench_composer.sqlite3")
)
SERVER_ENV = {
    "DATABASE_URL": f"sqlite:///{DB_PATH}",
    "DEBUG": "false",
    "SECRET_KEY": "benchmark-only-secret-key-not-for-production-use-0123456789",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "ERROR",
}
# A typical license: the flavor's mandatory clauses, five optional, two custom.
OPTIONAL = (
    "no-unsupervised-medical-advice",
    "no-surveillance",
    "no-military-use",
    "no-spam",
    "no-commercial-use",
)
CUSTOM = (
    ("Do not use the Artifact to grade school exams.", "academic-dishonesty"),
    ("Do not use the Artifact to price insurance for individuals.", "medical"),
)


def setup_database():
    """Fresh SQLite file with the schema, the clause library and one license."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB_PATH}{suffix}").unlink(missing_ok=True)
    os.environ.update(SERVER_ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from clauses.services import library_load
    from licenses.selectors import version_get
    from licenses.services import CustomDraft, LicenseDraft, license_create

    call_command("migrate", verbosity=0, interactive=False)
    report = library_load(root=settings.FIXTURES_ROOT)
    if report.errors:
        raise SystemExit(f"library did not load: {report.errors}")
    created = license_create(
        draft=LicenseDraft(
            project_name="Aurora Vision",
            licensor="Aurora Labs",
            project_url="https://aurora.example/vision",
            flavor="OpenRAIL",
            artifacts=("model", "source_code"),
            clause_slugs=OPTIONAL,
            custom_clauses=tuple(CustomDraft(text=t, category=c) for t, c in CUSTOM),
        )
    )
    return version_get(slug=created.license.slug, number=created.number)


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def bench_rendering(version, *, md_runs: int, pdf_runs: int) -> None:
    from licenses.rendering.html import markdown_to_html
    from licenses.rendering.pdf import markdown_to_pdf
    from licenses.selectors import version_pdf_footer, version_rerender

    if version_rerender(version) != version.markdown:
        raise SystemExit("re-rendering the stored version changed its Markdown")
    clauses = version.chosen.count()
    print(
        f"license {version.license_id_line}: {version.name}, {clauses} clauses "
        f"({len(OPTIONAL)} optional) + {len(CUSTOM)} custom, "
        f"{len(version.markdown):,} chars of Markdown"
    )
    md = timed(lambda: version_rerender(version), md_runs)
    html = timed(lambda: markdown_to_html(version.markdown), md_runs)
    title = f"{version.project_name} {version.name} License"
    footer = version_pdf_footer(version)

    def pdf():
        return markdown_to_pdf(version.markdown, title=title, footer=footer)

    first = timed(pdf, 1)[0]  # WeasyPrint import and font set-up
    pdfs = timed(pdf, pdf_runs)
    print(f"Markdown compose  median {ms(md)} over {md_runs} runs (min {ms(md, min)})")
    print(f"Markdown -> HTML  median {ms(html)} over {md_runs} runs")
    print(
        f"PDF (WeasyPrint)  median {ms(pdfs)} over {pdf_runs} runs, no cache "
        f"(min {ms(pdfs, min)}, max {ms(pdfs, max)}; first run {first * 1000:.0f} ms)"
    )


def ms(values: list[float], how=statistics.median) -> str:
    return f"{how(values) * 1000:.2f} ms"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    env = {**os.environ, **SERVER_ENV}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("runserver exited early")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("runserver did not start within 20 s")


def hammer(port: int, path: str, *, seconds: float, concurrency: int) -> None:
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency
    stop_at = time.perf_counter() + seconds

    def worker(index: int) -> None:
        # One connection per request: runserver's keep-alive replies stall
        # ~40 ms on Nagle + delayed ACK (headers and body are sent apart).
        while time.perf_counter() < stop_at:
            start = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            try:
                conn.request("GET", path, headers={"Connection": "close"})
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                continue
            finally:
                conn.close()
            latencies[index].append(time.perf_counter() - start)
            if response.status != 200:
                errors[index] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    done = sorted(t for per_thread in latencies for t in per_thread)
    cuts = statistics.quantiles(done, n=100)
    print(
        f"GET {path}: {len(done) / elapsed:.0f} requests/s "
        f"({len(done)} in {elapsed:.1f} s, concurrency {concurrency}, "
        f"{sum(errors)} errors); latency p50 {cuts[49] * 1000:.1f} ms, "
        f"p95 {cuts[94] * 1000:.1f} ms, max {done[-1] * 1000:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--md-runs", type=int, default=200)
    parser.add_argument("--pdf-runs", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()

    began = time.perf_counter()
    version = setup_database()
    print(f"database ready in {time.perf_counter() - began:.1f} s ({DB_PATH})")
    bench_rendering(version, md_runs=args.md_runs, pdf_runs=args.pdf_runs)

    port = free_port()
    server = start_server(port)
    try:
        path = f"/licenses/{version.license.slug}/v{version.number}/download/md/"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        conn.close()
        if response.status != 200 or body != version.markdown.encode():
            raise SystemExit(f"warm-up request failed: {response.status}")
        print(
            "server: manage.py runserver --noreload (threaded, DEBUG off), "
            f"{os.cpu_count()} CPUs"
        )
        hammer(port, path, seconds=args.seconds, concurrency=args.concurrency)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"total {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
