"""Writes to the clause library: idempotent upserts and the whole-library load.

Loading merges three states per row: the database, the YAML now, and the YAML
as it was at the last load (`fixture_state`). A field the YAML changed since
the last load is applied; a field it did not change keeps the database value,
so edits and approvals made in the admin survive the next `load_library`.
`force` makes every row equal to its YAML record.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

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

State = dict[str, Any]


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
class Outcome:
    """What one upsert did: created, changed or unchanged, and which fields."""

    result: str
    label: str
    changed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)
    new_version: int | None = None


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


def text_checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _merge(
    *, current: State, wanted: State, last: State | None, force: bool
) -> tuple[State, list[str], list[str]]:
    """Three-way merge of one row; returns (values, kept fields, overwritten).

    A field takes the YAML value when the YAML changed it since the last load
    (or when forced, or when the row was never loaded from the fixtures);
    otherwise the database value stays. `overwritten` names fields that had
    been edited in the admin and were changed in the YAML as well.
    """
    values: State = {}
    overwritten = []
    for name, value in wanted.items():
        if force or last is None or last.get(name) != value:
            values[name] = value
            edited = last is not None and current[name] != last.get(name)
            if edited and current[name] != value and not force:
                overwritten.append(name)
        else:
            values[name] = current[name]
    kept = [name for name in wanted if values[name] != wanted[name]]
    return values, kept, overwritten


def _upsert(
    *,
    model: type[models.Model],
    lookup: dict[str, str],
    label: str,
    wanted: State,
    read: Callable[[Any], State],
    write: Callable[[Any, State, list[str]], None],
    force: bool,
) -> tuple[Any, Outcome]:
    """Create or merge one row; `read` gives its state, `write` applies values."""
    row = model.objects.filter(**lookup).first()
    if row is None:
        row = model(**lookup)
        write(row, wanted, list(wanted))
        _save_state(row, wanted)
        return row, Outcome("created", label, changed=list(wanted))
    current = read(row)
    values, kept, overwritten = _merge(
        current=current, wanted=wanted, last=row.fixture_state, force=force
    )
    changed = [name for name in values if values[name] != current[name]]
    if changed:
        write(row, values, changed)
    if row.fixture_state != wanted:
        _save_state(row, wanted)
    result = "changed" if changed else "unchanged"
    return row, Outcome(result, label, changed, kept, overwritten)


def _save_state(row: models.Model, state: State) -> None:
    row.fixture_state = state
    type(row).objects.filter(pk=row.pk).update(fixture_state=state)


def _keys(related) -> list[str]:
    return sorted(related.values_list("key", flat=True))


# --- categories ---------------------------------------------------------------


def _category_state(record: CategoryRecord) -> State:
    return {
        "name": record.name,
        "description": record.description,
        "group": record.group,
        "position": record.position,
    }


def _category_read(category: Category) -> State:
    return {name: getattr(category, name) for name in _CATEGORY_FIELDS}


_CATEGORY_FIELDS = ("name", "description", "group", "position")


def _category_write(category: Category, values: State, changed: list[str]) -> None:
    for name in changed:
        setattr(category, name, values[name])
    category.full_clean()
    category.save()


def category_upsert(*, record: CategoryRecord, force: bool = False) -> Outcome:
    """Create or merge one category by key (see the module docstring)."""
    _, outcome = _upsert(
        model=Category,
        lookup={"key": record.key},
        label=f"category '{record.key}'",
        wanted=_category_state(record),
        read=_category_read,
        write=_category_write,
        force=force,
    )
    return outcome


# --- known licenses -----------------------------------------------------------

_LICENSE_FIELDS = (
    "name",
    "family",
    "on_hub_list",
    "propagates_restrictions",
    "aliases",
    "links",
    "url",
)


def _license_state(record: KnownLicenseRecord) -> State:
    return {
        "name": record.name,
        "family": record.family,
        "on_hub_list": record.on_hub_list,
        "propagates_restrictions": record.propagates_restrictions,
        "aliases": list(record.aliases),
        "links": list(record.links),
        "url": record.url,
        "categories": sorted(record.categories),
    }


def _license_read(entry: KnownLicense) -> State:
    state = {name: getattr(entry, name) for name in _LICENSE_FIELDS}
    state["categories"] = _keys(entry.categories)
    return state


def _license_write(entry: KnownLicense, values: State, changed: list[str]) -> None:
    for name in changed:
        if name != "categories":
            setattr(entry, name, values[name])
    entry.full_clean()
    entry.save()
    if "categories" in changed:
        entry.categories.set(Category.objects.filter(key__in=values["categories"]))


def known_license_upsert(*, record: KnownLicenseRecord, force: bool = False) -> Outcome:
    """Create or merge one catalog entry by key, including its categories."""
    _, outcome = _upsert(
        model=KnownLicense,
        lookup={"key": record.key},
        label=f"license '{record.key}'",
        wanted=_license_state(record),
        read=_license_read,
        write=_license_write,
        force=force,
    )
    return outcome


# --- clauses ------------------------------------------------------------------

_CLAUSE_FIELDS = (
    "title",
    "domain",
    "text",
    "artifacts",
    "mandatory_in",
    "cues",
    "status",
)


def _clause_state(record: ClauseRecord) -> State:
    return {
        "title": record.title,
        "category": record.category,
        "domain": record.domain,
        "text": record.text,
        "artifacts": list(record.artifacts),
        "mandatory_in": list(record.mandatory_in),
        "cues": list(record.cues),
        "status": record.status,
        "provenance": sorted(record.provenance),
    }


def _clause_read(clause: Clause) -> State:
    state = {name: getattr(clause, name) for name in _CLAUSE_FIELDS}
    state["category"] = clause.category.key
    state["provenance"] = _keys(clause.provenance)
    return state


def _clause_write(clause: Clause, values: State, changed: list[str]) -> None:
    for name in changed:
        if name == "category":
            clause.category = Category.objects.get(key=values["category"])
        elif name != "provenance":
            setattr(clause, name, values[name])
    clause.full_clean()
    clause.save()
    if "provenance" in changed:
        clause.provenance.set(KnownLicense.objects.filter(key__in=values["provenance"]))


def clause_version_ensure(*, clause: Clause) -> bool:
    """Snapshot the clause as a new version if what a license prints has changed.

    Title, category, domain and text are printed; a change to any of them adds
    an immutable ClauseVersion, and older versions stay for stored licenses.
    Versions are append-only: going back to an earlier text adds a version
    equal to that earlier one, and nothing is written while the clause still
    matches its latest version. Returns whether a version was written.
    """
    latest = clause.versions.order_by("-version").first()
    printed = {
        "title": clause.title,
        "category_id": clause.category_id,
        "domain": clause.domain,
        "text": clause.text,
    }
    if latest and all(getattr(latest, k) == v for k, v in printed.items()):
        if clause.version != latest.version:
            clause.version = latest.version
            clause.save(update_fields=["version"])
        return False
    number = latest.version + 1 if latest else 1
    ClauseVersion.objects.create(
        clause=clause, version=number, checksum=text_checksum(clause.text), **printed
    )
    if clause.version != number:
        clause.version = number
        clause.save(update_fields=["version"])
    return True


def clause_upsert(*, record: ClauseRecord, force: bool = False) -> Outcome:
    """Create or merge a clause by slug; a changed printed field adds a version."""
    clause, outcome = _upsert(
        model=Clause,
        lookup={"slug": record.slug},
        label=f"clause '{record.slug}'",
        wanted=_clause_state(record),
        read=_clause_read,
        write=_clause_write,
        force=force,
    )
    if clause_version_ensure(clause=clause):
        outcome.new_version = clause.version
    return outcome


def clauses_approve(*, clause_ids: list[int]) -> int:
    """Approve draft clauses; returns how many changed."""
    return Clause.objects.filter(pk__in=clause_ids, status="draft").update(
        status="approved"
    )


# --- the whole library --------------------------------------------------------


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
