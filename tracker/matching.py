"""Pure comparison of a model's clause set with the licenses composed here.

No ORM access: configurations arrive as `Profile` plain data (one per
authored license, its latest version), a model's findings as key sets.
"""

from collections.abc import Iterable
from dataclasses import dataclass

NEAR_LIMIT = 3
NEAR_THRESHOLD = 0.5


@dataclass(frozen=True)
class Profile:
    """What one authored license version contains, by category and by clause."""

    version_id: int
    license_id: int
    categories: frozenset[str]
    clauses: frozenset[str]


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
    """The closest configurations: category Jaccard first, then clause Jaccard."""
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
            Near(profile.version_id, by_category, jaccard(clauses, profile.clauses))
        )
    found.sort(key=lambda n: (-n.category_jaccard, -n.clause_jaccard, n.version_id))
    return found[:limit]
