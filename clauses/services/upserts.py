"""Upserts of one category, catalog entry or clause, merged with admin edits.

Loading merges three states per row: the database, the YAML now, and the YAML
as it was at the last load (`fixture_state`). A field the YAML changed since
the last load is applied; a field it did not change keeps the database value,
so edits and approvals made in the admin survive the next `load_library`.
`force` makes every row equal to its YAML record.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from ..loaders import CategoryRecord, ClauseRecord, KnownLicenseRecord
from ..models import Category, Clause, ClauseVersion, KnownLicense

State = dict[str, Any]


@dataclass
class Outcome:
    """What one upsert did: created, changed or unchanged, and which fields."""

    result: str
    label: str
    changed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)
    new_version: int | None = None


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
