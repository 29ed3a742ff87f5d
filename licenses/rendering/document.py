"""The plain data a license template renders; built from a stored version or a draft."""

from dataclasses import dataclass, field
from datetime import date

from clauses.vocabulary import ARTIFACT_LETTERS, ARTIFACTS


@dataclass(frozen=True)
class ClauseItem:
    slug: str
    version: int
    title: str
    text: str
    domain: str
    category: str


@dataclass(frozen=True)
class CustomItem:
    text: str
    category: str
    category_name: str


@dataclass(frozen=True)
class LicenseDocument:
    slug: str
    version: int
    project_name: str
    licensor: str
    flavor: str
    artifacts: tuple[str, ...]
    issued: date
    project_url: str = ""
    notes: str = ""
    clauses: tuple[ClauseItem, ...] = field(default=())
    custom: tuple[CustomItem, ...] = field(default=())

    @property
    def name(self) -> str:
        return rail_name(self.flavor, self.artifacts)

    @property
    def license_id(self) -> str:
        return f"railtrack:{self.slug}:v{self.version}"


def rail_name(flavor: str, artifacts: tuple[str, ...] | list[str]) -> str:
    """RAIL naming: flavor plus artifact letters in D, A, M, S order (OpenRAIL-MS)."""
    letters = "".join(ARTIFACT_LETTERS[a] for a in ARTIFACTS if a in artifacts)
    return f"{flavor}-{letters}"
