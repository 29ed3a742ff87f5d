"""Pure comparison of a model's clause set with the licenses composed here.

No ORM access: configurations arrive as `Profile` plain data (one per
authored license version), a model's findings as key sets.
"""

from collections.abc import Iterable
from dataclasses import dataclass

NEAR_LIMIT = 3  # licenses per model; every close version of them is kept
NEAR_THRESHOLD = 0.5


@dataclass(frozen=True)
class Profile:
    """What one authored license version contains, by category and by clause.

    The sets are the chosen clauses plus what the detector finds in the
    version's own text (the template adds, e.g., the propagation condition),
    so an exact copy of the text compares at 1.0.
    """

    version_id: int
    license_id: int
    categories: frozenset[str]
    clauses: frozenset[str]
    latest: bool = True


@dataclass(frozen=True)
class Near:
    version_id: int
    category_jaccard: float
    clause_jaccard: float


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """|a ∩ b| / |a ∪ b|; two empty sets are not similar (0.0)."""
    a, b = set(a), set(b)
    union = a | b
    return round(len(a & b) / len(union), 4) if union else 0.0


def nearest_configurations(
    *,
    categories: Iterable[str],
    clauses: Iterable[str],
    profiles: Iterable[Profile],
    exclude_license: int | None = None,
    limit: int = NEAR_LIMIT,
    threshold: float = NEAR_THRESHOLD,
) -> list[Near]:
    """The closest configurations: category Jaccard first, then clause Jaccard.

    At most `limit` licenses; for each, every version above the threshold, so
    the permalink page of an older version lists the models close to it too.
    """
    categories, clauses = frozenset(categories), frozenset(clauses)
    if not categories:
        return []
    found = []
    for profile in profiles:
        if profile.license_id == exclude_license:
            continue
        by_category = jaccard(categories, profile.categories)
        if by_category < threshold:
            continue
        found.append(
            (
                profile.license_id,
                Near(
                    profile.version_id, by_category, jaccard(clauses, profile.clauses)
                ),
            )
        )
    found.sort(
        key=lambda f: (-f[1].category_jaccard, -f[1].clause_jaccard, f[1].version_id)
    )
    kept: list[int] = []
    out = []
    for license_id, near in found:
        if license_id not in kept:
            if len(kept) >= limit:
                continue
            kept.append(license_id)
        out.append(near)
    return out
