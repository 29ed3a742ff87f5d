"""The whole-library load: every fixture file, all or nothing per file."""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction

from ..loaders import (
    LibraryFileError,
    parse_categories,
    parse_clauses,
    parse_known_licenses,
)
from ..models import Category, Clause, KnownLicense
from .upserts import Outcome, category_upsert, clause_upsert, known_license_upsert


@dataclass
class KindCounts:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    kept: int = 0  # unchanged rows whose admin edits were kept

    def add(self, outcome: "Outcome") -> None:
        setattr(self, outcome.result, getattr(self, outcome.result) + 1)
        self.kept += bool(outcome.kept)

    def merge(self, other: "KindCounts") -> None:
        for name in ("created", "changed", "unchanged", "kept"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class LoadReport:
    categories: KindCounts = field(default_factory=KindCounts)
    licenses: KindCounts = field(default_factory=KindCounts)
    clauses: KindCounts = field(default_factory=KindCounts)
    new_versions: int = 0
    errors: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)
    # kind -> labels of rows loaded from the fixtures before but missing now
    not_in_fixtures: dict[str, list[str]] = field(default_factory=dict)
    retired: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        return self.categories.created + self.licenses.created + self.clauses.created

    @property
    def changed(self) -> int:
        return self.categories.changed + self.licenses.changed + self.clauses.changed

    def record(self, outcome: Outcome) -> None:
        if outcome.changed and outcome.result == "changed":
            note = f"{outcome.label}: {', '.join(outcome.changed)}"
            if outcome.new_version:
                note += f" (new version {outcome.new_version})"
            self.changes.append(note)
        if outcome.kept:
            self.kept.append(f"{outcome.label}: {', '.join(outcome.kept)}")
        if outcome.overwritten:
            self.overwritten.append(
                f"{outcome.label}: {', '.join(outcome.overwritten)}"
            )
        self.new_versions += bool(outcome.new_version)


def _validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"field '{name}': {' '.join(str(m) for m in messages)}"
            for name, messages in exc.message_dict.items()
        )
    return " ".join(exc.messages)


def library_load(
    *, root: Path, dry_run: bool = False, force: bool = False, retire: bool = False
) -> LoadReport:
    """Load categories, the known-license catalog and every clause file under root.

    Each file is validated whole before anything from it is written, so a
    broken file loads nothing while the other files still load. Rows loaded
    from the fixtures before and now missing from them are reported in
    `not_in_fixtures`; `retire` sets such clauses back to draft, so authors
    are no longer offered them (nothing is deleted: licenses cite versions).
    """
    if dry_run:
        with transaction.atomic():
            report = library_load(root=root, force=force, retire=retire)
            transaction.set_rollback(True)
        return report
    report = LoadReport()

    def load_file(
        path: Path, records: list, upsert, counts: KindCounts, kind: str
    ) -> bool:
        file_counts = KindCounts()
        outcomes: list[Outcome] = []
        label = ""
        try:
            with transaction.atomic():
                for record in records:
                    label = getattr(record, "slug", "") or record.key
                    outcome = upsert(record=record, force=force)
                    file_counts.add(outcome)
                    outcomes.append(outcome)
        except ValidationError as exc:
            report.errors.append(
                f"{path}, {kind} '{label}': {_validation_message(exc)}; "
                "nothing loaded from this file"
            )
            return False
        counts.merge(file_counts)
        for outcome in outcomes:
            report.record(outcome)
        return True

    def parsed(path: Path, parse) -> list | None:
        try:
            return parse(path)
        except LibraryFileError as exc:
            report.errors.append(f"{exc}; nothing loaded from this file")
            return None

    categories = parsed(root / "categories.yaml", parse_categories)
    categories_ok = categories is not None and load_file(
        root / "categories.yaml",
        categories,
        category_upsert,
        report.categories,
        "category",
    )
    category_keys = (
        {c.key for c in categories}
        if categories_ok
        else set(Category.objects.values_list("key", flat=True))
    )
    licenses = parsed(
        root / "known_licenses.yaml",
        lambda p: parse_known_licenses(p, category_keys=category_keys),
    )
    licenses_ok = licenses is not None and load_file(
        root / "known_licenses.yaml",
        licenses,
        known_license_upsert,
        report.licenses,
        "license",
    )
    license_keys = (
        {lic.key for lic in licenses}
        if licenses_ok
        else set(KnownLicense.objects.values_list("key", flat=True))
    )
    clauses_ok = True
    slugs_seen: dict[str, Path] = {}
    for path in sorted((root / "clauses").glob("*.y*ml")):
        records = parsed(
            path,
            lambda p: parse_clauses(
                p, category_keys=category_keys, license_keys=license_keys
            ),
        )
        if records is None:
            clauses_ok = False
            continue
        duplicates = [r.slug for r in records if r.slug in slugs_seen]
        if duplicates:
            report.errors.append(
                f"{path}: slug(s) {duplicates} already defined in "
                f"{slugs_seen[duplicates[0]]}; nothing loaded from this file"
            )
            clauses_ok = False
            continue
        slugs_seen.update({r.slug: path for r in records})
        clauses_ok = load_file(
            path, records, clause_upsert, report.clauses, "clause"
        ) and (clauses_ok)

    # Only a fully read kind can tell what is missing from it.
    if categories_ok:
        report.not_in_fixtures["categories"] = _missing(
            Category, "key", {c.key for c in categories}
        )
    if licenses_ok:
        report.not_in_fixtures["licenses"] = _missing(
            KnownLicense, "key", {lic.key for lic in licenses}
        )
    if clauses_ok:
        missing = Clause.objects.filter(fixture_state__isnull=False).exclude(
            slug__in=slugs_seen
        )
        if retire:
            retired = missing.filter(status="approved")
            report.retired = sorted(retired.values_list("slug", flat=True))
            retired.update(status="draft")
        report.not_in_fixtures["clauses"] = [
            f"{slug} ({status})"
            for slug, status in missing.order_by("slug").values_list("slug", "status")
        ]
    return report


def _missing(model: type[models.Model], key: str, present: set[str]) -> list[str]:
    rows = model.objects.filter(fixture_state__isnull=False)
    return sorted(rows.exclude(**{f"{key}__in": present}).values_list(key, flat=True))
