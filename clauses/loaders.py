"""Pure YAML -> validated records for categories, clauses and known licenses."""

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from .validators import MAX_CUE_LENGTH, MAX_CUES, MIN_CUES
from .vocabulary import (
    ARTIFACTS,
    CATEGORY_GROUPS,
    CATEGORY_KEYS,
    CLAUSE_STATUSES,
    DOMAINS,
    FAMILIES,
    FLAVORS,
    MECHANICS_CATEGORY_KEYS,
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LICENSE_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9.+_-]*$")
MAX_CLAUSE_TEXT = 1200
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_URL = URLValidator(schemes=["http", "https"])


def normalise_text(value: str) -> str:
    """Clause text with its paragraphs kept and the spaces inside each collapsed.

    A blank line in the YAML starts a new paragraph: in a folded block (`>-`)
    YAML turns it into one line break, in a literal block (`|`) into two.
    Paragraphs are returned separated by one empty line.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    parts = _BLANK_LINE.split(value) if _BLANK_LINE.search(value) else value.split("\n")
    paragraphs = [" ".join(part.split()) for part in parts]
    return "\n\n".join(p for p in paragraphs if p)


def normalise_phrases(values: list[str]) -> list[str]:
    """Cues and aliases: lower-case, single spaces, duplicates dropped, order kept."""
    cleaned = (" ".join(v.lower().split()) for v in values)
    return list(dict.fromkeys(v for v in cleaned if v))


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


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice in one mapping.

    PyYAML keeps the last of two equal keys, so a record with two `text:`
    lines would silently lose one of them.
    """


def _mapping_without_duplicates(
    loader: _StrictLoader, node: yaml.MappingNode, deep=False
):
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key '{key}' appears twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates
)


def _read_list(path: Path, top_key: str) -> list[Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)  # noqa: S506
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

    def __init__(self, path: Path, label: str, raw: Any, allowed: tuple[str, ...]):
        if not isinstance(raw, dict):
            raise LibraryFileError(path, "each entry must be a mapping", record=label)
        self.path, self.label, self.raw = path, label, raw
        for name in raw:
            if name not in allowed:
                hint = difflib.get_close_matches(str(name), allowed, n=1)
                raise self.fail(
                    str(name),
                    "is not a known field"
                    + (f" (did you mean '{hint[0]}'?)" if hint else "")
                    + f"; known fields: {', '.join(allowed)}",
                )

    def fail(self, name: str, message: str) -> LibraryFileError:
        return LibraryFileError(self.path, message, record=self.label, field=name)

    def text(
        self,
        name: str,
        *,
        max_length: int = 500,
        required: bool = True,
        paragraphs: bool = False,
    ) -> str:
        value = self.raw.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise self.fail(name, "must be text")
        value = normalise_text(value) if paragraphs else " ".join(value.split())
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

    def strings(
        self,
        name: str,
        *,
        max_length: int = 200,
        min_count: int = 0,
        max_count: int | None = None,
    ) -> tuple[str, ...]:
        value = self.raw.get(name, [])
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(name, "must be a list of text values")
        if any(not v.strip() or len(" ".join(v.split())) > max_length for v in value):
            raise self.fail(name, f"entries must be 1 to {max_length} characters")
        cleaned = normalise_phrases(value)
        if len(cleaned) < min_count or (max_count and len(cleaned) > max_count):
            raise self.fail(
                name,
                f"needs {min_count} to {max_count} different entries, "
                f"has {len(cleaned)}",
            )
        return tuple(cleaned)

    def url(self, name: str, *, max_length: int = 500) -> str:
        value = self.text(name, max_length=max_length, required=False)
        if value:
            try:
                _URL(value)
            except ValidationError:
                raise self.fail(name, f"'{value}' is not an http(s) URL") from None
        return value

    def boolean(self, name: str) -> bool:
        value = self.raw.get(name, False)
        if not isinstance(value, bool):
            raise self.fail(name, "must be true or false")
        return value


def _field_names(record_type: type, *, skip: tuple[str, ...] = ()) -> tuple[str, ...]:
    return tuple(f.name for f in fields(record_type) if f.name not in skip)


CATEGORY_FIELDS = _field_names(CategoryRecord, skip=("position",))
LICENSE_FIELDS = _field_names(KnownLicenseRecord)
CLAUSE_FIELDS = _field_names(ClauseRecord)


def _check_unique(path: Path, seen: set[str], key: str, label: str, name: str) -> None:
    if key in seen:
        raise LibraryFileError(path, f"duplicate '{key}'", record=label, field=name)
    seen.add(key)


def _entries(
    path: Path, top_key: str, *, noun: str, id_field: str, allowed: tuple[str, ...]
) -> Iterator[tuple[int, _Fields]]:
    """Each entry of the file's list, labelled by its id field or its position."""
    for index, raw in enumerate(_read_list(path, top_key)):
        ident = raw.get(id_field) if isinstance(raw, dict) else None
        yield index, _Fields(path, f"{noun} '{ident or f'#{index + 1}'}'", raw, allowed)


def parse_categories(path: Path) -> list[CategoryRecord]:
    records: list[CategoryRecord] = []
    seen: set[str] = set()
    entries = _entries(
        path, "categories", noun="category", id_field="key", allowed=CATEGORY_FIELDS
    )
    for index, f in entries:
        key = f.text("key", max_length=64)
        if key not in CATEGORY_KEYS:
            hint = difflib.get_close_matches(key, CATEGORY_KEYS, n=1)
            raise f.fail(
                "key",
                f"'{key}' is not a key of the restriction-category vocabulary"
                + (f" (did you mean '{hint[0]}'?)" if hint else ""),
            )
        _check_unique(path, seen, key, f.label, "key")
        group = f.choice("group", CATEGORY_GROUPS)
        if (group == "mechanics") != (key in MECHANICS_CATEGORY_KEYS):
            raise f.fail(
                "group",
                "must be 'mechanics' exactly for the license-mechanics keys "
                f"({', '.join(MECHANICS_CATEGORY_KEYS)})",
            )
        records.append(
            CategoryRecord(
                key=key,
                name=f.text("name", max_length=120),
                description=f.text("description", max_length=600),
                group=group,
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
    entries = _entries(
        path, "licenses", noun="license", id_field="key", allowed=LICENSE_FIELDS
    )
    for _, f in entries:
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
                url=f.url("url", max_length=500),
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
    entries = _entries(
        path, "clauses", noun="clause", id_field="slug", allowed=CLAUSE_FIELDS
    )
    for _, f in entries:
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
                text=f.text("text", max_length=MAX_CLAUSE_TEXT, paragraphs=True),
                artifacts=f.choices("artifacts", ARTIFACTS, required=True),
                mandatory_in=f.choices("mandatory_in", FLAVORS),
                provenance=f.choices("provenance", license_keys),
                cues=f.strings(
                    "cues",
                    max_length=MAX_CUE_LENGTH,
                    min_count=MIN_CUES,
                    max_count=MAX_CUES,
                ),
                status=f.choice("status", CLAUSE_STATUSES),
            )
        )
    return records
