"""Import Hub model listings from files; resume a run; list a run's put-aside rows."""

import argparse
import signal
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tracker.importers.formats import FORMATS
from tracker.management.commands.match_licenses import summary as match_summary
from tracker.match_services import matches_dispatch, matches_recompute
from tracker.models import ImportRun
from tracker.rollups import rollups_refresh_soon
from tracker.selectors import run_issues
from tracker.services import (
    ImportRunError,
    Plan,
    import_run_execute,
    import_run_plan,
    import_run_resume,
)
from tracker.worker_services import (
    import_run_dispatch,
    import_run_progress,
    import_run_stalled,
)


def _snapshot(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date (YYYY-MM-DD[THH:MM])"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Command(BaseCommand):
    help = (
        "Import Hub models from JSON arrays, JSON Lines (.gz), hub-stats parquet "
        "or CSV files; the format of each file is detected."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="Files to import.")
        parser.add_argument(
            "--format", choices=sorted(FORMATS), help="Skip detection, use this format."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            help=f"Rows per batch (default {settings.TRACKER_IMPORT_BATCH_SIZE}; "
            "a resumed run keeps its own).",
        )
        parser.add_argument(
            "--limit",
            type=int,
            help="Stop after this many rows (over the run: a resume keeps it).",
        )
        parser.add_argument(
            "--snapshot",
            type=_snapshot,
            metavar="DATE",
            help="When the files were taken; an older observation of a model "
            "never overwrites a newer one (default: a hub-stats parquet's newest "
            "lastModified, else each row's own lastModified).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and count, write nothing."
        )
        parser.add_argument(
            "--resume", type=int, metavar="RUN_ID", help="Continue an interrupted run."
        )
        parser.add_argument(
            "--issues", type=int, metavar="RUN_ID", help="List a run's put-aside rows."
        )
        parser.add_argument(
            "--workers",
            action="store_true",
            help="Split the files into chunks processed as Celery tasks.",
        )
        parser.add_argument(
            "--chunks", type=int, default=4, help="Chunks per large file (--workers)."
        )
        parser.add_argument(
            "--stall-timeout",
            type=float,
            default=settings.TRACKER_WORKER_STALL_SECONDS,
            metavar="SECONDS",
            help="With --workers: give up waiting when no chunk progresses for "
            "this long; the run is left resumable (default %(default)s).",
        )
        parser.add_argument(
            "--match",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="Resolve the licenses of changed models afterwards (default).",
        )

    def handle(self, *args, **opts):
        if opts["issues"] is not None:
            return self._issues(opts["issues"], opts["limit"])
        self._check(opts)
        try:
            if opts["resume"] is not None:
                plan = import_run_resume(run_id=opts["resume"])
                # A resume continues the run as it was started: its batch
                # size and, above all, its limit (over the whole run).
                for name in ("batch_size", "limit"):
                    if opts[name] is None:
                        opts[name] = plan.run.options.get(name)
            else:
                plan = import_run_plan(
                    paths=opts["paths"],
                    format_name=opts["format"],
                    pieces=opts["chunks"] if opts["workers"] else 1,
                    options={"batch_size": opts["batch_size"], "limit": opts["limit"]},
                    snapshot=opts["snapshot"],
                    dry_run=opts["dry_run"],
                )
        except ImportRunError as exc:
            raise CommandError(str(exc)) from None
        if opts["batch_size"] is None:
            opts["batch_size"] = settings.TRACKER_IMPORT_BATCH_SIZE
        if opts["workers"]:
            self._run_on_workers(plan, opts["batch_size"], opts["stall_timeout"])
        else:
            try:
                self._run_here(plan, opts)
            except ImportRunError as exc:
                raise CommandError(str(exc)) from None
        self._summary(plan.run, opts["dry_run"])
        if opts["match"] and not opts["dry_run"]:
            self._match(plan.run)
        if not opts["dry_run"]:
            self.stdout.write(rollups_refresh_soon())

    def _match(self, run: ImportRun) -> None:
        """Queue (with a broker) or run license matching for the changed models."""
        if run.status != ImportRun.Status.SUCCEEDED:
            return
        if settings.CELERY_BROKER_URL:
            with transaction.atomic():
                queued = matches_dispatch()
            self.stdout.write(f"license matching: {queued} batches queued")
            return
        self.stdout.write(match_summary(matches_recompute()))

    def _check(self, opts) -> None:
        if opts["resume"] is not None and opts["paths"]:
            raise CommandError("--resume takes no paths: the run knows its files")
        if opts["resume"] is None and not opts["paths"]:
            raise CommandError(
                "give files to import, --resume RUN_ID or --issues RUN_ID"
            )
        if opts["batch_size"] is not None and opts["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        if opts["resume"] is not None and opts["snapshot"] is not None:
            raise CommandError("--snapshot is set when a run starts, not on resume")
        if opts["stall_timeout"] <= 0:
            raise CommandError("--stall-timeout must be positive")
        if opts["limit"] is not None and opts["limit"] < 1:
            raise CommandError("--limit must be at least 1")
        if opts["workers"] and (opts["dry_run"] or opts["limit"]):
            raise CommandError("--workers cannot be combined with --dry-run or --limit")
        if opts["chunks"] < 1:
            raise CommandError("--chunks must be at least 1")

    def _run_here(self, plan: Plan, opts) -> None:
        stop = threading.Event()
        bars = _Progress(enabled=sys.stderr.isatty())
        in_main = threading.current_thread() is threading.main_thread()
        previous = (
            signal.signal(signal.SIGTERM, lambda *_: stop.set()) if in_main else None
        )
        try:
            import_run_execute(
                plan=plan,
                batch_size=opts["batch_size"],
                limit=opts["limit"],
                dry_run=opts["dry_run"],
                should_stop=stop.is_set,
                on_batch=bars.batch if bars.enabled else self._dry_issues(opts),
                on_chunk=bars.chunk,
            )
        except KeyboardInterrupt:
            raise CommandError(self._interrupted(plan.run)) from None
        finally:
            bars.close()
            if in_main:
                signal.signal(signal.SIGTERM, previous)
        if plan.run.status == ImportRun.Status.INTERRUPTED:
            self._summary(plan.run, False)
            raise CommandError(self._interrupted(plan.run))

    def _dry_issues(self, opts):
        def show(chunk, counts, issues):
            if opts["dry_run"]:
                for issue in issues:
                    self.stdout.write(f"  {_issue_line(issue)}")

        return show

    def _run_on_workers(self, plan: Plan, batch_size: int, stall: float) -> None:
        with transaction.atomic():
            queued = import_run_dispatch(run=plan.run, batch_size=batch_size)
        self.stdout.write(f"run {plan.run.pk}: {queued} chunks queued")
        run = plan.run
        if settings.CELERY_TASK_ALWAYS_EAGER:
            # No broker: the chunks ran in this process when the queueing
            # transaction committed.
            run.refresh_from_db()
            return
        self.stdout.write("waiting for Celery workers (celery -A config worker)")
        last = None
        moved = time.monotonic()
        try:
            while True:
                run.refresh_from_db()
                if run.status != ImportRun.Status.RUNNING:
                    break
                progress = import_run_progress(run=run)
                if progress != last:
                    last, moved = progress, time.monotonic()
                elif time.monotonic() - moved > stall:
                    run = import_run_stalled(run=run, waited=timedelta(seconds=stall))
                    if run.status == ImportRun.Status.INTERRUPTED:
                        self._summary(run, False)
                        raise CommandError(
                            f"run {run.pk}: {run.error}. Start a worker "
                            f"(celery -A config worker), then continue with: "
                            f"manage.py import_hub --resume {run.pk} --workers"
                        )
                    continue
                if progress.chunks and progress.done == progress.chunks:
                    time.sleep(0.2)  # the last worker is closing the run
                    continue
                time.sleep(0.5)
        except KeyboardInterrupt:
            raise CommandError(
                f"stopped waiting; run {run.pk} goes on in the workers "
                f"(see import_hub --issues {run.pk} or the admin)"
            ) from None
        if run.status == ImportRun.Status.FAILED:
            self._summary(run, False)
            raise CommandError(f"run {run.pk} failed: {run.error}")

    def _interrupted(self, run: ImportRun) -> str:
        return (
            f"run {run.pk} interrupted after {run.read} rows; "
            f"continue with: manage.py import_hub --resume {run.pk}"
        )

    def _summary(self, run: ImportRun, dry_run: bool) -> None:
        seconds = run.duration.total_seconds() if run.duration else 0.0
        rate = f", {run.read / seconds:,.0f} rows/s" if seconds else ""
        self.stdout.write(
            f"read {run.read}, created {run.created}, updated {run.updated}, "
            f"unchanged {run.unchanged}, put aside {run.put_aside} "
            f"({run.skipped} skipped, {run.put_aside - run.skipped} kept), "
            f"edges {run.edges}"
            + (f", pending {run.pending}" if run.pending else "")
            + (f"; {seconds:.1f}s{rate}" if seconds else "")
            + (" (dry run, nothing written)" if dry_run else f" [run {run.pk}]")
        )

    def _issues(self, run_id: int, limit: int | None) -> None:
        if not ImportRun.objects.filter(pk=run_id).exists():
            raise CommandError(f"there is no import run {run_id}")
        issues = run_issues(run_id=run_id)
        total = issues.count()
        for issue in issues[:limit] if limit else issues.iterator(chunk_size=2000):
            self.stdout.write(_issue_line(issue))
        self.stdout.write(f"{total} put-aside rows in run {run_id}")


def _issue_line(issue) -> str:
    kept = "kept" if issue.row_kept else "skipped"
    name = Path(issue.path).name if issue.path else "-"
    return (
        f"{name}:{issue.position}\t{issue.reason}\t{kept}\t"
        f"{issue.repo_id or '-'}\t{issue.detail}"
    )


class _Progress:
    """tqdm bars with rate and ETA on a terminal; nothing otherwise."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.bar = None
        self.reader = None
        self.rows = 0

    def chunk(self, chunk, reader) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        self.close()
        self.reader = reader
        self.rows = 0
        self.bar = tqdm(
            total=reader.total,
            unit=reader.unit,
            unit_scale=reader.unit == "B",
            desc=Path(chunk.path).name[:30],
            file=sys.stderr,
        )

    def batch(self, chunk, counts, issues) -> None:
        if self.bar is None:
            return
        self.rows += counts.read
        self.bar.update(max(0, self.reader.done - self.bar.n))
        self.bar.set_postfix_str(f"{self.rows:,} rows", refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
