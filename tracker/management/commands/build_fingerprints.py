"""Fingerprint the license corpus into a committed JSON file of hashes (no text)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clauses.loaders import LibraryFileError
from tracker.detection.corpus import corpus_documents
from tracker.detection.engine import Detector
from tracker.detection.fingerprints import build_fingerprints, dump_fingerprints
from tracker.detection.library import library_from_fixtures
from tracker.detection.textprep import prepare_bytes

DEFAULT_OUTPUT = settings.FIXTURES_ROOT / "license_fingerprints.json"


class Command(BaseCommand):
    help = (
        "Read the license corpus (../shared/corpus/licenses/ by default) and write "
        "fixtures/license_fingerprints.json: hashed shingles and title/date facts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus",
            type=Path,
            default=Path(settings.SHARED_DIR) / "corpus" / "licenses",
            help="Folder of <key>.txt license texts (with an optional SOURCES.md).",
        )
        parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
        parser.add_argument(
            "--fixtures",
            type=Path,
            default=settings.FIXTURES_ROOT,
            help="Library fixtures whose catalog names the documents' licenses.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Build and report, write nothing."
        )

    def handle(self, *args, corpus: Path, output: Path, fixtures: Path, **options):
        if not corpus.is_dir():
            raise CommandError(f"{corpus} is not a folder; pass --corpus")
        try:
            library = library_from_fixtures(fixtures)
        except LibraryFileError as exc:
            raise CommandError(str(exc)) from exc
        docs = corpus_documents(corpus, library)
        triples, skipped = [], []
        for doc in docs:
            prepared = prepare_bytes(doc.path.read_bytes())
            if doc.license is None or prepared.error:
                skipped.append(f"{doc.path.name}: {prepared.error or 'no catalog key'}")
                continue
            triples.append((doc.doc_id, doc.license, prepared.text))
        if not triples:
            raise CommandError(f"no usable license texts in {corpus}")
        # what the engine finds in each original, so a document that changes
        # the restrictions of a known license is told apart from it
        detector = Detector(library)
        fps = build_fingerprints(
            triples,
            categories=lambda text: {
                c.key: c.evidence.text
                for c in detector.detect_text(text).categories
                if not c.inferred
            },
        )
        data = dump_fingerprints(fps)
        for fp in fps.documents:
            self.stdout.write(
                f"{fp.id:45} -> {fp.license:28} {fp.size:5} shingles, "
                f"{len(fp.distinct):3} distinct, {len(fp.categories or ())} categories"
            )
        for line in skipped:
            self.stderr.write(f"skipped {line}")
        if not options["dry_run"]:
            output.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        self.stdout.write(
            f"{len(triples)} documents fingerprinted, {len(skipped)} skipped"
            + ("" if options["dry_run"] else f"; wrote {output}")
        )
