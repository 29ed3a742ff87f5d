"""Resolve the license of every imported model whose license inputs changed."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tracker.match_services import (
    BATCH_SIZE,
    MatchReport,
    matches_dispatch,
    matches_recompute,
)
from tracker.rollups import rollups_refresh_soon


class Command(BaseCommand):
    help = (
        "Resolve Hub models' licenses (tag, name, link, text, generated), detect "
        "clauses in license texts and match composed licenses; incremental."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--full", action="store_true", help="Recompute every model."
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument("--limit", type=int, help="Stop after this many models.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Compute and count, write nothing."
        )

    def handle(self, *args, full: bool, batch_size: int, limit, dry_run, **opts):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1")
        if settings.CELERY_BROKER_URL and not (dry_run or limit):
            with transaction.atomic():
                queued = matches_dispatch(batch_size=batch_size, full=full)
            self.stdout.write(f"{queued} match batches queued for Celery workers")
            return
        report = matches_recompute(
            batch_size=batch_size, full=full, limit=limit, dry_run=dry_run
        )
        self.stdout.write(summary(report, dry_run=dry_run))
        if not dry_run:
            self.stdout.write(rollups_refresh_soon())


def summary(report: MatchReport, *, dry_run: bool = False) -> str:
    methods = ", ".join(
        f"{method} {count}" for method, count in sorted(report.by_method.items())
    )
    rate = report.considered / report.seconds if report.seconds else 0.0
    return (
        f"resolved {report.considered} ({methods or 'none'}), "
        f"unchanged {report.unchanged}, with clause matches "
        f"{report.with_clause_matches} ({report.clause_matches} clauses), "
        f"adoptions {report.adoptions}, near configurations {report.near}; "
        f"{report.seconds:.1f}s, {rate:,.0f} models/s"
        + (" (dry run, nothing written)" if dry_run else "")
    )
