"""Load categories, the known-license catalog and the clause library from YAML."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clauses.services import library_load


class Command(BaseCommand):
    help = (
        "Load fixtures/categories.yaml, known_licenses.yaml and clauses/*.yaml. "
        "Fields the YAML changed since the last load are applied; admin edits to "
        "other fields are kept (use --force to overwrite them)."
    )

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
        parser.add_argument(
            "--force",
            action="store_true",
            help="Make every row equal to its YAML record, overwriting admin edits.",
        )
        parser.add_argument(
            "--retire",
            action="store_true",
            help="Set approved clauses that are no longer in the fixtures to draft.",
        )

    def handle(self, *args, root: Path, dry_run: bool, force: bool, retire: bool, **o):
        if not root.is_dir():
            raise CommandError(f"{root} is not a folder")
        report = library_load(root=root, dry_run=dry_run, force=force, retire=retire)
        for kind in ("categories", "licenses", "clauses"):
            counts = getattr(report, kind)
            line = (
                f"{kind}: {counts.created} created, {counts.changed} changed, "
                f"{counts.unchanged} unchanged"
            )
            if counts.kept:
                line += f" ({counts.kept} keep admin edits)"
            self.stdout.write(line)
        self._list("changed by the fixtures", report.changes)
        self._list(
            "admin edits kept (the YAML record did not change since the last load; "
            "--force applies it)",
            report.kept,
        )
        self._list(
            "admin edits overwritten (the YAML changed the same fields)",
            report.overwritten,
        )
        for kind, labels in report.not_in_fixtures.items():
            hint = "; --retire sets approved ones to draft" if kind == "clauses" else ""
            self._list(f"{kind} not in fixtures (kept in the database{hint})", labels)
        self._list("retired (set to draft)", report.retired)
        self.stdout.write(
            f"total: {report.created} created, {report.changed} changed, "
            f"{report.new_versions} new clause versions"
            + (" (dry run, nothing written)" if dry_run else "")
        )
        if report.errors:
            raise CommandError(
                "some files were not loaded:\n  " + "\n  ".join(report.errors)
            )

    def _list(self, title: str, items: list[str]) -> None:
        if items:
            self.stdout.write(f"{title}:")
            for item in items:
                self.stdout.write(f"  {item}")
