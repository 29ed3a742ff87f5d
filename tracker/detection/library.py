"""Plain-data view of the clause library and license catalog that the engine reads."""

from dataclasses import dataclass, fields
from pathlib import Path
from typing import TypeVar

from clauses.loaders import parse_categories, parse_clauses, parse_known_licenses

_Info = TypeVar("_Info")


@dataclass(frozen=True)
class CategoryInfo:
    key: str
    name: str = ""
    group: str = ""

    @property
    def behavioral(self) -> bool:
        return self.group != "mechanics"


@dataclass(frozen=True)
class ClauseInfo:
    slug: str
    category: str
    title: str = ""
    text: str = ""
    cues: tuple[str, ...] = ()
    provenance: tuple[str, ...] = ()


@dataclass(frozen=True)
class LicenseInfo:
    key: str
    name: str = ""
    family: str = ""
    categories: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class ComposedInfo:
    """A license composed here: its slug and the version numbers published."""

    slug: str
    name: str = ""
    versions: tuple[int, ...] = ()


@dataclass(frozen=True)
class Library:
    """Everything detection needs from the library, as immutable plain data."""

    categories: tuple[CategoryInfo, ...] = ()
    clauses: tuple[ClauseInfo, ...] = ()
    licenses: tuple[LicenseInfo, ...] = ()
    composed: tuple[ComposedInfo, ...] = ()
    # True when `composed` is the complete list (read from the database), so a
    # `railtrack:` line naming anything else can be refused; False (fixtures
    # only) leaves such lines unverified.
    composed_known: bool = False

    def license(self, key: str) -> LicenseInfo | None:
        for lic in self.licenses:
            if lic.key == key:
                return lic
        return None


def library_from_fixtures(root: Path) -> Library:
    """Read categories.yaml, known_licenses.yaml and clauses/*.yaml under root.

    Uses the validating parsers of the clauses app (pure YAML, no database).
    A missing catalog or clause folder gives an emptier library, not an error.
    """
    categories = parse_categories(root / "categories.yaml")
    category_keys = {c.key for c in categories}
    licenses = []
    catalog = root / "known_licenses.yaml"
    if catalog.is_file():
        licenses = parse_known_licenses(catalog, category_keys=category_keys)
    license_keys = {lic.key for lic in licenses}
    clauses = []
    for path in sorted((root / "clauses").glob("*.y*ml")):
        clauses.extend(
            parse_clauses(path, category_keys=category_keys, license_keys=license_keys)
        )
    return Library(
        categories=tuple(_info(CategoryInfo, c) for c in categories),
        clauses=tuple(_info(ClauseInfo, c) for c in clauses),
        licenses=tuple(_info(LicenseInfo, lic) for lic in licenses),
    )


def _info(info_type: type[_Info], record: object) -> _Info:
    """The engine's view of a parsed record: the fields both name, as parsed."""
    return info_type(**{f.name: getattr(record, f.name) for f in fields(info_type)})
