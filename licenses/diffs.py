"""What changed between two stored versions: fields, clauses, custom restrictions."""

import difflib
from dataclasses import dataclass, field

from clauses.vocabulary import ARTIFACT_LABELS

from .models import LicenseVersion

_FIELDS = [
    ("project_name", "Project"),
    ("licensor", "Licensor"),
    ("project_url", "Project URL"),
    ("notes", "Notes"),
    ("flavor", "Flavor"),
    ("name", "License name"),
]


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "removed" or "added"
    text: str


def word_diff(old: str, new: str) -> list[Segment]:
    """Word-level differences, as runs of kept, removed and added words."""
    a, b = old.split(), new.split()
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("added", " ".join(b[j1:j2])))
    return segments


@dataclass
class Reworded:
    slug: str
    title: str
    old_version: int
    new_version: int
    title_diff: list[Segment]  # empty when the title did not change
    text_diff: list[Segment]
    old_category: str
    new_category: str


@dataclass(frozen=True)
class CustomRow:
    text: str
    category: str  # the category's name


@dataclass(frozen=True)
class Recategorised:
    text: str
    old_category: str
    new_category: str


@dataclass
class VersionDiff:
    fields_changed: list[tuple[str, str, str]] = field(default_factory=list)
    clauses_added: list[tuple[str, str]] = field(default_factory=list)
    clauses_removed: list[tuple[str, str]] = field(default_factory=list)
    clauses_reworded: list[Reworded] = field(default_factory=list)
    custom_added: list[CustomRow] = field(default_factory=list)
    custom_removed: list[CustomRow] = field(default_factory=list)
    custom_recategorised: list[Recategorised] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(vars(self).values())


def _artifact_labels(artifacts) -> str:
    return ", ".join(ARTIFACT_LABELS.get(a, a) for a in artifacts)


def version_diff(old: LicenseVersion, new: LicenseVersion) -> VersionDiff:
    """Compare two versions loaded with their clauses (`version_queryset`)."""
    diff = VersionDiff()
    diff.fields_changed = [
        (label, str(getattr(old, attr)), str(getattr(new, attr)))
        for attr, label in _FIELDS
        if getattr(old, attr) != getattr(new, attr)
    ]
    if old.artifacts != new.artifacts:
        diff.fields_changed.append(
            (
                "Artifacts",
                _artifact_labels(old.artifacts),
                _artifact_labels(new.artifacts),
            )
        )

    before = {c.clause_version.clause.slug: c.clause_version for c in old.chosen.all()}
    after = {c.clause_version.clause.slug: c.clause_version for c in new.chosen.all()}
    diff.clauses_added = [(s, v.title) for s, v in after.items() if s not in before]
    diff.clauses_removed = [(s, v.title) for s, v in before.items() if s not in after]
    for slug, now in after.items():
        was = before.get(slug)
        if was is None or was.version == now.version:
            continue
        diff.clauses_reworded.append(
            Reworded(
                slug=slug,
                title=now.title,
                old_version=was.version,
                new_version=now.version,
                title_diff=word_diff(was.title, now.title)
                if was.title != now.title
                else [],
                text_diff=word_diff(was.text, now.text),
                old_category=was.category.name,
                new_category=now.category.name,
            )
        )

    # Custom restrictions are compared by text and category together.
    old_rows = [CustomRow(c.text, c.category.name) for c in old.custom_clauses.all()]
    new_rows = [CustomRow(c.text, c.category.name) for c in new.custom_clauses.all()]
    added = [r for r in new_rows if r not in old_rows]
    removed = [r for r in old_rows if r not in new_rows]
    for row in list(added):
        match = next((r for r in removed if r.text == row.text), None)
        if match is not None:
            diff.custom_recategorised.append(
                Recategorised(row.text, match.category, row.category)
            )
            added.remove(row)
            removed.remove(match)
    diff.custom_added, diff.custom_removed = added, removed
    return diff
