"""Identify the license of files and detect their restriction categories."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clauses.loaders import LibraryFileError
from tracker.detection.engine import DetectionResult, Detector
from tracker.detection.fingerprints import load_fingerprints
from tracker.detection.library import library_from_fixtures
from tracker.detection.textprep import MAX_BYTES, prepare_bytes
from tracker.detection_db import FINGERPRINTS, detector_get

# Read a few bytes past the limit so a cut never lands inside a character.
_READ = MAX_BYTES + 4


def read_result(detector: Detector, path: Path) -> DetectionResult:
    """Detect one file; unreadable files give a result with an error, not a crash."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            data = handle.read(_READ)
    except OSError as exc:
        return DetectionResult(error=f"cannot read file: {exc.strerror or exc}")
    return detector.detect_prepared(prepare_bytes(data, size=size))


class Command(BaseCommand):
    help = (
        "Identify the nearest known license of each file and list the restriction "
        "categories it contains, with evidence spans."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument(
            "--fixtures",
            action="store_true",
            help="Read the library from fixtures/ instead of the database.",
        )

    def handle(self, *args, paths: list[Path], format: str, fixtures: bool, **opts):
        detector = self._detector(fixtures)
        files = self._expand(paths)
        results = [(str(path), read_result(detector, path)) for path in files]
        if format == "json":
            payload = [result.as_dict(path=name) for name, result in results]
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
        else:
            for name, result in results:
                self.stdout.write(self._text(name, result))
        failed = sum(1 for _, r in results if r.error)
        self.stderr.write(f"{len(results)} file(s) analysed, {failed} not analysable")

    def _detector(self, fixtures: bool) -> Detector:
        if not fixtures:
            from clauses.models import Category

            if Category.objects.exists():
                return detector_get()
            self.stderr.write(
                "the database holds no library (run `manage.py load_library`); "
                "reading fixtures/ instead"
            )
        try:
            library = library_from_fixtures(settings.FIXTURES_ROOT)
        except LibraryFileError as exc:
            raise CommandError(str(exc)) from exc
        return Detector(library, load_fingerprints(FINGERPRINTS))

    @staticmethod
    def _expand(paths: list[Path]) -> list[Path]:
        files: list[Path] = []
        for path in paths:
            if path.is_dir():
                files.extend(
                    p
                    for p in sorted(path.rglob("*"))
                    if p.is_file() and not any(part.startswith(".") for part in p.parts)
                )
            else:
                files.append(path)  # a missing file is reported, not raised
        return files

    @staticmethod
    def _text(name: str, result: DetectionResult) -> str:
        lines = [name]
        if result.error:
            lines.append(f"  error: {result.error}")
        lic = result.license
        if lic:
            extra = f", v{lic.version}" if lic.version is not None else ""
            alt = f"; or {', '.join(lic.alternatives)}" if lic.alternatives else ""
            lines.append(
                f"  license: {lic.key} ({lic.score:.2f} by {lic.method}{extra}{alt})"
            )
        elif not result.error:
            lines.append("  license: not identified")
        if result.categories:
            lines.append(f"  categories ({len(result.categories)}):")
        for c in result.categories:
            snippet = " ".join(c.evidence.text.split())
            if len(snippet) > 90:
                snippet = snippet[:87] + "..."
            mark = " (from catalog)" if c.inferred else ""
            lines.append(
                f"    {c.key:34} {c.score:.2f}  {c.clause or '-':32} "
                f"[{c.evidence.start}:{c.evidence.end}] {snippet}{mark}"
            )
        for warning in result.warnings:
            if warning != result.error:
                lines.append(f"  warning: {warning}")
        return "\n".join(lines) + "\n"
