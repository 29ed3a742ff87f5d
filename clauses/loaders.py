"""Pure YAML -> validated records for categories, clauses and known licenses."""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .vocabulary import (
    ARTIFACTS,
    CATEGORY_GROUPS,
    CLAUSE_STATUSES,
    DOMAINS,
    FAMILIES,
    FLAVORS,
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LICENSE_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9.+_-]*$")
MAX_CLAUSE_TEXT = 1200


class LibraryFileError(Exception):
    """A fixture file that cannot be loaded; names the file, record and field."""

    def __init__(self, path: Path, message: str, record: str = "", field: str = ""):
        self.path, self.record, self.field = path, record, field
        where = str(path)
        if record:
            where += f", {record}"
        if field:
            where += f", field '{field}'"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class CategoryRecord:
    key: str
    name: str
    description: str
    group: str
    position: int


@dataclass(frozen=True)
class ClauseRecord:
    slug: str
    title: str
    category: str
    domain: str
    text: str
    artifacts: tuple[str, ...]
    mandatory_in: tuple[str, ...]
    provenance: tuple[str, ...]
    cues: tuple[str, ...]
    status: str


@dataclass(frozen=True)
class KnownLicenseRecord:
    key: str
    name: str
    family: str
    on_hub_list: bool
    propagates_restrictions: bool
    categories: tuple[str, ...]
    aliases: tuple[str, ...] = field(default=())
    links: tuple[str, ...] = field(default=())
    url: str = ""


