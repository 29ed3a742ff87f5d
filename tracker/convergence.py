"""Pure measures of how clause configurations converge: entropy and similarity."""

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import combinations

Configuration = frozenset[str]


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """|A ∩ B| / |A ∪ B|; two empty sets are identical (1.0)."""
    a, b = set(a), set(b)
    union = a | b
    return len(a & b) / len(union) if union else 1.0


def entropy_bits(counts: Iterable[int]) -> float:
    """Shannon entropy, in bits, of a distribution given by counts (never -0.0)."""
    counts = [c for c in counts if c > 0]
    total = sum(counts)
    if not total:
        return 0.0
    # abs(): one configuration gives -(1 * log2 1) = -0.0, which would print.
    return abs(-sum(c / total * math.log2(c / total) for c in counts))


def _counted(configurations: Iterable[Configuration] | Mapping) -> Counter:
    if isinstance(configurations, Mapping):
        return Counter(dict(configurations))
    return Counter(configurations)


def mean_pairwise_jaccard(
    configurations: Iterable[Configuration] | Mapping[Configuration, int],
) -> float | None:
    """Mean Jaccard similarity over all pairs; None with fewer than two.

    Takes the configurations, or a mapping configuration -> how many licenses
    carry it. Identical configurations are grouped first, so the cost grows
    with the number of distinct configurations, not with the number of
    licenses.
    """
    groups = _counted(configurations)
    n = sum(groups.values())
    if n < 2:
        return None
    total = sum(c * (c - 1) / 2 for c in groups.values())  # identical pairs: 1.0
    for (a, ca), (b, cb) in combinations(groups.items(), 2):
        total += ca * cb * jaccard(a, b)
    return total / (n * (n - 1) / 2)


def convergence_summary(
    configurations: Iterable[Configuration] | Mapping[Configuration, int],
) -> dict:
    """Distinct configurations, entropy and mean pairwise Jaccard for one period."""
    counts = _counted(configurations)
    value = mean_pairwise_jaccard(counts)
    return {
        "licenses": sum(counts.values()),
        "distinct_configurations": len(counts),
        "entropy_bits": round(entropy_bits(counts.values()), 4),
        "mean_pairwise_jaccard": None if value is None else round(value, 4),
    }
