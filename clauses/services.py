"""Writes to the clause library: idempotent upserts and the whole-library load."""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .loaders import (
    CategoryRecord,
    ClauseRecord,
    KnownLicenseRecord,
    LibraryFileError,
    parse_categories,
    parse_clauses,
    parse_known_licenses,
)
from .models import Category, Clause, ClauseVersion, KnownLicense


@dataclass
class KindCounts:
    created: int = 0
    changed: int = 0
    unchanged: int = 0

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass
class LoadReport:
    categories: KindCounts = field(default_factory=KindCounts)
    licenses: KindCounts = field(default_factory=KindCounts)
    clauses: KindCounts = field(default_factory=KindCounts)
    new_versions: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        return self.categories.created + self.licenses.created + self.clauses.created

    @property
    def changed(self) -> int:
        return self.categories.changed + self.licenses.changed + self.clauses.changed


def text_checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def category_upsert(*, record: CategoryRecord) -> str:
    """Create or update one category by key; returns created/changed/unchanged."""
    values = {
        "name": record.name,
        "description": record.description,
        "group": record.group,
        "position": record.position,
    }
    category = Category.objects.filter(key=record.key).first()
    if category is None:
        category = Category(key=record.key, **values)
        category.full_clean()
        category.save()
        return "created"
    if all(getattr(category, k) == v for k, v in values.items()):
        return "unchanged"
    for k, v in values.items():
        setattr(category, k, v)
    category.full_clean()
    category.save()
    return "changed"


def known_license_upsert(*, record: KnownLicenseRecord) -> str:
    """Create or update one catalog entry by key, including its categories."""
    values = {
        "name": record.name,
        "family": record.family,
        "on_hub_list": record.on_hub_list,
        "propagates_restrictions": record.propagates_restrictions,
        "aliases": list(record.aliases),
        "links": list(record.links),
        "url": record.url,
    }
    wanted = set(record.categories)
    entry = KnownLicense.objects.filter(key=record.key).first()
    outcome = "unchanged"
    if entry is None:
        entry = KnownLicense(key=record.key, **values)
        outcome = "created"
    elif any(getattr(entry, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(entry, k, v)
        outcome = "changed"
    if outcome != "unchanged":
        entry.full_clean()
        entry.save()
    current = set(entry.categories.values_list("key", flat=True))
    if current != wanted:
        entry.categories.set(Category.objects.filter(key__in=wanted))
        outcome = "changed" if outcome == "unchanged" else outcome
    return outcome


def clause_version_ensure(*, clause: Clause) -> bool:
    """Snapshot the clause as a new version if what a license prints has changed.

    Title, category, domain and text are printed; a change to any of them adds
    an immutable ClauseVersion, and older versions stay for stored licenses.
    Returns whether a version was written.
    """
    latest = clause.versions.order_by("-version").first()
    printed = {
        "title": clause.title,
        "category_id": clause.category_id,
        "domain": clause.domain,
        "text": clause.text,
    }
    if latest and all(getattr(latest, k) == v for k, v in printed.items()):
        return False
    number = latest.version + 1 if latest else 1
    ClauseVersion.objects.create(
        clause=clause, version=number, checksum=text_checksum(clause.text), **printed
    )
    if clause.version != number:
        clause.version = number
        clause.save(update_fields=["version"])
    return True


def clause_upsert(*, record: ClauseRecord) -> tuple[str, bool]:
    """Create or update a clause by slug; returns (outcome, new version written)."""
    category = Category.objects.get(key=record.category)
    values = {
        "title": record.title,
        "category_id": category.pk,
        "domain": record.domain,
        "text": record.text,
        "artifacts": list(record.artifacts),
        "mandatory_in": list(record.mandatory_in),
        "cues": list(record.cues),
        "status": record.status,
    }
    clause = Clause.objects.filter(slug=record.slug).first()
    outcome = "unchanged"
    if clause is None:
        clause = Clause(slug=record.slug, **values)
        outcome = "created"
    elif any(getattr(clause, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(clause, k, v)
        outcome = "changed"
    if outcome != "unchanged":
        clause.full_clean()
        clause.save()
    new_version = clause_version_ensure(clause=clause)
    current = set(clause.provenance.values_list("key", flat=True))
    if current != set(record.provenance):
        clause.provenance.set(KnownLicense.objects.filter(key__in=record.provenance))
        outcome = "changed" if outcome == "unchanged" else outcome
    return outcome, new_version


def clauses_approve(*, clause_ids: list[int]) -> int:
    """Approve draft clauses; returns how many changed."""
    return Clause.objects.filter(pk__in=clause_ids, status="draft").update(
        status="approved"
    )


def library_load(*, root: Path, dry_run: bool = False) -> LoadReport:
    """Load categories, the known-license catalog and every clause file under root.

    Each file is validated whole before anything from it is written, so a
    broken file loads nothing while the other files still load.
    """
    if dry_run:
        with transaction.atomic():
            report = library_load(root=root)
            transaction.set_rollback(True)
        return report
    report = LoadReport()

    def load_file(path: Path, parse, upsert, counts: KindCounts) -> list:
        try:
            records = parse(path)
        except LibraryFileError as exc:
            report.errors.append(str(exc))
            return []
        with transaction.atomic():
            for record in records:
                result = upsert(record=record)
                outcome, versioned = (
                    result if isinstance(result, tuple) else (result, 0)
                )
                counts.add(outcome)
                report.new_versions += int(versioned)
        return records

    categories = load_file(
        root / "categories.yaml", parse_categories, category_upsert, report.categories
    )
    category_keys = {c.key for c in categories} or set(
        Category.objects.values_list("key", flat=True)
    )
    licenses = load_file(
        root / "known_licenses.yaml",
        lambda p: parse_known_licenses(p, category_keys=category_keys),
        known_license_upsert,
        report.licenses,
    )
    license_keys = {lic.key for lic in licenses} or set(
        KnownLicense.objects.values_list("key", flat=True)
    )
    slugs_seen: dict[str, Path] = {}
    for path in sorted((root / "clauses").glob("*.y*ml")):
        try:
            records = parse_clauses(
                path, category_keys=category_keys, license_keys=license_keys
            )
        except LibraryFileError as exc:
            report.errors.append(str(exc))
            continue
        duplicates = [r.slug for r in records if r.slug in slugs_seen]
        if duplicates:
            report.errors.append(
                f"{path}: slug(s) {duplicates} already defined in "
                f"{slugs_seen[duplicates[0]]}; nothing loaded from this file"
            )
            continue
        slugs_seen.update({r.slug: path for r in records})
        load_file(path, lambda p, r=records: r, clause_upsert, report.clauses)
    return report