def _read_list(path: Path, top_key: str) -> list[Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        raise LibraryFileError(path, f"not valid YAML ({exc})", record=where) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise LibraryFileError(path, f"cannot be read ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get(top_key), list):
        raise LibraryFileError(path, f"expected a mapping with a '{top_key}' list")
    return data[top_key]


class _Fields:
    """Typed field access on one YAML record, raising errors that name the field."""

    def __init__(self, path: Path, label: str, raw: Any):
        if not isinstance(raw, dict):
            raise LibraryFileError(path, "each entry must be a mapping", record=label)
        self.path, self.label, self.raw = path, label, raw

    def fail(self, name: str, message: str) -> LibraryFileError:
        return LibraryFileError(self.path, message, record=self.label, field=name)

    def text(self, name: str, *, max_length: int = 500, required: bool = True) -> str:
        value = self.raw.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise self.fail(name, "must be text")
        value = " ".join(value.split())
        if required and not value:
            raise self.fail(name, "is required")
        if len(value) > max_length:
            raise self.fail(name, f"is longer than {max_length} characters")
        return value

    def choice(self, name: str, allowed: tuple[str, ...] | set[str]) -> str:
        value = self.text(name, max_length=100)
        if value not in allowed:
            raise self.fail(name, f"'{value}' is not one of {sorted(allowed)}")
        return value

    def choices(
        self, name: str, allowed: tuple[str, ...] | set[str], *, required: bool = False
    ) -> tuple[str, ...]:
        value = self.raw.get(name, [])
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(name, "must be a list of text values")
        unknown = [v for v in value if v not in allowed]
        if unknown:
            raise self.fail(name, f"unknown value(s) {unknown}")
        if required and not value:
            raise self.fail(name, "needs at least one value")
        unique = dict.fromkeys(value)
        if isinstance(allowed, tuple):  # a fixed vocabulary has a canonical order
            return tuple(v for v in allowed if v in unique)
        return tuple(unique)

    def strings(self, name: str, *, max_length: int = 200) -> tuple[str, ...]:
        value = self.raw.get(name, [])
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(name, "must be a list of text values")
        cleaned = [" ".join(v.lower().split()) for v in value]
        if any(not v or len(v) > max_length for v in cleaned):
            raise self.fail(name, f"entries must be 1 to {max_length} characters")
        return tuple(dict.fromkeys(cleaned))

    def boolean(self, name: str) -> bool:
        value = self.raw.get(name, False)
        if not isinstance(value, bool):
            raise self.fail(name, "must be true or false")
        return value


def _check_unique(path: Path, seen: set[str], key: str, label: str, name: str) -> None:
    if key in seen:
        raise LibraryFileError(path, f"duplicate '{key}'", record=label, field=name)
    seen.add(key)


def parse_categories(path: Path) -> list[CategoryRecord]:
    records: list[CategoryRecord] = []
    seen: set[str] = set()
    for index, raw in enumerate(_read_list(path, "categories")):
        key = raw.get("key") if isinstance(raw, dict) else None
        f = _Fields(path, f"category '{key or f'#{index + 1}'}'", raw)
        key = f.text("key", max_length=64)
        if not SLUG_RE.match(key):
            raise f.fail("key", "must be lowercase letters, digits and hyphens")
        _check_unique(path, seen, key, f.label, "key")
        records.append(
            CategoryRecord(
                key=key,
                name=f.text("name", max_length=120),
                description=f.text("description", max_length=600),
                group=f.choice("group", CATEGORY_GROUPS),
                position=index,
            )
        )
    return records


def parse_known_licenses(
    path: Path, *, category_keys: set[str]
) -> list[KnownLicenseRecord]:
    records: list[KnownLicenseRecord] = []
    keys: set[str] = set()
    owner: dict[str, str] = {}  # alias or link -> the key it identifies
    for index, raw in enumerate(_read_list(path, "licenses")):
        key = raw.get("key") if isinstance(raw, dict) else None
        f = _Fields(path, f"license '{key or f'#{index + 1}'}'", raw)
        key = f.text("key", max_length=100)
        if not LICENSE_KEY_RE.match(key):
            raise f.fail("key", "must be lowercase letters, digits and . + _ -")
        _check_unique(path, keys, key, f.label, "key")
        aliases = f.strings("aliases", max_length=120)
        links = f.strings("links", max_length=300)
        for name, values in (("aliases", aliases), ("links", links)):
            for value in values:
                if owner.setdefault(value, key) != key:
                    raise f.fail(name, f"'{value}' already names '{owner[value]}'")
        records.append(
            KnownLicenseRecord(
                key=key,
                name=f.text("name", max_length=200),
                family=f.choice("family", FAMILIES),
                on_hub_list=f.boolean("on_hub_list"),
                propagates_restrictions=f.boolean("propagates_restrictions"),
                categories=f.choices("categories", category_keys),
                aliases=aliases,
                links=links,
                url=f.text("url", max_length=500, required=False),
            )
        )
    clashes = sorted(
        name for name, key in owner.items() if name in keys and name != key
    )
    if clashes:
        raise LibraryFileError(
            path, f"aliases or links equal other licenses' keys: {clashes}"
        )
    return records


def parse_clauses(
    path: Path, *, category_keys: set[str], license_keys: set[str]
) -> list[ClauseRecord]:
    records: list[ClauseRecord] = []
    seen: set[str] = set()
    for index, raw in enumerate(_read_list(path, "clauses")):
        slug = raw.get("slug") if isinstance(raw, dict) else None
        f = _Fields(path, f"clause '{slug or f'#{index + 1}'}'", raw)
        slug = f.text("slug", max_length=80)
        if not SLUG_RE.match(slug):
            raise f.fail("slug", "must be lowercase letters, digits and hyphens")
        _check_unique(path, seen, slug, f.label, "slug")
        records.append(
            ClauseRecord(
                slug=slug,
                title=f.text("title", max_length=160),
                category=f.choice("category", category_keys),
                domain=f.choice("domain", DOMAINS),
                text=f.text("text", max_length=MAX_CLAUSE_TEXT),
                artifacts=f.choices("artifacts", ARTIFACTS, required=True),
                mandatory_in=f.choices("mandatory_in", FLAVORS),
                provenance=f.choices("provenance", license_keys),
                cues=f.strings("cues", max_length=120),
                status=f.choice("status", CLAUSE_STATUSES),
            )
        )
    return records
