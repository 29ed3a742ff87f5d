"""Load categories, the known-license catalog and the clause library from YAML."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clauses.services import library_load


class Command(BaseCommand):
    help = "Load fixtures/categories.yaml, known_licenses.yaml and clauses/*.yaml."

    def add_arguments(self, parser):
        parser.add_argument(
            "--root",
            type=Path,
            default=settings.FIXTURES_ROOT,
            help="Folder holding categories.yaml, known_licenses.yaml, clauses/.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and count, write nothing."
        )

    def handle(self, *args, root: Path, dry_run: bool, **options):
        if not root.is_dir():
            raise CommandError(f"{root} is not a folder")
        report = library_load(root=root, dry_run=dry_run)
        for kind in ("categories", "licenses", "clauses"):
            counts = getattr(report, kind)
            self.stdout.write(
                f"{kind}: {counts.created} created, {counts.changed} changed, "
                f"{counts.unchanged} unchanged"
            )
        self.stdout.write(
            f"total: {report.created} created, {report.changed} changed, "
            f"{report.new_versions} new clause versions"
            + (" (dry run, nothing written)" if dry_run else "")
        )
        if report.errors:
            raise CommandError(
                "some files were not loaded:\n  " + "\n  ".join(report.errors)
            )
